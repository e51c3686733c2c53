package org.hypertrace.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hypertrace.cli.opt.Getopt.Opt;
import org.hypertrace.cli.opt.Getopt.Scan;
import org.hypertrace.cli.opt.UsageException;

/**
 * Everything the options of a dtrace(1) command line say, gathered by dtrace.c's first two passes
 * over argv: the mode, the program specifications in order, the options handed to the compiler
 * and the engine, and the process options left for the third pass.
 */
final class Settings {
  /** dtrace.c's DMODE_*: what the command does. */
  enum Mode { EXEC, LIST, VERSION, ANON, LINK, HEADER }

  /** One program specification ({@code -s}, {@code -n}, {@code -P} ...) as given. */
  record Spec(ProbeSpec kind, String arg) {}

  Mode mode = Mode.EXEC;
  /** {@code -e}: compile only. */
  boolean compileOnly;
  /** {@code -32}: the ILP32 data model was asked for. */
  boolean ilp32;
  /** options in force ({@code -x} and the flags that are options), name to value. */
  final Map<String, String> options = new LinkedHashMap<>();
  boolean cpp;
  final List<String> cppArgs = new ArrayList<>();
  int verbose;
  boolean listing;
  boolean remote;
  String outputFile;
  final List<Spec> specs = new ArrayList<>();
  final List<String> typeFiles = new ArrayList<>();
  /** {@code -c} and {@code -p} in order, for the third pass. */
  final List<Opt> processes = new ArrayList<>();
  /** macro arguments after $0. */
  final List<String> operands = new ArrayList<>();

  /**
   * Runs the first two passes.
   *
   * @param pname program name for messages
   * @param scan  the scanned command line
   * @return the settings
   * @throws UsageException for combinations dtrace refuses with status 2
   * @throws CliException   for option values dtrace refuses with status 1
   */
  static Settings of(String pname, Scan scan) throws UsageException, CliException {
    Settings s = new Settings();
    s.operands.addAll(scan.operands());
    int modes = 0;
    for (Opt o : scan.options()) {
      switch (o.letter()) {
        case '3', '6' -> {
          String want = o.letter() == '3' ? "2" : "4";
          if (!want.equals(o.arg())) {
            throw new UsageException(pname + ": illegal option -- " + o.letter() + o.arg());
          }
          s.ilp32 = o.letter() == '3';
        }
        case 'A' -> { s.mode = Mode.ANON; modes++; }
        case 'G' -> { s.mode = Mode.LINK; modes++; }
        case 'h' -> { s.mode = Mode.HEADER; modes++; }
        case 'l' -> { s.mode = Mode.LIST; modes++; }
        case 'V' -> { s.mode = Mode.VERSION; modes++; }
        case 'e' -> s.compileOnly = true;
        default -> { }
      }
    }
    if (modes > 1) {
      throw new UsageException(pname
          + ": only one of the [-AGhlV] options can be specified at a time", false);
    }
    for (Opt o : scan.options()) {
      s.second(o);
    }
    if (s.mode == Mode.LIST) {
      s.options.putIfAbsent("zdefs", "");
    }
    return s;
  }

  /** dtrace.c's second pass: options, compiler flags and program specifications. */
  private void second(Opt o) throws CliException, UsageException {
    String a = o.arg();
    switch (o.letter()) {
      case 'b' -> setopt("bufsize", a, "-b " + a);
      case 'C' -> cpp = true;
      case 'D' -> cppArgs.add("-D" + a);
      case 'U' -> cppArgs.add("-U" + a);
      case 'I' -> cppArgs.add("-I" + a);
      case 'H' -> { cppArgs.add("-H"); options.put("cpphdrs", ""); }
      case 'f' -> specs.add(new Spec(ProbeSpec.FUNCTION, a));
      case 'm' -> specs.add(new Spec(ProbeSpec.MODULE, a));
      case 'n' -> specs.add(new Spec(ProbeSpec.NAME, a));
      case 'i' -> specs.add(new Spec(ProbeSpec.ID, a));
      case 'P' -> specs.add(new Spec(ProbeSpec.PROVIDER, a));
      case 's' -> specs.add(new Spec(ProbeSpec.SCRIPT, a));
      case 'F' -> options.put("flowindent", "");
      case 'q' -> options.put("quiet", "");
      case 'w' -> options.put("destructive", "");
      case 'Z' -> options.put("zdefs", "");
      case 'a' -> options.put("grabanon", "");
      case 'S' -> { listing = true; options.put("verbose", ""); }
      case 'v' -> verbose++;
      case 'o' -> outputFile = a;
      case 'E' -> remote = true;
      case 'y' -> typeFiles.add(a);
      case 'Y' -> typeFiles.add(typeFile(a));
      case 'c', 'p' -> processes.add(o);
      case 'X' -> {
        if (!a.matches("[acst]")) {
          throw new CliException("failed to set -X " + a + ": Invalid value for specified option");
        }
        options.put("stdc", a);
      }
      case 'x' -> {
        int eq = a.indexOf('=');
        String name = eq < 0 ? a : a.substring(0, eq);
        setopt(name, eq < 0 ? "" : a.substring(eq + 1), "-x " + name);
      }
      default -> { }
    }
  }

  private void setopt(String name, String value, String what) throws CliException {
    if (!OptionNames.ALL.contains(name)) {
      throw new CliException("failed to set " + what + ": Invalid option name");
    }
    if (OptionValues.isSize(name) && !OptionValues.validSize(value)) {
      throw new CliException("failed to set " + what + ": Invalid value for specified option");
    }
    switch (name) {
      case "define" -> cppArgs.add("-D" + value);
      case "undef" -> cppArgs.add("-U" + value);
      case "incdir" -> cppArgs.add("-I" + value);
      case "cpp" -> cpp = true;
      default -> { }
    }
    options.put(name, value);
  }

  private static String typeFile(String a) throws UsageException {
    int comma = a.lastIndexOf(',');
    if (comma >= 0) {
      String where = a.substring(comma + 1);
      if (!where.equals("host") && !where.equals("guest")) {
        throw new UsageException("dtrace: -Y requires file[,host|guest]: " + a, false);
      }
    }
    return a;
  }

  /** @return whether quiet mode is on from the command line */
  boolean quiet() {
    return options.containsKey("quiet");
  }

  /** @return whether probe descriptions may match zero probes ({@code -Z}, {@code -l}) */
  boolean zdefs() {
    return options.containsKey("zdefs");
  }

  /** @return whether {@code -x errtags} is on */
  boolean errtags() {
    return options.containsKey("errtags");
  }
}

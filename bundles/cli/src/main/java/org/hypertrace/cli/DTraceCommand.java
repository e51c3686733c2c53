package org.hypertrace.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hypertrace.api.compile.CompileRequest;
import org.hypertrace.api.compile.CompileResult;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DCompiler;
import org.hypertrace.api.compile.DErrorTag;
import org.hypertrace.api.engine.DTraceEngine;
import org.hypertrace.api.engine.TraceSession;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.program.Statement;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.cli.opt.Getopt;
import org.hypertrace.cli.opt.UsageException;
import org.hypertrace.cli.remote.RemoteTracing.RemoteException;

/**
 * One run of dtrace(1): the flow of dtrace.c {@code main} on HyperTrace's services. Five passes as
 * dtrace makes them: modes, options, processes ({@code -c}/{@code -p}), compilation of each
 * {@code -s}/{@code -n}/{@code -P}/{@code -m}/{@code -f}/{@code -i} in order, then the mode's work
 * (version, list, compile only, trace locally, or hand over to dtraced with {@code -E}).
 *
 * <p>Invariants:
 * <ol>
 *   <li>every failure is one line on standard error, {@code dtrace: ...}, and a status (1 failure,
 *       2 usage); never a Java stack trace;</li>
 *   <li>text is written as ISO-8859-1, so each char the engine produces is one byte, as D strings
 *       are bytes: the output is byte-exact for any input the script read the same way;</li>
 *   <li>standard output is flushed after each piece the engine produces.</li>
 * </ol>
 */
public final class DTraceCommand {
  static final int E_SUCCESS = 0;
  static final int E_ERROR = 1;
  static final int E_USAGE = 2;
  /** libdtrace's API version string ({@code _dtrace_version}). */
  static final String VERSION = "Sun D 1.14";

  private final Services services;
  private final StreamOutput console;
  private final Path cwd;
  private final String argv0;
  private final String pname = "dtrace";
  private boolean signals = true;
  private long timeoutMillis;
  private Settings settings;
  private ProbeCatalog catalog;
  private final TargetProcesses targets = new TargetProcesses();

  /** A compiled specification and how dtrace names it in messages. */
  private record Compiled(String desc, String name, DProgram program) {}

  /**
   * @param services the compiler, engine and providers
   * @param stdout   standard output
   * @param stderr   standard error
   * @param cwd      the directory relative paths ({@code -s}, {@code -o}) are resolved against
   * @param argv0    the command's path as invoked ({@code $0} of {@code -n} programs)
   */
  public DTraceCommand(Services services, OutputStream stdout, OutputStream stderr, Path cwd,
      String argv0) {
    this.services = services;
    this.console = new StreamOutput(stdout, stderr);
    this.cwd = cwd;
    this.argv0 = argv0;
  }

  /**
   * For runs inside a shared JVM (batch mode, tests): no signal handlers, and a limit after which
   * tracing is stopped as by SIGINT and the run fails.
   *
   * @param millis the limit, 0 for none
   * @return this
   */
  public DTraceCommand embedded(long millis) {
    this.signals = false;
    this.timeoutMillis = millis;
    return this;
  }

  /**
   * Runs the command.
   *
   * @param args the arguments after the program name
   * @return the exit status
   */
  public int run(String[] args) {
    try {
      return execute(args);
    } catch (UsageException e) {
      if (e.getMessage() != null) {
        console.err(e.getMessage() + "\n");
      }
      if (e.withUsage()) {
        console.err(Usage.text(pname));
      }
      return E_USAGE;
    } catch (CliException e) {
      console.err(pname + ": " + e.getMessage() + "\n");
      return e.status();
    } catch (RuntimeException | Error e) {
      console.err(pname + ": internal error: " + describe(e) + "\n");
      return E_ERROR;
    } finally {
      targets.release();
      console.finish();
    }
  }

  private int execute(String[] args) throws UsageException, CliException {
    if (args.length == 0) {
      throw new UsageException(null);
    }
    settings = Settings.of(pname, Getopt.scan(pname, Getopt.DTRACE_OPTSTR, args));
    switch (settings.mode) {
      case VERSION:
        console.out(pname + ": " + VERSION + "\n");
        return E_SUCCESS;
      case ANON:
      case LINK:
      case HEADER:
        throw new CliException("-" + modeLetter() + " is not supported by HyperTrace/J");
      default:
        break;
    }
    if (settings.ilp32) {
      // the compiler and engine know the LP64 model of the Linux hosts only
      throw new CliException("failed to initialize dtrace: the 32-bit data model (-32) is not "
          + "supported");
    }
    if (settings.outputFile != null) {
      console.redirect(openOutput(settings.outputFile));
    }
    if (settings.remote && settings.mode == Settings.Mode.LIST) {
      throw new CliException("-E cannot be combined with -l");
    }
    for (String typeFile : settings.typeFiles) {
      int comma = typeFile.lastIndexOf(',');
      String name = comma < 0 ? typeFile : typeFile.substring(0, comma);
      if (!Files.isReadable(cwd.resolve(name))) {
        throw new CliException("failed to open " + name + ": No such file or directory");
      }
    }
    for (Getopt.Opt o : settings.processes) {
      if (o.letter() == 'c') {
        targets.create(o.arg());
      } else {
        targets.grab(o.arg());
      }
    }
    List<Compiled> programs = new ArrayList<>();
    for (Settings.Spec spec : settings.specs) {
      programs.add(compile(spec));
    }
    if (settings.mode == Settings.Mode.LIST) {
      return list(programs);
    }
    if (settings.compileOnly) {
      return E_SUCCESS;
    }
    return settings.remote ? runRemote(programs) : runLocal(programs);
  }

  private char modeLetter() {
    return switch (settings.mode) {
      case ANON -> 'A';
      case LINK -> 'G';
      default -> 'h';
    };
  }

  // ---------------------------------------------------------------------------------------------
  // compilation (dtrace.c compile_file / compile_str)
  // ---------------------------------------------------------------------------------------------

  private Compiled compile(Settings.Spec spec) throws CliException {
    boolean script = spec.kind() == ProbeSpec.SCRIPT;
    String prefix = script ? "failed to compile script " + spec.arg() + ": "
        : "invalid probe specifier " + spec.arg() + ": ";
    String source = script ? readScript(spec.arg()) : specSource(spec, prefix);
    if (!script && settings.mode == Settings.Mode.LIST && ProbeSpec.descriptionsOnly(source)) {
      return new Compiled("description", ProbeSpec.reportName(spec.arg()), probesOnly(source,
          prefix));
    }
    List<String> macros = new ArrayList<>();
    macros.add(script ? spec.arg() : argv0);
    macros.addAll(settings.operands);
    Map<String, String> options = new LinkedHashMap<>(settings.options);
    if (targets.any()) {
      // $target reaches the compiler as an option: CompileRequest has no field of its own for it
      options.put("target", Long.toString(targets.first()));
    }
    CompileRequest.Context context = CompileRequest.Context.PROGRAM;
    CompileRequest request = new CompileRequest(source, script ? spec.arg() : null, context,
        List.copyOf(macros), options, settings.cpp, List.copyOf(settings.cppArgs),
        settings.remote);
    DCompiler compiler = compiler();
    CompileResult result;
    try {
      result = compiler.compile(request);
    } catch (DCompileException e) {
      throw new CliException(prefix + e.format(settings.errtags()));
    } catch (RuntimeException | Error e) {
      throw new CliException(prefix + "internal compiler error: " + describe(e));
    }
    for (String w : result.warnings()) {
      console.err(pname + ": " + w + (w.endsWith("\n") ? "" : "\n"));
    }
    if (settings.listing) {
      String listing = DifListing.of(compiler, result.program());
      if (listing != null) {
        console.err(listing);
      }
    }
    DProgram program = result.program();
    if (!settings.remote) {
      program = LocalTargets.localize(program, source, script ? spec.arg() : null, prefix,
          settings.errtags());
      if (settings.mode != Settings.Mode.LIST) {
        // the engine runs plain DIF: kernel members are resolved against this host's BTF
        program = HostLink.link(program, services, prefix);
      }
    }
    if (settings.mode == Settings.Mode.EXEC && !settings.remote && !settings.zdefs()
        && !program.options().containsKey("zdefs")) {
      checkMatches(program, source, script ? spec.arg() : null, prefix);
    }
    return script ? new Compiled("script", spec.arg(), program)
        : new Compiled("description", ProbeSpec.reportName(spec.arg()), program);
  }

  /** {@code -l} with descriptions only needs no compiler: dtrace_str2desc's reading. */
  private DProgram probesOnly(String source, String prefix) throws CliException {
    List<Statement> statements = new ArrayList<>();
    try {
      for (ProbeDescription d : ProbeSpec.NAME.descriptions(source)) {
        statements.add(new Statement(d, null, List.of(), 0));
      }
    } catch (IllegalArgumentException e) {
      throw new CliException(prefix + e.getMessage());
    }
    return new DProgram(List.copyOf(statements), Map.of(), new byte[0]);
  }

  private String specSource(Settings.Spec spec, String prefix) throws CliException {
    if (spec.kind() != ProbeSpec.ID) {
      return spec.kind().toSource(spec.arg());
    }
    String head = ProbeSpec.reportName(spec.arg()).trim();
    ProbeInfo probe = null;
    try {
      probe = catalog().byId(Integer.parseInt(head));
    } catch (NumberFormatException e) {
      probe = null;
    }
    if (probe == null) {
      throw new CliException(prefix + "probe description " + head
          + " does not match any probes");
    }
    String desc = probe.provider() + ":" + probe.module() + ":" + probe.function() + ":"
        + probe.name();
    int at = spec.arg().indexOf(head);
    return desc + spec.arg().substring(at + head.length());
  }

  private String readScript(String name) throws CliException {
    Path p = cwd.resolve(name);
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw new CliException("failed to open " + name + ": No such file or directory");
    } catch (IOException e) {
      throw new CliException("failed to open " + name + ": " + reason(e));
    }
  }

  /**
   * libdtrace fails a clause whose description matches no probe (D_PDESC_ZERO) unless -Z; the
   * compiler cannot see the providers, so the command line checks each statement here.
   */
  private void checkMatches(DProgram program, String source, String file, String prefix)
      throws CliException {
    ProbeCatalog cat = catalog();
    if (!cat.known()) {
      return;
    }
    for (Statement st : program.statements()) {
      ProbeDescription d = st.probe();
      if (!d.target().isEmpty() || !cat.match(d).isEmpty()) {
        continue;
      }
      String text = "probe description " + d.provider() + ":" + d.module() + ":" + d.function()
          + ":" + d.name() + " does not match any probes";
      DCompileException e = new DCompileException(DErrorTag.D_PDESC_ZERO, file,
          SourceLines.lineOf(source, d), text);
      throw new CliException(prefix + e.format(settings.errtags()));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // modes
  // ---------------------------------------------------------------------------------------------

  /** dtrace.c DMODE_LIST: the header, then the probes each specification matches, or all. */
  private int list(List<Compiled> programs) throws CliException {
    ProbeCatalog cat = catalog();
    console.out(ProbeCatalog.header());
    if (programs.isEmpty()) {
      // dtrace_probe_iter walks the probes in id order
      List<ProbeInfo> all = new ArrayList<>(cat.all());
      all.sort(java.util.Comparator.comparingInt(ProbeInfo::id));
      for (ProbeInfo p : all) {
        console.out(ProbeCatalog.line(p));
      }
      return E_SUCCESS;
    }
    for (Compiled c : programs) {
      ProbeDescription last = null;
      for (Statement st : c.program().statements()) {
        ProbeDescription d = st.probe();
        if (d.equals(last)) {
          continue;
        }
        last = d;
        List<ProbeInfo> found = cat.match(d);
        if (found.isEmpty()) {
          console.err(pname + ": failed to match " + d.provider() + ":" + d.module() + ":"
              + d.function() + ":" + d.name() + ": No probe matches description\n");
        }
        for (ProbeInfo p : found) {
          console.out(ProbeCatalog.line(p));
        }
      }
    }
    return E_SUCCESS;
  }

  /** dtrace.c DMODE_EXEC on the local engine: enable, go, consume until exit or SIGINT. */
  private int runLocal(List<Compiled> programs) throws CliException {
    DTraceEngine engine = engine();
    ProbeCatalog cat = catalog();
    boolean quiet = settings.quiet()
        || programs.stream().anyMatch(c -> c.program().options().containsKey("quiet"));
    long total = 0;
    for (Compiled c : programs) {
      long n = 0;
      for (Statement st : c.program().statements()) {
        n += cat.known() ? cat.match(st.probe()).size() : 1;
      }
      if (!quiet) {
        console.err(pname + ": " + c.desc() + " '" + c.name() + "' matched " + n + " probe"
            + (n == 1 ? "" : "s") + "\n");
      }
      total += n;
    }
    if (total == 0 && !settings.zdefs()) {
      throw new CliException(programs.isEmpty() ? "no probes specified" : "no probes matched");
    }
    Timing.report("compiled", console);
    DProgram merged = ProgramMerger.merge(programs.stream().map(Compiled::program).toList());
    if (cat.known()) {
      // with -Z a description may match nothing: its clauses are simply never enabled
      merged = ProgramMerger.withoutUnmatched(merged, d -> !cat.match(d).isEmpty());
    }
    // on a plain class path nobody tracks provider services: hand over those a description needed
    for (var provider : cat.loadedProviders()) {
      engine.useProvider(provider);
    }
    TraceSession session;
    try {
      session = engine.open(merged, Map.copyOf(settings.options), console);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new CliException("failed to enable '" + programs.get(0).name() + "': "
          + withoutPrefix(e.getMessage()));
    }
    try {
      return trace(session, quiet || merged.options().containsKey("quiet"));
    } finally {
      session.close();
    }
  }

  private int trace(TraceSession session, boolean quiet) throws CliException {
    Interrupts interrupts = signals ? Interrupts.install(session, console) : null;
    try {
      try {
        session.go();
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new CliException("could not enable tracing: " + withoutPrefix(e.getMessage()));
      }
      Timing.report("probes armed", console);
      if (settings.options.containsKey("destructive") && !quiet) {
        console.err(pname + ": allowing destructive actions\n");
      }
      targets.continueAll(n -> {
        if (!quiet) {
          console.err(pname + ": " + n + "\n");
        }
      }, session::stop);
      long deadline = timeoutMillis > 0 ? System.currentTimeMillis() + timeoutMillis : 0;
      while (!session.awaitEnd(100)) {
        if (deadline != 0 && System.currentTimeMillis() > deadline) {
          session.stop();
          throw new CliException("timed out after " + timeoutMillis + " ms");
        }
      }
      return session.exitStatus();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      session.stop();
      return session.exitStatus();
    } finally {
      if (interrupts != null) {
        interrupts.uninstall();
      }
    }
  }

  /** HyperTrace's -E: the programs go to the host's dtraced. */
  private int runRemote(List<Compiled> programs) throws CliException {
    if (programs.isEmpty()) {
      throw new CliException("no probes specified");
    }
    try {
      return services.remote().run(programs.stream().map(Compiled::program).toList(),
          programs.stream().map(c -> c.desc() + " '" + c.name() + "'").toList(),
          Map.copyOf(settings.options), List.copyOf(settings.typeFiles), console);
    } catch (RemoteException e) {
      throw new CliException(e.getMessage());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // services and small helpers
  // ---------------------------------------------------------------------------------------------

  private DCompiler compiler() throws CliException {
    try {
      return services.compiler();
    } catch (IllegalStateException e) {
      throw new CliException("failed to initialize dtrace: " + e.getMessage());
    }
  }

  private DTraceEngine engine() throws CliException {
    try {
      return services.engine();
    } catch (IllegalStateException e) {
      throw new CliException("failed to initialize dtrace: " + e.getMessage());
    }
  }

  private ProbeCatalog catalog() throws CliException {
    if (catalog == null) {
      DTraceEngine engine;
      try {
        engine = services.engine();
      } catch (IllegalStateException e) {
        engine = null;
      }
      catalog = new ProbeCatalog(engine, services::providers);
    }
    return catalog;
  }

  private OutputStream openOutput(String name) throws CliException {
    try {
      return Files.newOutputStream(cwd.resolve(name), java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new CliException("failed to open output file '" + name + "': " + reason(e));
    }
  }

  private static String reason(IOException e) {
    String m = e.getMessage();
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "Permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "No such file or directory";
    }
    return m == null ? e.getClass().getSimpleName() : ClasspathServices.oneLine(m);
  }

  private static String withoutPrefix(String m) {
    if (m == null) {
      return "unknown error";
    }
    String s = ClasspathServices.oneLine(m);
    return s.startsWith("dtrace: ") ? s.substring(8) : s;
  }

  static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + ClasspathServices.oneLine(m));
  }
}

package org.hypertrace.compiler;

import java.util.Map;

/**
 * Validation of option names and values as {@code dtrace_setopt} does (dt_options.c): the
 * compile-time, dynamic run-time and run-time option tables and their value parsers. Returns the
 * dt_error.c message of the failure, or null when the option is acceptable.
 */
public final class Options {
  private enum Kind { CFLAG, SIZE, RATE, RUNTIME, STRSIZE, BUFPOLICY, BUFRESIZE, STRING, ANY }

  private static final Map<String, Kind> TABLE = Map.ofEntries(
      Map.entry("aggpercpu", Kind.CFLAG), Map.entry("amin", Kind.STRING),
      Map.entry("argref", Kind.CFLAG), Map.entry("core", Kind.STRING),
      Map.entry("cpp", Kind.CFLAG), Map.entry("cpphdrs", Kind.ANY),
      Map.entry("cpppath", Kind.STRING), Map.entry("ctypes", Kind.STRING),
      Map.entry("defaultargs", Kind.CFLAG), Map.entry("dtypes", Kind.STRING),
      Map.entry("debug", Kind.ANY), Map.entry("define", Kind.STRING),
      Map.entry("droptags", Kind.ANY), Map.entry("empty", Kind.CFLAG),
      Map.entry("encoding", Kind.STRING), Map.entry("errtags", Kind.CFLAG),
      Map.entry("evaltime", Kind.STRING), Map.entry("incdir", Kind.STRING),
      Map.entry("iregs", Kind.STRING), Map.entry("kdefs", Kind.CFLAG),
      Map.entry("knodefs", Kind.CFLAG), Map.entry("late", Kind.STRING),
      Map.entry("lazyload", Kind.ANY), Map.entry("ldpath", Kind.STRING),
      Map.entry("libdir", Kind.STRING), Map.entry("linkmode", Kind.STRING),
      Map.entry("linktype", Kind.STRING), Map.entry("nolibs", Kind.CFLAG),
      Map.entry("pgmax", Kind.STRING), Map.entry("pspec", Kind.CFLAG),
      Map.entry("setenv", Kind.STRING), Map.entry("stdc", Kind.STRING),
      Map.entry("strip", Kind.CFLAG), Map.entry("syslibdir", Kind.STRING),
      Map.entry("tree", Kind.STRING), Map.entry("tregs", Kind.STRING),
      Map.entry("udefs", Kind.CFLAG), Map.entry("undef", Kind.STRING),
      Map.entry("unodefs", Kind.CFLAG), Map.entry("unsetenv", Kind.STRING),
      Map.entry("verbose", Kind.CFLAG), Map.entry("version", Kind.STRING),
      Map.entry("zdefs", Kind.CFLAG), Map.entry("aggsize", Kind.SIZE),
      Map.entry("bufsize", Kind.SIZE), Map.entry("bufpolicy", Kind.BUFPOLICY),
      Map.entry("bufresize", Kind.BUFRESIZE), Map.entry("cleanrate", Kind.RATE),
      Map.entry("cpu", Kind.RUNTIME), Map.entry("destructive", Kind.RUNTIME),
      Map.entry("dynvarsize", Kind.SIZE), Map.entry("grabanon", Kind.RUNTIME),
      Map.entry("jstackframes", Kind.RUNTIME), Map.entry("jstackstrsize", Kind.SIZE),
      Map.entry("nspec", Kind.RUNTIME), Map.entry("specsize", Kind.SIZE),
      Map.entry("stackframes", Kind.RUNTIME), Map.entry("statusrate", Kind.RATE),
      Map.entry("strsize", Kind.STRSIZE), Map.entry("ustackframes", Kind.RUNTIME),
      Map.entry("temporal", Kind.RUNTIME), Map.entry("agghist", Kind.RUNTIME),
      Map.entry("aggpack", Kind.RUNTIME), Map.entry("aggrate", Kind.RATE),
      Map.entry("aggsortkey", Kind.RUNTIME), Map.entry("aggsortkeypos", Kind.RUNTIME),
      Map.entry("aggsortpos", Kind.RUNTIME), Map.entry("aggsortrev", Kind.RUNTIME),
      Map.entry("aggzoom", Kind.RUNTIME), Map.entry("flowindent", Kind.RUNTIME),
      Map.entry("quiet", Kind.RUNTIME), Map.entry("rawbytes", Kind.RUNTIME),
      Map.entry("stackindent", Kind.RUNTIME), Map.entry("switchrate", Kind.RATE),
      Map.entry("zone", Kind.STRING));

  /** Options whose handlers refuse to run once a compilation is under way (EDT_BADOPTCTX). */
  private static final java.util.Set<String> IN_PROGRAM_FORBIDDEN = java.util.Set.of("cpphdrs",
      "cpppath", "define", "incdir", "undef", "ldpath", "setenv", "unsetenv", "stdc");

  private Options() {}

  /** The D versions libdtrace defines (dt_open.c {@code _dtrace_versions}). */
  private static final java.util.Set<String> VERSIONS = java.util.Set.of("1.0", "1.1", "1.2",
      "1.2.1", "1.2.2", "1.3", "1.4", "1.4.1", "1.5", "1.6", "1.6.1", "1.6.2", "1.6.3", "1.7",
      "1.7.1", "1.8", "1.8.1", "1.9", "1.9.1", "1.10", "1.11", "1.12", "1.12.1", "1.13", "1.14");

  /** @return the packed version (DT_VERSION_NUMBER) of "M.m[.u]", or -1. */
  public static int parseVersion(String v) {
    if (v == null || !v.matches("[0-9]{1,3}\\.[0-9]{1,4}(\\.[0-9]{1,4})?")) {
      return -1;
    }
    String[] p = v.split("\\.");
    int maj = Integer.parseInt(p[0]);
    int min = Integer.parseInt(p[1]);
    int mic = p.length > 2 ? Integer.parseInt(p[2]) : 0;
    if (maj > 0xff || min > 0xfff || mic > 0xfff) {
      return -1;
    }
    return org.hypertrace.compiler.ident.Builtins.version(maj, min, mic);
  }

  /** @return null if {@code name=value} is acceptable, else the dtrace error message. */
  public static String check(String name, String value) {
    if (name.equals("version")) {
      if (value == null) {
        return "Invalid value for specified option";
      }
      if (parseVersion(value) < 0) {
        return "Version is not properly formatted or is too large";
      }
      String norm = value.endsWith(".0") && value.chars().filter(ch -> ch == '.').count() == 2
          ? value.substring(0, value.length() - 2) : value;
      return VERSIONS.contains(norm) ? null : "Requested version is not supported by compiler";
    }
    Kind k = TABLE.get(name);
    if (k == null) {
      return "Invalid option name";
    }
    if (IN_PROGRAM_FORBIDDEN.contains(name)) {
      return "Option cannot be used from within a D program";
    }
    boolean ok;
    switch (k) {
      case CFLAG:
        ok = value == null;
        break;
      case SIZE:
      case STRSIZE:
        ok = value == null || parseSize(value) >= 0;
        break;
      case RATE:
        ok = value == null || parseRate(value) >= 0;
        break;
      case RUNTIME:
        ok = value == null || value.isEmpty() || parseRuntime(value);
        break;
      case BUFPOLICY:
        ok = value != null && (value.equals("ring") || value.equals("fill")
            || value.equals("switch"));
        break;
      case BUFRESIZE:
        ok = value != null && (value.equals("auto") || value.equals("manual"));
        break;
      default:
        ok = true;
        break;
    }
    return ok ? null : "Invalid value for specified option";
  }

  private static boolean parseRuntime(String v) {
    String[] words = {"yes", "no", "enable", "disable", "enabled", "disabled", "true", "false",
        "on", "off", "set", "unset"};
    for (String w : words) {
      if (w.equalsIgnoreCase(v)) {
        return true;
      }
    }
    return parseC(v) >= 0;
  }

  /** strtoull(s, &end, 0) demanding the whole string; -1 on failure. */
  static long parseC(String s) {
    try {
      if (s.startsWith("0x") || s.startsWith("0X")) {
        return Long.parseUnsignedLong(s.substring(2), 16);
      }
      if (s.length() > 1 && s.startsWith("0")) {
        return Long.parseUnsignedLong(s.substring(1), 8);
      }
      long v = Long.parseUnsignedLong(s);
      return v < 0 ? -1 : v;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** dt_optval_parse: a number with an optional k/m/g/t suffix. @return -1 on failure. */
  public static long parseSize(String s) {
    if (s.isEmpty()) {
      return -1;
    }
    char c = Character.toLowerCase(s.charAt(s.length() - 1));
    long mul = 1;
    String num = s;
    switch (c) {
      case 't': mul = 1L << 40; num = s.substring(0, s.length() - 1); break;
      case 'g': mul = 1L << 30; num = s.substring(0, s.length() - 1); break;
      case 'm': mul = 1L << 20; num = s.substring(0, s.length() - 1); break;
      case 'k': mul = 1L << 10; num = s.substring(0, s.length() - 1); break;
      default: break;
    }
    long v = parseC(num);
    return v < 0 ? -1 : v * mul;
  }

  /** dt_opt_rate: a number with an optional time suffix; -1 on failure. */
  public static long parseRate(String s) {
    int i = 0;
    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)))
        && !(i > 0 && Character.isLetter(s.charAt(i)) && !(s.startsWith("0x")
        || s.startsWith("0X")))) {
      i++;
    }
    int j = 0;
    while (j < s.length() && Character.isDigit(s.charAt(j))) {
      j++;
    }
    if (j == 0) {
      return -1;
    }
    String suffix = s.substring(j).toLowerCase(java.util.Locale.ROOT);
    switch (suffix) {
      case "": case "ns": case "nsec": case "us": case "usec": case "ms": case "msec": case "s":
      case "sec": case "m": case "min": case "h": case "hour": case "d": case "day": case "hz":
        return Long.parseLong(s.substring(0, j));
      default:
        return -1;
    }
  }
}

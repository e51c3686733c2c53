package org.hypertrace.cli;

import java.util.Set;

/**
 * The option names {@code -x} accepts: libdtrace's compile-time, run-time and dynamic option
 * tables (dt_options.c), plus HyperTrace's. An unknown name fails as {@code dtrace_setopt} does
 * with "Invalid option name".
 */
final class OptionNames {
  /** Names accepted by {@code -x} and {@code #pragma D option}. */
  static final Set<String> ALL = Set.of(
      // compile-time options
      "amin", "argref", "core", "cpp", "cpphdrs", "cpppath", "ctypes", "defaultargs", "dtypes",
      "debug", "define", "droptags", "empty", "encoding", "errtags", "evaltime", "incdir", "iregs",
      "kdefs", "knodefs", "late", "lazyload", "ldpath", "libdir", "linkmode", "linktype", "nolibs",
      "pgmax", "pspec", "setenv", "stdc", "strip", "syslibdir", "tree", "tregs", "udefs", "undef",
      "unodefs", "unsetenv", "verbose", "version", "zdefs",
      // run-time options
      "aggpercpu", "aggsize", "bufsize", "bufpolicy", "bufresize", "cleanrate", "cpu",
      "destructive",
      "dynvarsize", "grabanon", "jstackframes", "jstackstrsize", "nspec", "specsize", "stackframes",
      "statusrate", "strsize", "ustackframes", "temporal",
      // dynamic run-time options
      "agghist", "aggpack", "aggrate", "aggsortkey", "aggsortkeypos", "aggsortpos", "aggsortrev",
      "aggzoom", "flowindent", "quiet", "rawbytes", "stackindent", "switchrate");

  private OptionNames() {}
}

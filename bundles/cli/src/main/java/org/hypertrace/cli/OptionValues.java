package org.hypertrace.cli;

import java.util.Set;

/**
 * Checks of option values the command line can make before any service loads: sizes as libdtrace's
 * {@code dt_opt_size} reads them (a number with an optional k, m, g or t suffix).
 */
final class OptionValues {
  private static final Set<String> SIZES =
      Set.of("aggsize", "bufsize", "dynvarsize", "specsize", "strsize");

  private OptionValues() {}

  static boolean isSize(String name) {
    return SIZES.contains(name);
  }

  static boolean validSize(String v) {
    return v.matches("[0-9]+[kKmMgGtT]?");
  }
}

package org.hypertrace.engine;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The session's option values: port of dt_options.c's parsing ({@code dt_opt_size},
 * {@code dt_opt_rate}, booleans) for the options the engine honours.
 */
public final class Options {
  private final Map<String, String> values = new HashMap<>();

  /**
   * @param program options of the program
   * @param overrides options from the command line, which win
   */
  public Options(Map<String, String> program, Map<String, String> overrides) {
    if (program != null) {
      values.putAll(program);
    }
    if (overrides != null) {
      values.putAll(overrides);
    }
  }

  /** @param name option @return whether it is set */
  public boolean isSet(String name) {
    return values.containsKey(name);
  }

  /** @param name option @param v value ("" for booleans), null to unset */
  public void set(String name, String v) {
    if (v == null) {
      values.remove(name);
    } else {
      values.put(name, v);
    }
  }

  /** @param name option @return the raw value or null */
  public String get(String name) {
    return values.get(name);
  }

  /**
   * A size option with dtrace's suffixes k, m, g, t.
   *
   * @param name option
   * @param def  default
   * @return the size in bytes
   */
  public long size(String name, long def) {
    String v = values.get(name);
    if (v == null || v.isEmpty()) {
      return def;
    }
    return parseSize(v);
  }

  /** @param v "4m", "512k", "100" @return bytes */
  public static long parseSize(String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    long mult = 1;
    char c = s.charAt(s.length() - 1);
    if (c == 'k' || c == 'm' || c == 'g' || c == 't') {
      mult = switch (c) {
        case 'k' -> 1L << 10;
        case 'm' -> 1L << 20;
        case 'g' -> 1L << 30;
        default -> 1L << 40;
      };
      s = s.substring(0, s.length() - 1);
    }
    return Long.decode(s) * mult;
  }

  /**
   * A rate option (switchrate, aggrate ...) as a period.
   *
   * @param name option
   * @param defNanos default period
   * @return the period in nanoseconds
   */
  public long rateNanos(String name, long defNanos) {
    String v = values.get(name);
    if (v == null || v.isEmpty()) {
      return defNanos;
    }
    long p = org.hypertrace.engine.prov.Rates.periodNanos(v.trim());
    return p > 0 ? p : defNanos;
  }

  /** @param name option @param def default @return an integer option */
  public long number(String name, long def) {
    String v = values.get(name);
    if (v == null || v.isEmpty()) {
      return def;
    }
    try {
      return Long.decode(v.trim());
    } catch (NumberFormatException e) {
      return def;
    }
  }
}

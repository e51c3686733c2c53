package org.hypertrace.dtraced.remote;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The intervals of {@code tick-N} and {@code profile-N} probe names with dtrace's rate suffixes
 * (ns, us, ms, s, m, h, d, hz; a bare number is a frequency in hertz).
 */
final class ProbeRates {
  private static final Pattern NAME = Pattern.compile("(tick|profile)-(\\d+)([a-z]*)");

  private ProbeRates() {}

  /** @param name a probe name @return its interval in nanoseconds, or -1 if it is no timer */
  static long intervalNanos(String name) {
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      return -1;
    }
    long n = Long.parseLong(m.group(2));
    if (n <= 0) {
      return -1;
    }
    switch (m.group(3)) {
      case "ns": case "nsec": return n;
      case "us": case "usec": return n * 1_000L;
      case "ms": case "msec": return n * 1_000_000L;
      case "s": case "sec": return n * 1_000_000_000L;
      case "m": case "min": return n * 60_000_000_000L;
      case "h": case "hour": return n * 3_600_000_000_000L;
      case "d": case "day": return n * 86_400_000_000_000L;
      case "": case "hz": return 1_000_000_000L / n;
      default: return -1;
    }
  }
}

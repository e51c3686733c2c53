package org.hypertrace.engine.prov;

/**
 * Parses the rate of a {@code profile-N} / {@code tick-N} probe name: port of profile.c's
 * {@code profile_provide} suffix table. A bare number is a frequency in hertz; suffixes
 * {@code ns nsec us usec ms msec s sec m min h hour d day} give a period, {@code hz} a
 * frequency.
 */
public final class Rates {
  /** The provider's lower bound on the period: 200 microseconds. */
  public static final long MIN_INTERVAL_NS = 200_000L;

  private static final String[] SUFFIX = {
    "ns", "nsec", "us", "usec", "ms", "msec", "s", "sec", "m", "min", "h", "hour", "d", "day", "hz"
  };
  private static final long[] MULT = {
    1, 1, 1_000, 1_000, 1_000_000, 1_000_000, 1_000_000_000L, 1_000_000_000L,
    60_000_000_000L, 60_000_000_000L, 3_600_000_000_000L, 3_600_000_000_000L,
    86_400_000_000_000L, 86_400_000_000_000L, 0
  };

  private Rates() {}

  /**
   * @param rate the part after {@code tick-} or {@code profile-}
   * @return the period in nanoseconds, or -1 when the rate is not valid or below the minimum
   */
  public static long periodNanos(String rate) {
    int i = 0;
    while (i < rate.length() && Character.isDigit(rate.charAt(i))) {
      i++;
    }
    if (i == 0) {
      return -1;
    }
    long val;
    try {
      val = Long.parseLong(rate.substring(0, i));
    } catch (NumberFormatException e) {
      return -1;
    }
    String suffix = rate.substring(i);
    long period;
    if (suffix.isEmpty()) {
      period = val == 0 ? -1 : 1_000_000_000L / val;
    } else {
      int k = java.util.Arrays.asList(SUFFIX).indexOf(suffix);
      if (k < 0) {
        return -1;
      }
      if (MULT[k] == 0) {
        period = val == 0 ? -1 : 1_000_000_000L / val;
      } else {
        period = val * MULT[k];
      }
    }
    return period < MIN_INTERVAL_NS ? -1 : period;
  }
}

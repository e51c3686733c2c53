package org.hypertrace.engine.agg;

/**
 * Log-linear quantization: port of {@code dtrace_aggregate_llquantize_bucket} and of the
 * argument encoding ({@code DTRACE_LLQUANTIZE_FACTOR/LOW/HIGH/NSTEP}).
 */
public final class LlQuantize {
  private LlQuantize() {}

  /** @param arg encoded argument @return factor */
  public static int factor(long arg) {
    return (int) ((arg >>> 48) & 0xffff);
  }

  /** @param arg encoded argument @return low magnitude */
  public static int low(long arg) {
    return (int) ((arg >>> 32) & 0xffff);
  }

  /** @param arg encoded argument @return high magnitude */
  public static int high(long arg) {
    return (int) ((arg >>> 16) & 0xffff);
  }

  /** @param arg encoded argument @return steps per magnitude */
  public static int nsteps(long arg) {
    return (int) (arg & 0xffff);
  }

  /** @param arg encoded argument @return number of buckets */
  public static int buckets(long arg) {
    if (factor(arg) < 2 || nsteps(arg) == 0) {
      return 1;
    }
    return bucket(arg, Long.MAX_VALUE) + 1;
  }

  /**
   * @param arg   encoded argument
   * @param value the value
   * @return its bucket
   */
  public static int bucket(long arg, long value) {
    int factor = factor(arg);
    int low = low(arg);
    int high = high(arg);
    int nsteps = nsteps(arg);
    if (factor < 2 || nsteps == 0) {
      return 0;
    }
    long cur = 1;
    long last;
    long next;
    int base = 1;
    int order;
    for (order = 0; order < low; order++) {
      cur *= factor;
    }
    if (value < (last = cur)) {
      return 0;
    }
    for (cur *= factor; order <= high; order++) {
      int nbuckets = cur > nsteps ? nsteps : (int) cur;
      if ((next = cur * factor) < cur) {
        value = cur - 1;
      }
      if (value < cur) {
        return (int) (base + (value - last) / (cur / nbuckets));
      }
      base += nbuckets - (nbuckets / factor);
      last = cur;
      cur = next;
    }
    return base;
  }
}

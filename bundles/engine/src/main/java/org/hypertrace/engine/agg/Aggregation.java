package org.hypertrace.engine.agg;

import static org.hypertrace.api.dtrace.DTraceConstants.*;

import java.util.Arrays;
import org.hypertrace.engine.vars.TupleKey;
import org.hypertrace.engine.vars.TupleMap;

/**
 * One aggregation's buffer: its keyed entries and their data. Port of the kernel's aggregating
 * functions ({@code dtrace_aggregate_count}, {@code _sum}, {@code _min}, {@code _max},
 * {@code _avg}, {@code _stddev}, {@code _quantize}, {@code _lquantize}, {@code _llquantize}) over
 * the consumer's view of one {@code dtrace_aggdesc_t}.
 *
 * <p>Data per entry is a fixed number of longs in one arena; updating an existing key allocates
 * nothing.
 */
public final class Aggregation {
  /** Buckets of quantize(). */
  public static final int QUANTIZE_NBUCKETS = 127;
  /** The zero bucket of quantize(). */
  public static final int QUANTIZE_ZEROBUCKET = 63;

  /** Aggregation id (the {@code @name}'s variable id). */
  public final int id;
  /** Name without the {@code @}. */
  public final String name;
  /** {@code DTRACEAGG_*}. */
  public final int function;
  /** The encoded lquantize/llquantize argument. */
  public final long arg;
  /** Longs per entry. */
  public final int width;
  /** Key record sizes (1, 2, 4, 8, or string: -1). */
  public final int[] keySizes;
  /** Key record action kinds ({@code DTRACEACT_DIFEXPR}, {@code DTRACEACT_SYM} ...). */
  public final int[] keyKinds;
  private final TupleMap map = new TupleMap();
  private long[] data;
  private final long init;
  /** Whether printa() printed it (the final print skips those). */
  public boolean printed;
  /** normalize() factor. */
  public long normal = 1;

  /**
   * @param id       aggregation id
   * @param name     name
   * @param function {@code DTRACEAGG_*}
   * @param arg      lquantize/llquantize argument
   * @param keySizes key record sizes (-1 for strings)
   * @param keyKinds key record kinds
   */
  public Aggregation(int id, String name, int function, long arg, int[] keySizes,
      int[] keyKinds) {
    this.id = id;
    this.name = name;
    this.function = function;
    this.arg = arg;
    this.keySizes = keySizes;
    this.keyKinds = keyKinds;
    this.width = width(function, arg);
    this.init = function == DTRACEAGG_MIN ? Long.MAX_VALUE
        : function == DTRACEAGG_MAX ? Long.MIN_VALUE : 0;
    this.data = new long[width * 16];
  }

  private static int width(int function, long arg) {
    switch (function) {
      case DTRACEAGG_AVG: return 2;
      case DTRACEAGG_STDDEV: return 4;
      case DTRACEAGG_QUANTIZE: return QUANTIZE_NBUCKETS;
      case DTRACEAGG_LQUANTIZE: return lquantizeLevels(arg) + 2;
      case DTRACEAGG_LLQUANTIZE: return LlQuantize.buckets(arg);
      default: return 1;
    }
  }

  /** @param arg encoded argument @return levels */
  public static int lquantizeLevels(long arg) {
    return (int) ((arg >>> 32) & 0xffff);
  }

  /** @param arg encoded argument @return step */
  public static int lquantizeStep(long arg) {
    return (int) ((arg >>> 48) & 0xffff);
  }

  /** @param arg encoded argument @return base */
  public static int lquantizeBase(long arg) {
    return (int) arg;
  }

  /**
   * Finds or creates the entry of a key.
   *
   * @param key the key
   * @return the entry's offset in {@link #data()}
   */
  public int entry(TupleKey key) {
    int e = map.find(key);
    if (e < 0) {
      e = map.insert(key);
      if ((e + 1) * width > data.length) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, (e + 1) * width));
      }
      Arrays.fill(data, e * width, (e + 1) * width, init);
    }
    return e * width;
  }

  /**
   * Aggregates one value.
   *
   * @param off  entry offset from {@link #entry}
   * @param val  the value
   * @param incr the increment (quantize family)
   */
  public void apply(int off, long val, long incr) {
    long[] d = data;
    switch (function) {
      case DTRACEAGG_COUNT: d[off]++; break;
      case DTRACEAGG_SUM: d[off] += val; break;
      case DTRACEAGG_MIN: if (val < d[off]) d[off] = val; break;
      case DTRACEAGG_MAX: if (val > d[off]) d[off] = val; break;
      case DTRACEAGG_AVG: d[off]++; d[off + 1] += val; break;
      case DTRACEAGG_STDDEV: stddev(d, off, val); break;
      case DTRACEAGG_QUANTIZE: d[off + quantizeBucket(val)] += incr; break;
      case DTRACEAGG_LQUANTIZE: d[off + lquantizeBucket(arg, val)] += incr; break;
      case DTRACEAGG_LLQUANTIZE: d[off + LlQuantize.bucket(arg, val)] += incr; break;
      default: break;
    }
  }

  private static void stddev(long[] d, int off, long val) {
    d[off]++;
    d[off + 1] += val;
    // sum of squares as 128 bits: d[off + 2] low, d[off + 3] high (dtrace_add_128)
    long v = Math.abs(val);
    long lo = v * v;
    long hi = Math.multiplyHigh(v, v);
    long olo = d[off + 2];
    long nlo = olo + lo;
    long carry = Long.compareUnsigned(nlo, olo) < 0 ? 1 : 0;
    d[off + 2] = nlo;
    d[off + 3] += hi + carry;
  }

  /** @param val value @return its quantize() bucket */
  public static int quantizeBucket(long val) {
    if (val == 0) {
      return QUANTIZE_ZEROBUCKET;
    }
    if (val > 0) {
      return QUANTIZE_ZEROBUCKET + 1 + (63 - Long.numberOfLeadingZeros(val));
    }
    // the first bucket whose (negative) bound is >= val: 62 - floor(log2(-val))
    int log = 63 - Long.numberOfLeadingZeros(-val);
    return Math.max(0, QUANTIZE_ZEROBUCKET - 1 - log);
  }

  /** @param b bucket @return its lower bound ({@code DTRACE_QUANTIZE_BUCKETVAL}) */
  public static long quantizeBucketValue(int b) {
    if (b < QUANTIZE_ZEROBUCKET) {
      return -(1L << (QUANTIZE_ZEROBUCKET - 1 - b));
    }
    return b == QUANTIZE_ZEROBUCKET ? 0 : 1L << (b - QUANTIZE_ZEROBUCKET - 1);
  }

  static int lquantizeBucket(long arg, long val) {
    int base = lquantizeBase(arg);
    int step = lquantizeStep(arg);
    int levels = lquantizeLevels(arg);
    if (val < base) {
      return 0;
    }
    long i = (val - base) / step;
    return i >= levels ? levels + 1 : (int) i + 1;
  }

  // ------------------------------------------------------------------ consumer side

  /** @return the data arena (entry offsets from {@link #entries}) */
  public long[] data() {
    return data;
  }

  /** @return live entries as {entry number} */
  public int[] entries() {
    int[] r = new int[map.size()];
    int n = 0;
    for (int e = 0; e < map.capacity(); e++) {
      if (map.key(e) != null) {
        r[n++] = e;
      }
    }
    return r;
  }

  /** @param e entry number @return its serialized key */
  public byte[] key(int e) {
    return map.key(e);
  }

  /** Zeroes every entry's data: {@code clear()}. */
  public void clear() {
    for (int e = 0; e < map.capacity(); e++) {
      if (map.key(e) != null) {
        Arrays.fill(data, e * width, (e + 1) * width, init);
      }
    }
  }

  /** Removes every entry: {@code trunc()} without a count. */
  public void truncate() {
    map.clear();
  }

  /**
   * Removes an entry: one step of {@code trunc(@, n)}.
   *
   * @param e entry number
   */
  public void remove(int e) {
    map.remove(e);
  }

  /** @return number of entries */
  public int size() {
    return map.size();
  }
}

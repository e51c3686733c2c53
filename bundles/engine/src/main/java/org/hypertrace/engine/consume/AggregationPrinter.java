package org.hypertrace.engine.consume;

import static org.hypertrace.api.dtrace.DTraceConstants.*;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.hypertrace.engine.agg.Aggregation;
import org.hypertrace.engine.agg.LlQuantize;

/**
 * Prints aggregations as dtrace(1) does: port of dt_consume.c ({@code dt_print_aggs},
 * {@code dt_print_datum}, {@code dt_print_quantize}, {@code dt_print_lquantize},
 * {@code dt_print_llquantize}, {@code dt_print_quantline}, {@code dt_print_average},
 * {@code dt_print_stddev}) and of dt_aggregate.c's sorting ({@code dt_aggregate_varvalcmp} and
 * friends, with the aggsortkey, aggsortrev, aggsortpos and aggsortkeypos options).
 */
public final class AggregationPrinter {
  /** Sorting options. */
  public boolean sortKey;
  public boolean sortRev;
  public int sortKeyPos;
  public int sortPos;
  /** aggzoom: bars scaled to the highest bucket (at 95% height) instead of the total. */
  public boolean zoom;
  /** agghist: count() and sum() aggregations print as one histogram over their keys. */
  public boolean hist;
  private int histHeader = -1;

  /** encoding=utf8: quantize bars drawn with Unicode blocks. */
  public boolean utf8Bars;
  /** aggpack: quantize()/lquantize() print on one line each. */
  public boolean pack;
  /** Packed bars in Unicode blocks (encoding=utf8 or a capable terminal), else ASCII. */
  public boolean utf8;
  /** Prints stack and sym-like keys (null: their addresses print in hex). */
  public StackPrinter stacks;

  /** Starts a walk: the agghist header prints again for the first aggregation met. */
  public void beginWalk() {
    histHeader = -1;
  }

  /** Port of {@code dt_ndigits}. */
  private static int ndigits(long val) {
    int r = 1;
    long cmp = 10;
    if (val < 0) {
      val = val == Long.MIN_VALUE ? Long.MAX_VALUE : -val;
      r++;
    }
    while (val > cmp && cmp > 0) {
      r++;
      cmp *= 10;
    }
    return Math.max(r, 4);
  }

  /** {@code dt_aggregate_minmaxbin} for one aggregation: {min, max} bins. */
  private static int[] minmax(Aggregation a) {
    if (a.function == DTRACEAGG_LQUANTIZE) {
      return new int[] {1, Aggregation.lquantizeLevels(a.arg) + 1};
    }
    int min = -1;
    int max = -1;
    long[] d = a.data();
    for (int x : a.entries()) {
      int lo = -1;
      int hi = -1;
      for (int i = 0; i < a.width; i++) {
        if (d[x * a.width + i] != 0) {
          lo = lo < 0 ? i : lo;
          hi = i;
        }
      }
      if (lo < 0) {
        lo = hi = Aggregation.QUANTIZE_ZEROBUCKET;
      }
      min = min < 0 ? lo : Math.min(min, lo);
      max = Math.max(max, hi);
    }
    return new int[] {min, max};
  }

  /** Port of {@code dt_print_packed}. */
  private void packed(StringBuilder sb, long datum, double total) {
    if (datum == 0) {
      sb.append(' ');
      return;
    }
    if (datum < 0) {
      String neg = "vvvvVV";
      sb.append(neg.charAt((int) (Math.abs((double) datum * (neg.length() - 1)) / total + 0.5)));
      return;
    }
    if (utf8) {
      sb.append((char) (0x2581 + (int) (datum * 7.0 / total + 0.5)));
      return;
    }
    String ascii = "__xxxxXX";
    sb.append(ascii.charAt((int) (datum * (double) (ascii.length() - 1) / total + 0.5)));
  }

  /** The aggpack form of an entry: dt_print_quanthdr_packed and dt_print_*quantize_packed. */
  private boolean packEntry(StringBuilder sb, Entry e) {
    Aggregation a = e.agg();
    if (!pack || (a.function != DTRACEAGG_QUANTIZE && a.function != DTRACEAGG_LQUANTIZE)) {
      return false;
    }
    boolean q = a.function == DTRACEAGG_QUANTIZE;
    int[] mm = minmax(a);
    int min = mm[0];
    int max = mm[1];
    if (q) {
      if (min != 0 && min != Aggregation.QUANTIZE_ZEROBUCKET) {
        min--;
      }
      if (max < Aggregation.QUANTIZE_NBUCKETS - 1) {
        max++;
      }
    }
    if (histHeader != a.id) {
      int width = keyWidth(e);
      int minwidth = q ? ndigits(Aggregation.quantizeBucketValue(min)) : 7;
      int maxwidth = q ? ndigits(Aggregation.quantizeBucketValue(max)) : 8;
      int hmax = q ? max : max + 1;
      sb.append('\n').append(DPrintf.pad(width > 0 ? "key" : "", width, false, false))
          .append(' ').append(DPrintf.pad("min", minwidth, false, false)).append(" .")
          .append("-".repeat(Math.max(0, hmax - min + 1))).append(". ")
          .append(DPrintf.pad("max", maxwidth, true, false)).append(" | count\n");
      histHeader = a.id;
    }
    for (Value k : e.keys()) {
      if (k.isString()) {
        sb.append(' ').append(DPrintf.pad(k.string(), 16, false, false));
      } else {
        printKey(sb, k);
      }
    }
    long[] d = e.data();
    int off = e.off();
    int lo = q ? min : 0;
    int hi = q ? max : Aggregation.lquantizeLevels(a.arg) + 1;
    double total = 0;
    long count = 0;
    for (int i = lo; i <= hi; i++) {
      total = addTotal(total, d[off + i]);
      count += d[off + i];
    }
    if (q) {
      long minval = Aggregation.quantizeBucketValue(lo);
      sb.append(' ').append(DPrintf.pad(Long.toString(minval), ndigits(minval), false, false))
          .append(" :");
    } else {
      sb.append(DPrintf.pad("< " + Aggregation.lquantizeBase(a.arg), 8, false, false))
          .append(" :");
    }
    for (int i = lo; i <= hi; i++) {
      packed(sb, d[off + i], total);
    }
    if (q) {
      long maxval = Aggregation.quantizeBucketValue(hi);
      sb.append(": ").append(DPrintf.pad(Long.toString(maxval), ndigits(maxval), true, false));
    } else {
      int base = Aggregation.lquantizeBase(a.arg);
      sb.append(": ").append(DPrintf.pad(">= " + (base + Aggregation.lquantizeLevels(a.arg)
          * Aggregation.lquantizeStep(a.arg)), 8, true, false));
    }
    sb.append(" | ").append(count).append('\n');
    return true;
  }

  /** @param e an entry @return the width of its keys in the agghist/packed header */
  private static int keyWidth(Entry e) {
    int width = 0;
    for (Value k : e.keys()) {
      width += (k.isString() ? 16 : switch (k.size()) {
        case 1 -> 3;
        case 2 -> 5;
        case 4 -> 8;
        default -> 16;
      }) + 1;
    }
    return width;
  }

  /** The agghist form of an entry: port of dt_print_datum's agghist branch. */
  private boolean histEntry(StringBuilder sb, Entry e) {
    Aggregation a = e.agg();
    if (!hist || (a.function != DTRACEAGG_COUNT && a.function != DTRACEAGG_SUM)) {
      return false;
    }
    if (histHeader != a.id) {
      int width = keyWidth(e);
      sb.append('\n').append(DPrintf.pad(width == 0 ? "value" : "key", width == 0 ? 16 : width,
          false, false)).append(' ')
          .append(DPrintf.pad("------------- Distribution -------------", 41, false, false))
          .append(' ').append(DPrintf.pad("count", 9, true, false)).append('\n');
      histHeader = a.id;
    }
    for (Value k : e.keys()) {
      if (k.isString()) {
        sb.append(' ').append(DPrintf.pad(k.string(), 16, false, false));
      } else {
        printKey(sb, k);
      }
    }
    double total = 0;
    boolean pos = false;
    boolean neg = false;
    long[] d = a.data();
    for (int x : a.entries()) {
      long v = d[x * a.width];
      pos |= v > 0;
      neg |= v < 0;
      // dt_aggregate_total: integer totals; aggzoom keeps the largest |v| / 0.95, truncated
      long m = Math.abs(v);
      total = zoom ? Math.max(total, (long) (m * (1 / 0.95))) : total + m;
    }
    sb.append(' ');
    quantline(sb, e.data()[e.off()], a.normal, total, pos, neg);
    return true;
  }

  /**
   * One entry of one aggregation.
   *
   * @param agg  the aggregation
   * @param data its data (the aggregation's arena, or zeros for a joined entry it lacks)
   * @param off  offset of the entry in data
   * @param keys the decoded key
   * @param key  the serialized key
   */
  public record Entry(Aggregation agg, long[] data, int off, List<Value> keys, byte[] key) {}

  /** @return entries of an aggregation with decoded keys */
  public static List<Entry> entries(Aggregation a) {
    return entries(a, null);
  }

  /**
   * @param a      an aggregation
   * @param stacks the printer of its stack and sym-like keys, or null
   * @return its entries with decoded keys
   */
  public static List<Entry> entries(Aggregation a, StackPrinter stacks) {
    List<Entry> r = new ArrayList<>();
    for (int e : a.entries()) {
      r.add(new Entry(a, a.data(), e * a.width, decode(a, a.key(e), stacks), a.key(e)));
    }
    return r;
  }

  /**
   * The entries of several aggregations joined by key: port of
   * {@code dtrace_aggregate_walk_joined}. Row i holds one entry per aggregation (zeros where an
   * aggregation lacks the key); rows are sorted by the aggsortpos-th aggregation.
   *
   * @param aggs the aggregations
   * @return rows
   */
  public List<Entry[]> joined(List<Aggregation> aggs) {
    java.util.Map<String, Entry[]> rows = new java.util.LinkedHashMap<>();
    for (int i = 0; i < aggs.size(); i++) {
      Aggregation a = aggs.get(i);
      for (Entry e : entries(a, stacks)) {
        String k = new String(e.key(), StandardCharsets.ISO_8859_1);
        Entry[] row = rows.computeIfAbsent(k, x -> new Entry[aggs.size()]);
        row[i] = e;
      }
    }
    List<Entry[]> out = new ArrayList<>(rows.values());
    for (Entry[] row : out) {
      Entry any = null;
      for (Entry e : row) {
        if (e != null) {
          any = e;
          break;
        }
      }
      for (int i = 0; i < row.length; i++) {
        if (row[i] == null) {
          Aggregation a = aggs.get(i);
          long[] z = new long[a.width];
          if (a.function == DTRACEAGG_MIN || a.function == DTRACEAGG_MAX) {
            java.util.Arrays.fill(z, 0);
          }
          row[i] = new Entry(a, z, 0, any.keys(), any.key());
        }
      }
    }
    // dt_aggregate_bundlecmp: values from the aggsortpos-th aggregation on (rotating), then the
    // key; with aggsortkey the key first
    int n = aggs.size();
    int pos = sortPos >= 0 && sortPos < n ? sortPos : 0;
    out.sort((l, r) -> {
      int c;
      if (sortKey && (c = keycmp(l[0], r[0])) != 0) {
        return c;
      }
      for (int k = 0; k < n; k++) {
        int i = (pos + k) % n;
        if ((c = order(valcmp(l[i], r[i]))) != 0) {
          return c;
        }
      }
      return sortKey ? 0 : keycmp(l[0], r[0]);
    });
    return out;
  }

  /** Decodes a serialized aggregation key. */
  static List<Value> decode(Aggregation a, byte[] k, StackPrinter stacks) {
    List<Value> out = new ArrayList<>();
    int p = 0;
    int i = 0;
    while (p < k.length) {
      int kind = a.keyKinds != null && i < a.keyKinds.length ? a.keyKinds[i] : 0;
      if (k[p] == (byte) 0xff && Symbolic.isSymbolic(kind)) {
        int n = (k[p + 1] & 0xff) | (k[p + 2] & 0xff) << 8 | (k[p + 3] & 0xff) << 16
            | (k[p + 4] & 0xff) << 24;
        long[] w = new long[n / 8];
        for (int j = 0; j < w.length; j++) {
          for (int b = 0; b < 8; b++) {
            w[j] |= (k[p + 5 + 8 * j + b] & 0xffL) << (8 * b);
          }
        }
        out.add(Value.of(new Symbolic(kind, w, stacks)));
        p += 5 + n;
      } else if (k[p] != (byte) 0xff) {
        long v = 0;
        for (int b = 0; b < 8; b++) {
          v |= (k[p + 1 + b] & 0xffL) << (8 * b);
        }
        out.add(Value.of(v, k[p]));
        p += 9;
      } else {
        int n = (k[p + 1] & 0xff) | (k[p + 2] & 0xff) << 8 | (k[p + 3] & 0xff) << 16
            | (k[p + 4] & 0xff) << 24;
        out.add(Value.of(new String(k, p + 5, n, StandardCharsets.UTF_8)));
        p += 5 + n;
      }
      i++;
    }
    return out;
  }

  // ------------------------------------------------------------------ sorting

  private int lt() {
    return sortRev ? 1 : -1;
  }

  private int order(int c) {
    return c == 0 ? 0 : c < 0 ? lt() : -lt();
  }

  /** @return the comparator dtrace uses for a walk */
  public Comparator<Entry> comparator() {
    Comparator<Entry> var = (l, r) -> order(Integer.compare(l.agg().id, r.agg().id));
    Comparator<Entry> key = this::keycmp;
    Comparator<Entry> val = (l, r) -> order(valcmp(l, r));
    return sortKey ? var.thenComparing(key) : var.thenComparing(val).thenComparing(key);
  }

  private int keycmp(Entry l, Entry r) {
    int n = Math.min(l.keys().size(), r.keys().size());
    if (l.keys().size() != r.keys().size()) {
      return order(Integer.compare(l.keys().size(), r.keys().size()));
    }
    int nrecs = n + 1;
    int keypos = sortKeyPos + 1 >= nrecs ? 0 : sortKeyPos;
    for (int i = 1; i < nrecs; i++) {
      int ndx = i + keypos;
      if (ndx >= nrecs) {
        ndx = ndx - nrecs + 1;
      }
      Value a = l.keys().get(ndx - 1);
      Value b = r.keys().get(ndx - 1);
      int c;
      if (a.symbolic() != null && b.symbolic() != null) {
        c = a.symbolic().compare(b.symbolic());
      } else if (a.isString() || b.isString()) {
        c = Arrays.compareUnsigned(bytes(a), bytes(b));
      } else {
        c = Long.compareUnsigned(mask(a), mask(b));
      }
      if (c != 0) {
        return order(c);
      }
    }
    return 0;
  }

  private static byte[] bytes(Value v) {
    return v.isString() ? v.string().getBytes(StandardCharsets.UTF_8) : new byte[0];
  }

  private static long mask(Value v) {
    return switch (v.size()) {
      case 1 -> v.value() & 0xff;
      case 2 -> v.value() & 0xffff;
      case 4 -> v.value() & 0xffffffffL;
      default -> v.value();
    };
  }

  private static int valcmp(Entry l, Entry r) {
    Aggregation a = l.agg();
    long[] ld = l.data();
    long[] rd = r.data();
    int lo = l.off();
    int ro = r.off();
    switch (a.function) {
      case DTRACEAGG_AVG:
        return Long.compare(ld[lo] != 0 ? ld[lo + 1] / ld[lo] : 0,
            rd[ro] != 0 ? rd[ro + 1] / rd[ro] : 0);
      case DTRACEAGG_STDDEV:
        return stddev(ld, lo, 1).compareTo(stddev(rd, ro, 1));
      case DTRACEAGG_QUANTIZE: {
        int c = qsum(ld, lo).compareTo(qsum(rd, ro));
        return c != 0 ? c
            : Long.compare(ld[lo + Aggregation.QUANTIZE_ZEROBUCKET],
                rd[ro + Aggregation.QUANTIZE_ZEROBUCKET]);
      }
      case DTRACEAGG_LQUANTIZE: {
        int c = lqsum(a.arg, ld, lo).compareTo(lqsum(a.arg, rd, ro));
        return c != 0 ? c : Long.compare(lqzero(a.arg, ld, lo), lqzero(a.arg, rd, ro));
      }
      case DTRACEAGG_LLQUANTIZE: {
        int c = llqsum(a.arg, ld, lo).compareTo(llqsum(a.arg, rd, ro));
        return c != 0 ? c : Long.compare(ld[lo], rd[ro]);
      }
      default:
        return Long.compare(ld[lo], rd[ro]);
    }
  }

  private static BigInteger qsum(long[] d, int off) {
    BigInteger t = BigInteger.ZERO;
    for (int i = 0; i < Aggregation.QUANTIZE_NBUCKETS; i++) {
      if (d[off + i] != 0) {
        t = t.add(BigInteger.valueOf(Aggregation.quantizeBucketValue(i))
            .multiply(BigInteger.valueOf(d[off + i])));
      }
    }
    return t;
  }

  private static BigInteger lqsum(long arg, long[] d, int off) {
    int base = Aggregation.lquantizeBase(arg);
    int step = Aggregation.lquantizeStep(arg);
    int levels = Aggregation.lquantizeLevels(arg);
    BigInteger t = BigInteger.valueOf(d[off]).multiply(BigInteger.valueOf(base - 1L));
    for (int i = 0; i < levels; base += step, i++) {
      t = t.add(BigInteger.valueOf(d[off + i + 1]).multiply(BigInteger.valueOf(base)));
    }
    return t.add(BigInteger.valueOf(d[off + levels + 1]).multiply(BigInteger.valueOf(base + 1L)));
  }

  /** Port of {@code dt_aggregate_llquantizedsum}: buckets weighted by their lower bounds. */
  private static BigInteger llqsum(long arg, long[] d, int off) {
    int factor = LlQuantize.factor(arg);
    int low = LlQuantize.low(arg);
    int high = LlQuantize.high(arg);
    int nsteps = LlQuantize.nsteps(arg);
    if (factor < 2 || nsteps == 0) {
      return BigInteger.ZERO;
    }
    int bin = 0;
    long value = 1;
    int order;
    for (order = 0; order < low; order++) {
      value *= factor;
    }
    BigInteger total = BigInteger.valueOf(d[off + bin++]).multiply(BigInteger.valueOf(value - 1));
    long next = value * factor;
    long step = next > nsteps ? next / nsteps : 1;
    while (order <= high) {
      total = total.add(BigInteger.valueOf(d[off + bin++]).multiply(BigInteger.valueOf(value)));
      if ((value += step) != next) {
        continue;
      }
      next = value * factor;
      step = next > nsteps ? next / nsteps : 1;
      order++;
    }
    return total.add(BigInteger.valueOf(d[off + bin]).multiply(BigInteger.valueOf(value)));
  }

  private static long lqzero(long arg, long[] d, int off) {
    int base = Aggregation.lquantizeBase(arg);
    int step = Aggregation.lquantizeStep(arg);
    int levels = Aggregation.lquantizeLevels(arg);
    if (base - 1 == 0) {
      return d[off];
    }
    for (int i = 0; i < levels; base += step, i++) {
      if (base == 0) {
        return d[off + i + 1];
      }
    }
    return base + 1 == 0 ? d[off + levels + 1] : 0;
  }

  /** Port of {@code dt_stddev} with 128-bit arithmetic. */
  static BigInteger stddev(long[] d, int off, long normal) {
    if (d[off] == 0) {
      return BigInteger.ZERO;
    }
    BigInteger sq = new BigInteger(1, toBytes(d[off + 3], d[off + 2]));
    BigInteger n = BigInteger.valueOf(normal);
    BigInteger avgSq = sq.divide(n).divide(n).divide(new BigInteger(Long.toUnsignedString(d[off])));
    long normAvg = d[off + 1] / normal / d[off];
    BigInteger sqAvg = BigInteger.valueOf(Math.abs(normAvg)).pow(2);
    BigInteger diff = avgSq.subtract(sqAvg);
    if (diff.signum() < 0) {
      diff = diff.add(BigInteger.ONE.shiftLeft(128));
    }
    return diff.sqrt();
  }

  private static byte[] toBytes(long hi, long lo) {
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (hi >>> (56 - 8 * i));
      b[8 + i] = (byte) (lo >>> (56 - 8 * i));
    }
    return b;
  }

  // ------------------------------------------------------------------ printing

  /**
   * Prints one entry the way {@code dt_print_aggs} does (keys, value, newline).
   *
   * @param sb    output
   * @param e     the entry
   * @param quiet unused by dtrace for aggregations; kept for symmetry
   */
  public void printEntry(StringBuilder sb, Entry e) {
    if (histEntry(sb, e) || packEntry(sb, e)) {
      return;
    }
    for (Value k : e.keys()) {
      printKey(sb, k);
    }
    printDatum(sb, e.agg(), e.data(), e.off(), e.agg().normal);
    sb.append('\n');
  }

  /**
   * Prints a joined row without a format: keys once, then each aggregation's value.
   *
   * @param sb  output
   * @param row the row
   */
  public void printRow(StringBuilder sb, Entry[] row) {
    if (row.length == 1 && (histEntry(sb, row[0]) || packEntry(sb, row[0]))) {
      return;
    }
    for (Value k : row[0].keys()) {
      printKey(sb, k);
    }
    for (Entry e : row) {
      printDatum(sb, e.agg(), e.data(), e.off(), e.agg().normal);
    }
    sb.append('\n');
  }

  /** Prints a key record: {@code dt_print_datum} for a key. */
  static void printKey(StringBuilder sb, Value k) {
    if (k.symbolic() != null && k.symbolic().printer() != null) {
      k.symbolic().printer().print(sb, k.symbolic());
      return;
    }
    if (k.isString()) {
      String str = k.string();
      if (str.indexOf('\0') > 0) {
        // a char array key (curthread->comm) holds its NUL padding: a string by dt_print_bytes
        String a = RecordPrinter.asString(str.getBytes(StandardCharsets.ISO_8859_1));
        str = a != null ? a : str;
      }
      RecordPrinter.printBytes(sb, str, -50, false);
      return;
    }
    switch (k.size()) {
      case 8 -> sb.append(' ').append(DPrintf.pad(Long.toString(k.value()), 16, false, false));
      case 4 -> sb.append(' ').append(DPrintf.pad(Integer.toString((int) k.value()), 8, false,
          false));
      case 2 -> sb.append(' ').append(DPrintf.pad(Long.toString(k.value() & 0xffff), 5, false,
          false));
      default -> sb.append(' ').append(DPrintf.pad(Long.toString(k.value() & 0xff), 3, false,
          false));
    }
  }

  /**
   * Prints an aggregation's value: {@code dt_print_datum} for the aggregating record.
   *
   * @param sb     output
   * @param a      the aggregation
   * @param d      its data
   * @param off    the entry offset
   * @param normal normalization
   */
  public void printDatum(StringBuilder sb, Aggregation a, long[] d, int off,
      long normal) {
    switch (a.function) {
      case DTRACEAGG_QUANTIZE -> printQuantize(sb, d, off, normal);
      case DTRACEAGG_LQUANTIZE -> printLquantize(sb, a.arg, d, off, normal);
      case DTRACEAGG_LLQUANTIZE -> printLlquantize(sb, a.arg, d, off, a.width, normal);
      case DTRACEAGG_AVG -> sb.append(' ').append(DPrintf.pad(
          Long.toString(d[off] != 0 ? d[off + 1] / normal / d[off] : 0), 16, false, false));
      case DTRACEAGG_STDDEV -> sb.append(' ').append(DPrintf.pad(
          stddev(d, off, normal).toString(), 16, false, false));
      default -> sb.append(' ').append(DPrintf.pad(Long.toString(d[off] / normal), 16, false,
          false));
    }
  }

  /** @return the scalar a %@ conversion prints, or null for histograms */
  public static Value scalar(Aggregation a, long[] d, int off, long normal) {
    return switch (a.function) {
      case DTRACEAGG_QUANTIZE, DTRACEAGG_LQUANTIZE, DTRACEAGG_LLQUANTIZE -> null;
      case DTRACEAGG_AVG -> Value.of(d[off] != 0 ? d[off + 1] / normal / d[off] : 0, 8);
      case DTRACEAGG_STDDEV -> Value.of(stddev(d, off, normal).longValue(), 8);
      default -> Value.of(d[off] / normal, 8);
    };
  }

  private static final String ATS = "@".repeat(40);
  private static final String SPACES = " ".repeat(40);

  private static void header(StringBuilder sb) {
    sb.append('\n').append(DPrintf.pad("value", 16, false, false)).append(' ')
        .append(DPrintf.pad("------------- Distribution -------------", 41, false, false))
        .append(' ')
        .append(DPrintf.pad("count", 9, true, false)).append('\n');
  }

  /** Port of {@code dt_print_quantline}. */
  void quantline(StringBuilder sb, long val, long normal, double total,
      boolean positives, boolean negatives) {
    int len = 40;
    String count = DPrintf.pad(Long.toString(val / normal), 9, true, false);
    if (!negatives && positives && utf8Bars) {
      // dt_print_quantline_utf8: full blocks, then one partial block of eighths
      double f = Math.abs((double) val) * len / total;
      int whole = (int) f;
      int partial = (int) ((f - whole) * 8);
      sb.append('|');
      for (int i = 0; i < whole; i++) {
        sb.append((char) 0x2588);
      }
      int used = whole;
      if (partial != 0) {
        sb.append((char) (0x258f - (partial - 1)));
        used++;
      }
      sb.append(SPACES, 0, Math.max(0, len - used)).append(' ').append(count).append('\n');
      return;
    }
    if (!negatives) {
      int depth = positives ? (int) (Math.abs((double) val) * len / total + 0.5) : 0;
      sb.append('|').append(ATS, 0, depth).append(SPACES, 0, len - depth).append(' ')
          .append(count).append('\n');
      return;
    }
    if (!positives) {
      int depth = (int) (Math.abs((double) val) * len / total + 0.5);
      sb.append(SPACES, 0, len - depth).append(ATS, 0, depth).append("| ").append(count)
          .append('\n');
      return;
    }
    len /= 2;
    int depth = (int) (Math.abs((double) val) * len / total + 0.5);
    if (val <= 0) {
      sb.append(SPACES, 0, len - depth).append(ATS, 0, depth).append('|')
          .append(SPACES, 0, len).append(' ').append(count).append('\n');
    } else {
      sb.append(SPACES, 0, 20).append('|').append(ATS, 0, depth).append(SPACES, 0, len - depth)
          .append(' ').append(count).append('\n');
    }
  }

  private void printBins(StringBuilder sb, long[] d, int off, int first, int last,
      long normal, java.util.function.IntFunction<String> label) {
    boolean pos = false;
    boolean neg = false;
    double total = 0;
    for (int i = first; i <= last; i++) {
      pos |= d[off + i] > 0;
      neg |= d[off + i] < 0;
      total = addTotal(total, d[off + i]);
    }
    header(sb);
    for (int i = first; i <= last; i++) {
      sb.append(DPrintf.pad(label.apply(i), 16, false, false)).append(' ');
      quantline(sb, d[off + i], normal, total, pos, neg);
    }
  }

  /** Port of {@code dt_quantize_total}, with aggzoom's scaling to the highest bucket. */
  private double addTotal(double total, long datum) {
    double v = Math.abs((double) datum);
    if (!zoom) {
      return total + v;
    }
    v *= 1 / 0.95;
    return Math.max(total, v);
  }

  void printQuantize(StringBuilder sb, long[] d, int off, long normal) {
    int n = Aggregation.QUANTIZE_NBUCKETS;
    int first = 0;
    int last = n - 1;
    while (first < n - 1 && d[off + first] == 0) {
      first++;
    }
    if (first == n - 1) {
      first = Aggregation.QUANTIZE_ZEROBUCKET - 1;
      last = Aggregation.QUANTIZE_ZEROBUCKET + 1;
    } else {
      if (first > 0) {
        first--;
      }
      while (last > 0 && d[off + last] == 0) {
        last--;
      }
      if (last < n - 1) {
        last++;
      }
    }
    printBins(sb, d, off, first, last, normal,
        i -> Long.toString(Aggregation.quantizeBucketValue(i)));
  }

  void printLquantize(StringBuilder sb, long arg, long[] d, int off, long normal) {
    int base = Aggregation.lquantizeBase(arg);
    int step = Aggregation.lquantizeStep(arg);
    int levels = Aggregation.lquantizeLevels(arg);
    int first = 0;
    int last = levels + 1;
    while (first <= levels + 1 && d[off + first] == 0) {
      first++;
    }
    if (first > levels + 1) {
      first = 0;
      last = 2;
    } else {
      if (first > 0) {
        first--;
      }
      while (last > 0 && d[off + last] == 0) {
        last--;
      }
      if (last < levels + 1) {
        last++;
      }
    }
    printBins(sb, d, off, first, last, normal, i -> i == 0 ? "< " + base
        : i == levels + 1 ? ">= " + (base + levels * step)
        : Integer.toString(base + (i - 1) * step));
  }

  void printLlquantize(StringBuilder sb, long arg, long[] d, int off, int levels,
      long normal) {
    int factor = LlQuantize.factor(arg);
    int low = LlQuantize.low(arg);
    int high = LlQuantize.high(arg);
    int nsteps = LlQuantize.nsteps(arg);
    int first = 0;
    int last = levels - 1;
    while (first < levels && d[off + first] == 0) {
      first++;
    }
    if (first == levels) {
      first = 0;
      last = 1;
    } else {
      if (first > 0) {
        first--;
      }
      while (last > 0 && d[off + last] == 0) {
        last--;
      }
      if (last < levels - 1) {
        last++;
      }
    }
    boolean pos = false;
    boolean neg = false;
    double total = 0;
    for (int i = first; i <= last; i++) {
      pos |= d[off + i] > 0;
      neg |= d[off + i] < 0;
      total = addTotal(total, d[off + i]);
    }
    header(sb);
    long value = 1;
    int order;
    for (order = 0; order < low; order++) {
      value *= factor;
    }
    long next = value * factor;
    long step = next > nsteps ? next / nsteps : 1;
    if (first == 0) {
      sb.append(DPrintf.pad("< " + value, 16, false, false)).append(' ');
      quantline(sb, d[off], normal, total, pos, neg);
    }
    int bin = 1;
    while (order <= high) {
      if (bin >= first && bin <= last) {
        sb.append(DPrintf.pad(Long.toString(value), 16, false, false)).append(' ');
        quantline(sb, d[off + bin], normal, total, pos, neg);
      }
      bin++;
      if ((value += step) != next) {
        continue;
      }
      next = value * factor;
      step = next > nsteps ? next / nsteps : 1;
      order++;
    }
    if (last < bin) {
      return;
    }
    sb.append(DPrintf.pad(">= " + value, 16, false, false)).append(' ');
    quantline(sb, d[off + bin], normal, total, pos, neg);
  }
}

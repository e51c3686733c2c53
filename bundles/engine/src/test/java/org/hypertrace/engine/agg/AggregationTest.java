package org.hypertrace.engine.agg;

import static org.hypertrace.api.dtrace.DTraceConstants.*;
import static org.junit.jupiter.api.Assertions.*;

import org.hypertrace.engine.vars.TupleKey;
import org.junit.jupiter.api.Test;

class AggregationTest {
  @Test
  void testQuantizeBucket_powersOfTwo() {
    assertEquals(63, Aggregation.quantizeBucket(0));
    assertEquals(64, Aggregation.quantizeBucket(1));
    assertEquals(65, Aggregation.quantizeBucket(3));
    assertEquals(62, Aggregation.quantizeBucket(-1));
    assertEquals(61, Aggregation.quantizeBucket(-3));
    assertEquals(61, Aggregation.quantizeBucket(-2));
    assertEquals(60, Aggregation.quantizeBucket(-4));
    assertEquals(126, Aggregation.quantizeBucket(Long.MAX_VALUE));
    assertEquals(0, Aggregation.quantizeBucket(Long.MIN_VALUE));
    for (int b = 1; b < 126; b++) {
      assertEquals(b, Aggregation.quantizeBucket(Aggregation.quantizeBucketValue(b)), "b=" + b);
    }
  }

  @Test
  void testLquantizeBucket_belowAndAbove() {
    long arg = (5L << 48) | (4L << 32) | 10;
    assertEquals(0, Aggregation.lquantizeBucket(arg, 9));
    assertEquals(1, Aggregation.lquantizeBucket(arg, 10));
    assertEquals(4, Aggregation.lquantizeBucket(arg, 29));
    assertEquals(5, Aggregation.lquantizeBucket(arg, 30));
  }

  @Test
  void testLlquantize_bucketsOfFactorTen() {
    long arg = (10L << 48) | (0L << 32) | (2L << 16) | 10;
    assertEquals(0, LlQuantize.bucket(arg, 0));
    assertEquals(1, LlQuantize.bucket(arg, 1));
    assertEquals(9, LlQuantize.bucket(arg, 9));
    assertEquals(10, LlQuantize.bucket(arg, 10));
    assertEquals(LlQuantize.buckets(arg) - 1, LlQuantize.bucket(arg, Long.MAX_VALUE));
  }

  @Test
  void testEntries_existingKeyReused() {
    Aggregation a = new Aggregation(1, "a", DTRACEAGG_SUM, 0, new int[] {8}, new int[] {1});
    TupleKey k = new TupleKey();
    k.reset();
    k.addLong(7);
    int off = a.entry(k);
    a.apply(off, 5, 1);
    k.reset();
    k.addLong(7);
    assertEquals(off, a.entry(k));
    a.apply(off, 6, 1);
    assertEquals(11, a.data()[off]);
    assertEquals(1, a.size());
  }

  @Test
  void testMinMaxStddev_initialAndAccumulate() {
    Aggregation mn = new Aggregation(1, "", DTRACEAGG_MIN, 0, new int[0], new int[0]);
    TupleKey k = new TupleKey();
    k.reset();
    int o = mn.entry(k);
    assertEquals(Long.MAX_VALUE, mn.data()[o]);
    mn.apply(o, -4, 1);
    assertEquals(-4, mn.data()[o]);
    Aggregation sd = new Aggregation(2, "", DTRACEAGG_STDDEV, 0, new int[0], new int[0]);
    int s = sd.entry(k);
    for (long v : new long[] {2, 4, 4, 4, 5, 5, 7, 9}) {
      sd.apply(s, v, 1);
    }
    assertEquals(8, sd.data()[s]);
    assertEquals(40, sd.data()[s + 1]);
    assertEquals(232, sd.data()[s + 2]);
  }
}

package org.hypertrace.engine.consume;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class DPrintfTest {
  private static String f(String fmt, Value... v) {
    StringBuilder sb = new StringBuilder();
    new DPrintf(fmt).format(sb, List.of(v), null);
    return sb.toString();
  }

  @Test
  void testIntegers_flagsWidthPrecision() {
    assertEquals("   42|42   |00042|+42| 42", f("%5d|%-5d|%05d|%+d|% d", Value.of(42, 4),
        Value.of(42, 4), Value.of(42, 4), Value.of(42, 4), Value.of(42, 4)));
    assertEquals("  -0042", f("%7.4d", Value.of(-42, 8)));
    // dt_printf_format passes a precision only when it is positive
    assertEquals("0 hello", f("%.0d %.0s", Value.of(0, 8), Value.of("hello")));
    assertEquals("4294967295", f("%d", Value.of(-1, 4, true)));
  }

  @Test
  void testIntegers_sizeAndSignedness() {
    assertEquals("-1 4294967295 ffffffff 65535", f("%d %u %x %u", Value.of(-1, 4),
        Value.of(-1, 4), Value.of(-1, 4), Value.of(-1, 2)));
    assertEquals("18446744073709551615", f("%u", Value.of(-1, 8)));
    assertEquals("-1", f("%hd", Value.of(0xffff, 8)));
  }

  @Test
  void testRadix_alternateForms() {
    assertEquals("0x1f 0X1F 017 0", f("%#x %#X %#o %#x", Value.of(31, 8), Value.of(31, 8),
        Value.of(15, 8), Value.of(0, 8)));
  }

  @Test
  void testStrings_widthAndPrecision() {
    assertEquals("[  abc][abc  ][ab]", f("[%5s][%-5s][%.2s]", Value.of("abc"), Value.of("abc"),
        Value.of("abc")));
    assertEquals("a\\nb\\\\", f("%S", Value.of("a\nb\\")));
    assertEquals("A", f("%c", Value.of(65, 1)));
  }

  @Test
  void testStar_widthFromArgument() {
    assertEquals("   7|7   ", f("%*d|%-*d", Value.of(4, 4), Value.of(7, 4), Value.of(4, 4),
        Value.of(7, 4)));
  }

  @Test
  void testPercentAndLiterals() {
    assertEquals("100% done", f("%d%% done", Value.of(100, 4)));
  }

  @Test
  void testAggConversion_widthBeforeAt() {
    DPrintf p = new DPrintf("%s %8@d\n");
    assertTrue(p.hasAggConversion());
    StringBuilder sb = new StringBuilder();
    p.format(sb, List.of(Value.of("k")), new DPrintf.AggPrinter() {
      @Override public Value scalar() {
        return Value.of(-3, 8);
      }

      @Override public void histogram(StringBuilder b) {
        fail();
      }
    });
    assertEquals("k       -3\n", sb.toString());
  }
}

package org.hypertrace.engine.consume;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Char arrays (curthread->comm) print as dtrace prints them: strings when they look like one. */
class CharArrayTest {
  private static byte[] comm(String s) {
    byte[] b = new byte[16];
    System.arraycopy(s.getBytes(StandardCharsets.ISO_8859_1), 0, b, 0, s.length());
    return b;
  }

  @Test
  void testAsString_printableThenNulPaddingIsAString() {
    assertEquals("bash", RecordPrinter.asString(comm("bash")));
    assertEquals("0123456789abcdef", RecordPrinter.asString("0123456789abcdef".getBytes()));
  }

  @Test
  void testAsString_bytesAfterTheNulOrLeadingNulAreBinary() {
    byte[] b = comm("ab");
    b[5] = 7;
    assertNull(RecordPrinter.asString(b));
    assertNull(RecordPrinter.asString(new byte[16]));
    assertNull(RecordPrinter.asString(new byte[] {1, 2, 0}));
  }

  @Test
  void testTraceAndPrintf_ofACharArrayRecord() {
    Value v = new Value(0, 16, null, comm("sshd"), false);
    StringBuilder sb = new StringBuilder();
    RecordPrinter.trace(sb, v, true);
    assertEquals("sshd", sb.toString());
    StringBuilder hex = new StringBuilder();
    RecordPrinter.trace(hex, new Value(0, 16, null, new byte[16], false), true);
    assertTrue(hex.toString().contains("0: 00 00"), hex.toString());
  }
}

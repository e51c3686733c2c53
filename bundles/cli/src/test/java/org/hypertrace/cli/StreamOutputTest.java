package org.hypertrace.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class StreamOutputTest {
  @Test
  void testBytes_latin1CharsAreSingleBytes() {
    assertArrayEquals(new byte[] {'a', (byte) 0xe9, (byte) 0xff},
        StreamOutput.bytes("a\u00e9\u00ff"));
  }

  @Test
  void testBytes_consumerGlyphsAreUtf8() {
    assertArrayEquals(new byte[] {'|', (byte) 0xe2, (byte) 0x96, (byte) 0x8f, ' '},
        StreamOutput.bytes("|\u258f "));
  }
}

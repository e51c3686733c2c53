package org.hypertrace.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamOutputTest {
  @Test
  void testBytes_latin1CharsAreSingleBytes() {
    assertArrayEquals(new byte[] {'a', (byte) 0xe9, (byte) 0xff},
        StreamOutput.bytes("a\u00e9\u00ff"));
  }

  @Test
  void testOut_gatheredThenWrittenBeforeStderrAndAtFinish() {
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    StreamOutput o = new StreamOutput(both, both);
    o.out("a");
    o.out("b");
    o.err("E\n");
    o.out("c");
    o.finish();
    assertEquals("abE\nc", both.toString(StandardCharsets.ISO_8859_1));
  }

  @Test
  void testOut_quietSpellIsFlushedByItself() throws InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StreamOutput o = new StreamOutput(out, new ByteArrayOutputStream());
    o.out("x");
    o.out("y");
    long deadline = System.currentTimeMillis() + 5000;
    while (out.size() < 2 && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
    }
    assertEquals("xy", out.toString(StandardCharsets.ISO_8859_1));
    o.finish();
  }

  @Test
  void testBytes_consumerGlyphsAreUtf8() {
    assertArrayEquals(new byte[] {'|', (byte) 0xe2, (byte) 0x96, (byte) 0x8f, ' '},
        StreamOutput.bytes("|\u258f "));
  }
}

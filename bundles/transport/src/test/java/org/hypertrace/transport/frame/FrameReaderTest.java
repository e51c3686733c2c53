package org.hypertrace.transport.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Round trips of the frame format and its negative corpus. */
class FrameReaderTest {

  private static byte[] write(Frame... frames) throws IOException {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    FrameWriter w = new FrameWriter(bo);
    for (Frame f : frames) {
      w.write(f);
    }
    w.flush();
    return bo.toByteArray();
  }

  /** Independent dump of a header, from the byte layout in FrameWriter's Javadoc. */
  private static String dump(byte[] b, int off) {
    return String.format("magic=%02x%02x%02x%02x v=%d kind=%d flags=%d id=%d len=%d",
        b[off], b[off + 1], b[off + 2], b[off + 3], b[off + 4], b[off + 5],
        ((b[off + 6] & 0xff) << 8) | (b[off + 7] & 0xff),
        java.nio.ByteBuffer.wrap(b, off + 8, 8).getLong(),
        java.nio.ByteBuffer.wrap(b, off + 16, 4).getInt());
  }

  @Test
  void testFrame_roundTripEveryKind() throws IOException {
    Frame[] in = new Frame[FrameKind.values().length];
    for (int i = 0; i < in.length; i++) {
      byte[] p = new byte[i * 100];
      Arrays.fill(p, (byte) i);
      in[i] = new Frame(FrameKind.values()[i], i, 1L << 40 | i, p);
    }
    byte[] wire = write(in);
    FrameReader r = new FrameReader(new ByteArrayInputStream(wire));
    for (Frame f : in) {
      Frame g = r.read();
      assertEquals(f.kind(), g.kind());
      assertEquals(f.flags(), g.flags());
      assertEquals(f.messageId(), g.messageId());
      assertArrayEquals(f.payload(), g.payload());
    }
    assertNull(r.read());
  }

  @Test
  void testFrameHeader_layoutMatchesDump() throws IOException {
    byte[] wire = write(new Frame(FrameKind.DATA, Frame.FLAG_MORE, 0x1234, new byte[7]));
    assertEquals(FrameWriter.HEADER_LENGTH + 7, wire.length);
    assertEquals("magic=48545246 v=1 kind=17 flags=1 id=4660 len=7", dump(wire, 0));
  }

  @Test
  void testFrameReader_badMagic() throws IOException {
    byte[] wire = write(new Frame(FrameKind.INFO, 0, 1, new byte[3]));
    wire[0] = 'X';
    FrameFormatException e = assertThrows(FrameFormatException.class,
        () -> new FrameReader(new ByteArrayInputStream(wire)).read());
    assertEquals("magic", e.field());
  }

  @Test
  void testFrameReader_badVersion() throws IOException {
    byte[] wire = write(new Frame(FrameKind.INFO, 0, 1, new byte[3]));
    wire[4] = 9;
    FrameFormatException e = assertThrows(FrameFormatException.class,
        () -> new FrameReader(new ByteArrayInputStream(wire)).read());
    assertEquals("version", e.field());
  }

  @Test
  void testFrameReader_badKind() throws IOException {
    byte[] wire = write(new Frame(FrameKind.INFO, 0, 1, new byte[3]));
    wire[5] = (byte) 200;
    FrameFormatException e = assertThrows(FrameFormatException.class,
        () -> new FrameReader(new ByteArrayInputStream(wire)).read());
    assertEquals("kind", e.field());
    assertTrue(e.getMessage().contains("200"), e.getMessage());
  }

  @Test
  void testFrameReader_oversizeRefusedBeforePayload() throws IOException {
    byte[] header = new byte[FrameWriter.HEADER_LENGTH];
    FrameWriter.encodeHeader(new Frame(FrameKind.ELF, 0, 1, new byte[0]), header);
    // announce 4 GiB - 1 but send nothing after the header: the reader must not wait for it
    header[16] = header[17] = header[18] = header[19] = (byte) 0xff;
    int[] consumed = {0};
    InputStream in = new ByteArrayInputStream(header) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        int n = super.read(b, off, len);
        consumed[0] += Math.max(n, 0);
        return n;
      }
    };
    FrameFormatException e = assertThrows(FrameFormatException.class,
        () -> new FrameReader(in).read());
    assertEquals("length", e.field());
    assertEquals(FrameWriter.HEADER_LENGTH, consumed[0]);
    assertTrue(e.getMessage().contains("4294967295"), e.getMessage());
  }

  @Test
  void testFrameReader_configuredMaximum() throws IOException {
    byte[] wire = write(new Frame(FrameKind.DATA, 0, 1, new byte[1025]));
    assertThrows(FrameFormatException.class,
        () -> new FrameReader(new ByteArrayInputStream(wire), 1024).read());
    assertEquals(1025, new FrameReader(new ByteArrayInputStream(wire), 1025).read()
        .payload().length);
  }

  @Test
  void testFrameReader_truncatedPayload() throws IOException {
    byte[] wire = write(new Frame(FrameKind.DATA, 0, 1, new byte[100]));
    byte[] cut = Arrays.copyOf(wire, wire.length - 1);
    FrameFormatException e = assertThrows(FrameFormatException.class,
        () -> new FrameReader(new ByteArrayInputStream(cut)).read());
    assertEquals("payload", e.field());
  }

  @Test
  void testFrameReader_truncatedHeader() throws IOException {
    byte[] wire = write(new Frame(FrameKind.DATA, 0, 1, new byte[100]));
    byte[] cut = Arrays.copyOf(wire, 7);
    FrameFormatException e = assertThrows(FrameFormatException.class,
        () -> new FrameReader(new ByteArrayInputStream(cut)).read());
    assertEquals("header", e.field());
  }
  @Test
  void testSeek_skipsTheRestOfACutFrameAndOtherKinds() throws IOException {
    byte[] data = write(new Frame(FrameKind.DATA, 0, 9, new byte[5000]));
    byte[] hello = write(new Frame(FrameKind.HELLO, 0, 3, "hi".getBytes()),
        new Frame(FrameKind.INFO, 0, 4, new byte[1]));
    // a stream that starts in the middle of a DATA frame, then a whole DATA frame, then HELLO
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    bo.write(data, 1234, data.length - 1234);
    bo.write(data);
    bo.write(hello);
    FrameReader r = new FrameReader(new ByteArrayInputStream(bo.toByteArray()));
    Frame f = r.seek(FrameKind.HELLO, 100);
    assertEquals(FrameKind.HELLO, f.kind());
    assertEquals(3, f.messageId());
    assertEquals("hi", new String(f.payload()));
    // in step again: the next frame reads normally
    assertEquals(FrameKind.INFO, r.read().kind());
    assertNull(r.read());
  }

  @Test
  void testSeek_headerAnnouncingTooMuchIsNotAMatch() throws IOException {
    byte[] wire = write(new Frame(FrameKind.HELLO, 0, 1, new byte[500]),
        new Frame(FrameKind.HELLO, 0, 2, new byte[50]));
    FrameReader r = new FrameReader(new ByteArrayInputStream(wire));
    Frame f = r.seek(FrameKind.HELLO, 100);
    assertEquals(2, f.messageId());
    assertEquals(50, f.payload().length);
  }

  @Test
  void testSeek_endOfStreamWithoutAMatchIsNull() throws IOException {
    byte[] wire = write(new Frame(FrameKind.DATA, 0, 1, new byte[64]));
    assertNull(new FrameReader(new ByteArrayInputStream(wire)).seek(FrameKind.HELLO, 100));
    assertNull(new FrameReader(new ByteArrayInputStream(new byte[3])).seek(FrameKind.HELLO, 9));
  }
}

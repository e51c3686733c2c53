package org.hypertrace.transport.msg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hypertrace.transport.frame.FrameFormatException;

/**
 * Reads a payload written by {@link PayloadOutput}, bounds-checked: a length that runs past the
 * payload is a {@link FrameFormatException} naming the message field being read.
 */
final class PayloadInput {
  private final byte[] buf;
  private int pos;

  PayloadInput(byte[] buf) {
    this.buf = buf;
  }

  private void need(String field, int n) throws FrameFormatException {
    if (n < 0 || buf.length - pos < n) {
      throw new FrameFormatException(field, "needs " + n + " bytes at offset " + pos
          + ", payload has " + buf.length);
    }
  }

  int u8(String field) throws FrameFormatException {
    need(field, 1);
    return buf[pos++] & 0xff;
  }

  int u16(String field) throws FrameFormatException {
    need(field, 2);
    int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
    pos += 2;
    return v;
  }

  int u32(String field) throws FrameFormatException {
    need(field, 4);
    int v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (buf[pos++] & 0xff);
    }
    return v;
  }

  long u64(String field) throws FrameFormatException {
    long hi = u32(field) & 0xffffffffL;
    return (hi << 32) | (u32(field) & 0xffffffffL);
  }

  String str(String field) throws FrameFormatException {
    int n = u16(field);
    need(field, n);
    String s = new String(buf, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  List<String> strs(String field) throws FrameFormatException {
    int n = u16(field);
    List<String> out = new ArrayList<>(Math.min(n, 64));
    for (int i = 0; i < n; i++) {
      out.add(str(field));
    }
    return out;
  }

  byte[] bytes(String field) throws FrameFormatException {
    int n = u32(field);
    return raw(field, n);
  }

  byte[] raw(String field, int n) throws FrameFormatException {
    need(field, n);
    byte[] b = new byte[n];
    System.arraycopy(buf, pos, b, 0, n);
    pos += n;
    return b;
  }

  void end(String message) throws FrameFormatException {
    if (pos != buf.length) {
      throw new FrameFormatException("payload", (buf.length - pos) + " trailing bytes after "
          + message);
    }
  }
}

package org.hypertrace.transport.msg;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** A growable big-endian buffer for message payloads (the writer half of {@link PayloadInput}). */
final class PayloadOutput {
  private byte[] buf;
  private int len;

  PayloadOutput(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }

  PayloadOutput u8(int v) {
    ensure(1);
    buf[len++] = (byte) v;
    return this;
  }

  PayloadOutput u16(int v) {
    ensure(2);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
    return this;
  }

  PayloadOutput u32(int v) {
    ensure(4);
    for (int s = 24; s >= 0; s -= 8) {
      buf[len++] = (byte) (v >>> s);
    }
    return this;
  }

  PayloadOutput u64(long v) {
    return u32((int) (v >>> 32)).u32((int) v);
  }

  /** A string: u16 length, UTF-8 bytes. */
  PayloadOutput str(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length > 0xffff) {
      throw new IllegalArgumentException("string longer than 65535 bytes");
    }
    return u16(b.length).raw(b, 0, b.length);
  }

  /** A string list: u16 count, strings. */
  PayloadOutput strs(List<String> list) {
    if (list.size() > 0xffff) {
      throw new IllegalArgumentException("more than 65535 strings");
    }
    u16(list.size());
    for (String s : list) {
      str(s);
    }
    return this;
  }

  /** Bytes with a u32 length. */
  PayloadOutput bytes(byte[] b, int off, int n) {
    return u32(n).raw(b, off, n);
  }

  PayloadOutput raw(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
    return this;
  }

  byte[] toByteArray() {
    return len == buf.length ? buf : Arrays.copyOf(buf, len);
  }
}

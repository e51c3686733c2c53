package org.hypertrace.compiler.dof;

import java.util.Arrays;

/**
 * A growable little-endian buffer: port of dt_buf.c as dt_dof.c uses it ({@code dt_buf_write}
 * pads to the requested alignment before appending).
 */
final class DofBuffer {
  private byte[] data = new byte[256];
  private int size;

  int size() {
    return size;
  }

  private void ensure(int n) {
    if (size + n > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, size + n));
    }
  }

  /** dt_buf_offset: the offset the next write with this alignment will land at. */
  int offset(int align) {
    return align <= 1 ? size : (size + align - 1) / align * align;
  }

  DofBuffer align(int a) {
    int o = offset(a);
    ensure(o - size);
    while (size < o) {
      data[size++] = 0;
    }
    return this;
  }

  DofBuffer u8(int v) {
    ensure(1);
    data[size++] = (byte) v;
    return this;
  }

  DofBuffer u16(int v) {
    return u8(v).u8(v >>> 8);
  }

  DofBuffer u32(int v) {
    return u16(v).u16(v >>> 16);
  }

  DofBuffer u64(long v) {
    return u32((int) v).u32((int) (v >>> 32));
  }

  DofBuffer bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, data, size, b.length);
    size += b.length;
    return this;
  }

  void putU64(int at, long v) {
    for (int i = 0; i < 8; i++) {
      data[at + i] = (byte) (v >>> (8 * i));
    }
  }

  long getU64(int at) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (data[at + i] & 0xff);
    }
    return v;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(data, size);
  }
}

package org.hypertrace.compiler.elf;

import java.util.Arrays;

/** A growable little-endian byte buffer (the container's {@code dt_buf}). */
final class LeBuffer {
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

  LeBuffer u8(int v) {
    ensure(1);
    data[size++] = (byte) v;
    return this;
  }

  LeBuffer u16(int v) {
    return u8(v).u8(v >>> 8);
  }

  LeBuffer u32(int v) {
    return u16(v).u16(v >>> 16);
  }

  LeBuffer u64(long v) {
    return u32((int) v).u32((int) (v >>> 32));
  }

  LeBuffer bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, data, size, b.length);
    size += b.length;
    return this;
  }

  LeBuffer align(int a) {
    while (size % a != 0) {
      u8(0);
    }
    return this;
  }

  void putU32(int at, int v) {
    for (int i = 0; i < 4; i++) {
      data[at + i] = (byte) (v >>> (8 * i));
    }
  }

  byte[] toByteArray() {
    return Arrays.copyOf(data, size);
  }
}

package org.hypertrace.compiler.buf;

import java.util.Arrays;

/**
 * A growable little-endian buffer for the binary containers (DOF and HyperTrace's ELF): port of
 * dt_buf.c as dt_dof.c uses it ({@code dt_buf_write} pads to the requested alignment before
 * appending).
 */
public final class LeBuffer {
  private byte[] data = new byte[256];
  private int size;

  /** @return bytes written so far */
  public int size() {
    return size;
  }

  private void ensure(int n) {
    if (size + n > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, size + n));
    }
  }

  /** @param align an alignment @return the offset the next write with it will land at */
  public int offset(int align) {
    return align <= 1 ? size : (size + align - 1) / align * align;
  }

  /** @param a alignment @return this, zero-padded to a multiple of a */
  public LeBuffer align(int a) {
    int o = offset(a);
    ensure(o - size);
    while (size < o) {
      data[size++] = 0;
    }
    return this;
  }

  /** @param v low 8 bits appended @return this */
  public LeBuffer u8(int v) {
    ensure(1);
    data[size++] = (byte) v;
    return this;
  }

  /** @param v low 16 bits appended, little-endian @return this */
  public LeBuffer u16(int v) {
    return u8(v).u8(v >>> 8);
  }

  /** @param v appended, little-endian @return this */
  public LeBuffer u32(int v) {
    return u16(v).u16(v >>> 16);
  }

  /** @param v appended, little-endian @return this */
  public LeBuffer u64(long v) {
    return u32((int) v).u32((int) (v >>> 32));
  }

  /** @param b appended @return this */
  public LeBuffer bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, data, size, b.length);
    size += b.length;
    return this;
  }

  /** @param at offset @param v value written there, 4 bytes */
  public void putU32(int at, int v) {
    for (int i = 0; i < 4; i++) {
      data[at + i] = (byte) (v >>> (8 * i));
    }
  }

  /** @param at offset @param v value written there, 8 bytes */
  public void putU64(int at, long v) {
    for (int i = 0; i < 8; i++) {
      data[at + i] = (byte) (v >>> (8 * i));
    }
  }

  /** @param at offset @return the 8 bytes there, little-endian */
  public long getU64(int at) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (data[at + i] & 0xff);
    }
    return v;
  }

  /** @return a copy of what was written */
  public byte[] toByteArray() {
    return Arrays.copyOf(data, size);
  }
}

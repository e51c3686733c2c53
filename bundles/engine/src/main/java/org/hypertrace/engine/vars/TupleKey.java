package org.hypertrace.engine.vars;

import java.util.Arrays;

/**
 * A reusable, growable key under construction: the serialized form of a {@code dtrace_key_t}
 * tuple. Elements are tagged: the record size (1, 2, 4, 8) + 8 little-endian bytes for a value,
 * {@code 0xff} + 4-byte length + bytes for a reference. Building a key allocates nothing once
 * the buffer is large
 * enough, which keeps lookups of existing keys allocation-free.
 */
public final class TupleKey {
  byte[] buf = new byte[64];
  int len;
  int hash;

  /** Starts a new key. */
  public void reset() {
    len = 0;
    hash = 0x811c9dc5;
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }

  /** @param v a by-value element (8 bytes) */
  public void addLong(long v) {
    addLong(v, 8);
  }

  /**
   * @param v    a by-value element
   * @param size its record size (1, 2, 4, 8), part of the key's identity
   */
  public void addLong(long v, int size) {
    ensure(9);
    byte[] b = buf;
    int l = len;
    b[l] = (byte) size;
    for (int i = 0; i < 8; i++) {
      b[l + 1 + i] = (byte) (v >>> (i * 8));
    }
    len = l + 9;
    hash = (hash ^ (int) v ^ (int) (v >>> 32)) * 0x01000193;
    hash ^= hash >>> 15;
  }

  /**
   * @param src source bytes
   * @param off offset
   * @param n   length
   */
  public void addBytes(byte[] src, int off, int n) {
    ensure(5 + n);
    byte[] b = buf;
    int l = len;
    b[l] = (byte) 0xff;
    b[l + 1] = (byte) n;
    b[l + 2] = (byte) (n >>> 8);
    b[l + 3] = (byte) (n >>> 16);
    b[l + 4] = (byte) (n >>> 24);
    System.arraycopy(src, off, b, l + 5, n);
    int h = hash ^ n;
    for (int i = 0; i < n; i++) {
      h = (h ^ src[off + i]) * 0x01000193;
    }
    hash = h;
    len = l + 5 + n;
  }

  /**
   * Adds a by-reference element made of 64-bit words stored little-endian (the frames of a
   * stack, the pid and pc of a usym): the same encoding as {@link #addBytes}, built without a
   * byte array.
   *
   * @param w words
   * @param n how many
   */
  public void addWords(long[] w, int n) {
    int bytes = 8 * n;
    ensure(5 + bytes);
    byte[] b = buf;
    int l = len;
    b[l] = (byte) 0xff;
    b[l + 1] = (byte) bytes;
    b[l + 2] = (byte) (bytes >>> 8);
    b[l + 3] = (byte) (bytes >>> 16);
    b[l + 4] = (byte) (bytes >>> 24);
    l += 5;
    int h = hash ^ bytes;
    for (int i = 0; i < n; i++) {
      long v = w[i];
      for (int k = 0; k < 8; k++) {
        b[l++] = (byte) (v >>> (k * 8));
      }
      h = (h ^ (int) v ^ (int) (v >>> 32)) * 0x01000193;
    }
    hash = h;
    len = l;
  }

  /** @return a copy of the serialized key */
  public byte[] toBytes() {
    return Arrays.copyOf(buf, len);
  }

  /** @return the length of the serialized key */
  public int length() {
    return len;
  }
}

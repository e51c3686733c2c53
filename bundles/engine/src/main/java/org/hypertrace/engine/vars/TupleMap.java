package org.hypertrace.engine.vars;

import java.util.Arrays;

/**
 * An open-addressing hash map from serialized tuples ({@link TupleKey}) to dense entry numbers:
 * the role of the kernel's {@code dtrace_dynhash_t} and of the aggregation hash. Looking up an
 * existing key allocates nothing; inserting copies the key once.
 */
public final class TupleMap {
  private int[] table = new int[64];
  private byte[][] keys = new byte[32][];
  private int[] hashes = new int[32];
  private int next;
  private int[] free = new int[8];
  private int nfree;
  private int size;

  /** @return live entries */
  public int size() {
    return size;
  }

  /** @return one past the highest entry number ever used */
  public int capacity() {
    return next;
  }

  /** @param e entry @return its key bytes, or null when the entry is free */
  public byte[] key(int e) {
    return keys[e];
  }

  /**
   * @param k the key
   * @return the entry number, or -1
   */
  public int find(TupleKey k) {
    int mask = table.length - 1;
    int h = k.hash;
    for (int i = mix(h) & mask; ; i = (i + 1) & mask) {
      int t = table[i];
      if (t == 0) {
        return -1;
      }
      int e = t - 1;
      if (hashes[e] == h && equal(keys[e], k.buf, k.len)) {
        return e;
      }
    }
  }

  private static int mix(int h) {
    return h ^ (h >>> 16) ^ (h >>> 7);
  }

  private static boolean equal(byte[] a, byte[] b, int len) {
    return a.length == len && Arrays.equals(a, 0, len, b, 0, len);
  }

  /**
   * Inserts a key that {@link #find} did not find.
   *
   * @param k the key
   * @return the new entry number
   */
  public int insert(TupleKey k) {
    if ((size + 1) * 2 > table.length) {
      rehash(table.length * 2);
    }
    int e;
    if (nfree > 0) {
      e = free[--nfree];
    } else {
      if (next == keys.length) {
        keys = Arrays.copyOf(keys, next * 2);
        hashes = Arrays.copyOf(hashes, next * 2);
      }
      e = next++;
    }
    keys[e] = k.toBytes();
    hashes[e] = k.hash;
    place(e);
    size++;
    return e;
  }

  private void place(int e) {
    int mask = table.length - 1;
    int i = mix(hashes[e]) & mask;
    while (table[i] != 0) {
      i = (i + 1) & mask;
    }
    table[i] = e + 1;
  }

  private void rehash(int n) {
    table = new int[n];
    for (int e = 0; e < next; e++) {
      if (keys[e] != null) {
        place(e);
      }
    }
  }

  /** @param e the entry to remove */
  public void remove(int e) {
    int mask = table.length - 1;
    int i = mix(hashes[e]) & mask;
    while (table[i] != e + 1) {
      i = (i + 1) & mask;
    }
    table[i] = 0;
    // backward-shift the cluster that follows, so probes never stop early
    for (int j = (i + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
      int m = table[j] - 1;
      table[j] = 0;
      place(m);
    }
    keys[e] = null;
    if (nfree == free.length) {
      free = Arrays.copyOf(free, nfree * 2);
    }
    free[nfree++] = e;
    size--;
  }

  /** Removes everything. */
  public void clear() {
    Arrays.fill(table, 0);
    Arrays.fill(keys, null);
    next = 0;
    nfree = 0;
    size = 0;
  }
}

package org.hypertrace.engine.vars;

import java.util.Arrays;

/**
 * An open-addressing hash map from a pair of longs to an int: the fast path for thread-local
 * scalars, whose key is always (variable id, vm and thread id). No allocation except growth.
 */
final class PairMap {
  private long[] ka = new long[64];
  private long[] kb = new long[64];
  private int[] vals = new int[64];
  private boolean[] used = new boolean[64];
  private int size;

  private static int hash(long a, long b) {
    long h = a * 0x9E3779B97F4A7C15L ^ b * 0xC2B2AE3D27D4EB4FL;
    return (int) (h ^ (h >>> 29));
  }

  /** @return the value, or -1 */
  int get(long a, long b) {
    int mask = used.length - 1;
    for (int i = hash(a, b) & mask; used[i]; i = (i + 1) & mask) {
      if (ka[i] == a && kb[i] == b) {
        return vals[i];
      }
    }
    return -1;
  }

  /** Puts a value for a key that is absent. */
  void put(long a, long b, int v) {
    if ((size + 1) * 2 > used.length) {
      grow();
    }
    int mask = used.length - 1;
    int i = hash(a, b) & mask;
    while (used[i]) {
      i = (i + 1) & mask;
    }
    used[i] = true;
    ka[i] = a;
    kb[i] = b;
    vals[i] = v;
    size++;
  }

  /** @return the removed value, or -1 */
  int remove(long a, long b) {
    int mask = used.length - 1;
    int i = hash(a, b) & mask;
    while (used[i] && !(ka[i] == a && kb[i] == b)) {
      i = (i + 1) & mask;
    }
    if (!used[i]) {
      return -1;
    }
    int v = vals[i];
    used[i] = false;
    size--;
    // re-place the rest of the cluster so lookups never stop early
    for (int j = (i + 1) & mask; used[j]; j = (j + 1) & mask) {
      used[j] = false;
      size--;
      put(ka[j], kb[j], vals[j]);
    }
    return v;
  }

  private void grow() {
    long[] oa = ka;
    long[] ob = kb;
    int[] ov = vals;
    boolean[] ou = used;
    int n = ou.length * 2;
    ka = new long[n];
    kb = new long[n];
    vals = new int[n];
    used = new boolean[n];
    size = 0;
    for (int i = 0; i < ou.length; i++) {
      if (ou[i]) {
        put(oa[i], ob[i], ov[i]);
      }
    }
    Arrays.fill(oa, 0);
  }
}

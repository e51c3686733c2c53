package org.hypertrace.engine.vars;

/**
 * An open-addressing hash map from a pair of longs to a non-negative int: the fast path for
 * thread-local scalars, whose key is always (variable id, vm and thread id). No allocation
 * except growth.
 *
 * <p>Invariants:
 * <ol>
 *   <li>slot {@code i} is {@code t[4i]} (first key), {@code t[4i + 1]} (second key) and
 *       {@code t[4i + 2]} (value + 1, 0 when the slot is empty): a lookup reads one cache line
 *       per probe, not one per array as parallel arrays would;</li>
 *   <li>at most half the slots are used, so a probe sequence always reaches an empty slot;</li>
 *   <li>no empty slot lies between a key's home slot and its slot (removal re-places the rest of
 *       the cluster).</li>
 * </ol>
 */
final class PairMap {
  private static final int STRIDE = 4;
  private long[] t = new long[64 * STRIDE];
  private int mask = 63;
  private int size;

  private static int hash(long a, long b) {
    long h = (a * 0x9E3779B97F4A7C15L + b) * 0xC2B2AE3D27D4EB4FL;
    return (int) (h >>> 32);
  }

  /** @return the value, or -1 */
  int get(long a, long b) {
    long[] s = t;
    int m = mask;
    for (int i = hash(a, b) & m; ; i = (i + 1) & m) {
      int j = i * STRIDE;
      long v = s[j + 2];
      if (v == 0) {
        return -1;
      }
      if (s[j] == a && s[j + 1] == b) {
        return (int) (v - 1);
      }
    }
  }

  /** Puts a value (≥ 0) for a key that is absent. */
  void put(long a, long b, int v) {
    if ((size + 1) * 2 > mask + 1) {
      grow();
    }
    place(a, b, v);
    size++;
  }

  private void place(long a, long b, long v) {
    long[] s = t;
    int m = mask;
    int i = hash(a, b) & m;
    while (s[i * STRIDE + 2] != 0) {
      i = (i + 1) & m;
    }
    int j = i * STRIDE;
    s[j] = a;
    s[j + 1] = b;
    s[j + 2] = v + 1;
  }

  /** @return the removed value, or -1 */
  int remove(long a, long b) {
    long[] s = t;
    int m = mask;
    int i = hash(a, b) & m;
    while (s[i * STRIDE + 2] != 0 && !(s[i * STRIDE] == a && s[i * STRIDE + 1] == b)) {
      i = (i + 1) & m;
    }
    long v = s[i * STRIDE + 2];
    if (v == 0) {
      return -1;
    }
    s[i * STRIDE + 2] = 0;
    size--;
    // re-place the rest of the cluster so lookups never stop early
    for (int k = (i + 1) & m; s[k * STRIDE + 2] != 0; k = (k + 1) & m) {
      int j = k * STRIDE;
      long w = s[j + 2];
      s[j + 2] = 0;
      place(s[j], s[j + 1], w - 1);
    }
    return (int) (v - 1);
  }

  private void grow() {
    long[] old = t;
    t = new long[old.length * 2];
    mask = mask * 2 + 1;
    for (int j = 0; j < old.length; j += STRIDE) {
      if (old[j + 2] != 0) {
        place(old[j], old[j + 1], old[j + 2] - 1);
      }
    }
  }
}

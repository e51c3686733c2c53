package org.hypertrace.compiler.cg;

/**
 * The DIF integer register allocator: port of dt_regset.c. %r0 always reads as zero and is
 * allocated for the whole object; registers 1..n-1 are handed out lowest first.
 */
public final class RegSet {
  private final boolean[] used;

  /** @param n the number of registers (DIF_DIR_NREGS). */
  public RegSet(int n) {
    used = new boolean[n];
  }

  /** Frees every register and takes %r0 (dt_regset_reset + alloc of %r0). */
  public void reset() {
    java.util.Arrays.fill(used, false);
    used[0] = true;
  }

  /** @return a free register, or -1 when none is left. */
  public int alloc() {
    for (int i = 0; i < used.length; i++) {
      if (!used[i]) {
        used[i] = true;
        return i;
      }
    }
    return -1;
  }

  /** Frees {@code r}. */
  public void free(int r) {
    if (r > 0 && r < used.length) {
      used[r] = false;
    }
  }

  /** @return whether only %r0 is taken. */
  public boolean allFree() {
    for (int i = 1; i < used.length; i++) {
      if (used[i]) {
        return false;
      }
    }
    return true;
  }
}

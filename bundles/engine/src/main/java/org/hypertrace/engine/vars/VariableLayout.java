package org.hypertrace.engine.vars;

import static org.hypertrace.api.dif.DifConstants.*;

import java.util.HashMap;
import java.util.Map;
import org.hypertrace.api.dif.DifType;
import org.hypertrace.api.dif.DifVariable;

/**
 * Where each variable of a program lives: port of the allocation half of
 * {@code dtrace_difo_init} / {@code dtrace_dstate_init}. Static by-reference variables get fixed
 * slots; dynamic variables (thread-locals, associative arrays) share fixed-size chunks whose
 * number is bounded by {@code dynvarsize}.
 *
 * <p>Offsets are relative to the start of the writable region of the heap.
 */
public final class VariableLayout {
  /** Per-scope information, indexed by {@code id - DIF_VAR_OTHER_UBASE}. */
  static final class Scope {
    int n;
    boolean[] byRef = new boolean[0];
    boolean[] string = new boolean[0];
    int[] size = new int[0];
    int[] slot = new int[0];

    void ensure(int idx) {
      if (idx >= n) {
        int m = Math.max(idx + 1, n * 2);
        byRef = java.util.Arrays.copyOf(byRef, m);
        string = java.util.Arrays.copyOf(string, m);
        size = java.util.Arrays.copyOf(size, m);
        slot = java.util.Arrays.copyOf(slot, m);
        n = m;
      }
    }
  }

  final int strsize;
  final Scope globals = new Scope();
  final Scope locals = new Scope();
  final Scope threads = new Scope();
  final Map<Integer, DifVariable> seen = new HashMap<>();
  int builtinSlots;
  int chunkSize = 8;
  int nchunks;
  int dynStart;
  int size;

  /**
   * @param strsize the strsize option
   */
  public VariableLayout(int strsize) {
    this.strsize = strsize;
  }

  /**
   * Declares a variable seen in a DIF object's variable table.
   *
   * @param v the variable
   */
  public void declare(DifVariable v) {
    Scope s = v.scope() == DIFV_SCOPE_THREAD ? threads
        : v.scope() == DIFV_SCOPE_LOCAL ? locals : globals;
    int idx = v.id() - DIF_VAR_OTHER_UBASE;
    if (idx < 0) {
      return;
    }
    s.ensure(idx);
    DifType t = v.type();
    boolean str = t != null && t.isString();
    boolean ref = t != null && (str || t.byRef());
    s.byRef[idx] |= ref;
    s.string[idx] |= str;
    int sz = str ? strsize + 1 : t == null ? 8 : Math.max(8, t.size());
    s.size[idx] = Math.max(s.size[idx], sz);
    if (v.kind() == DIFV_KIND_ARRAY || v.scope() == DIFV_SCOPE_THREAD) {
      chunkSize = Math.max(chunkSize, (sz + 7) & ~7);
    }
  }

  /**
   * Fixes the layout.
   *
   * @param nbuiltin   built-in string slots to reserve
   * @param dynvarsize the dynvarsize option
   */
  public void finish(int nbuiltin, long dynvarsize) {
    int off = 0;
    builtinSlots = off;
    off += nbuiltin * (strsize + 1);
    off = assign(globals, off);
    off = assign(locals, off);
    off = (off + 7) & ~7;
    dynStart = off;
    long per = chunkSize + 64L;
    nchunks = (int) Math.max(1, Math.min(dynvarsize / per, 1 << 22));
    off += nchunks * chunkSize;
    size = off;
  }

  private static int assign(Scope s, int off) {
    for (int i = 0; i < s.n; i++) {
      if (s.byRef[i]) {
        off = (off + 7) & ~7;
        s.slot[i] = off;
        off += s.size[i];
      }
    }
    return off;
  }

  /** @return bytes of writable heap this layout needs */
  public int size() {
    return size;
  }
}

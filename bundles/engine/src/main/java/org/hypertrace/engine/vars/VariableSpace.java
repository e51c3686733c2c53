package org.hypertrace.engine.vars;

import static org.hypertrace.api.dif.DifConstants.*;

import org.hypertrace.engine.vm.FiringContext;
import org.hypertrace.engine.vm.MachineState;

/**
 * Global, clause-local, thread-local and associative-array variables: port of
 * {@code dtrace_vstate_t} with {@code dtrace_dynvar} for the dynamic ones.
 *
 * <p>Invariants:
 * <ol>
 *   <li>scalar integers live in {@code long[]}s; by-reference values in heap slots or chunks, and
 *       loading one yields its heap address (as the kernel yields a pointer);</li>
 *   <li>thread-local keys are (scope, id, vm, tid), so equal thread ids of different VMs never
 *       share a variable;</li>
 *   <li>storing zero (or a NULL string) deallocates a dynamic variable;</li>
 *   <li>allocation past {@code dynvarsize} drops the store and counts a dynamic variable drop.</li>
 * </ol>
 */
public final class VariableSpace {
  private static final int TAG_GLOBAL_ARRAY = 2;
  private static final int TAG_THREAD_ARRAY = 3;

  private final MachineState ms;
  private final VariableLayout layout;
  private final int base;
  /** Heap offset of dynamic chunk 0, and the chunk size (the layout's, fixed at finish). */
  private final int dynBase;
  private final int chunkSize;
  /** Per thread-local id (minus {@code DIF_VAR_OTHER_UBASE}): by reference. */
  private final boolean[] threadByRef;
  private final long[] globals;
  private final long[] locals;
  /**
   * By-reference statics assigned NULL: they load as NULL until assigned again (the kernel keeps
   * this in a flag byte ahead of the data, UINT8_MAX meaning NULL).
   */
  private final boolean[] globalNull;
  private final boolean[] localNull;
  private final TupleMap dyn = new TupleMap();
  private final PairMap tls = new PairMap();
  private final TupleKey key = new TupleKey();
  private int[] chunkOf = new int[64];
  private final int[] freeChunks;
  private int nfree;
  private long drops;

  /**
   * @param ms     the machine whose writable region starts with this layout
   * @param layout the finished layout
   */
  public VariableSpace(MachineState ms, VariableLayout layout) {
    this.ms = ms;
    this.layout = layout;
    this.base = ms.writableStart;
    this.dynBase = base + layout.dynStart;
    this.chunkSize = layout.chunkSize;
    this.threadByRef = java.util.Arrays.copyOf(layout.threads.byRef, layout.threads.n);
    this.globals = new long[Math.max(1, layout.globals.n)];
    this.locals = new long[Math.max(1, layout.locals.n)];
    this.globalNull = new boolean[globals.length];
    this.localNull = new boolean[locals.length];
    this.freeChunks = new int[layout.nchunks];
    for (int i = 0; i < layout.nchunks; i++) {
      freeChunks[i] = layout.nchunks - 1 - i;
    }
    this.nfree = layout.nchunks;
  }

  /** @param i built-in slot number @return its heap offset */
  public int builtinSlot(int i) {
    return base + layout.builtinSlots + i * (layout.strsize + 1);
  }

  /** @return dynamic variable drops so far */
  public long drops() {
    return drops;
  }

  // ------------------------------------------------------------------ statics

  /** @param id variable id @return its value (or address for by-reference) */
  public long loadGlobal(int id) {
    int i = id - DIF_VAR_OTHER_UBASE;
    VariableLayout.Scope s = layout.globals;
    if (i < 0 || i >= s.n) {
      return 0;
    }
    return s.byRef[i] ? globalNull[i] ? 0 : MachineState.addr(base + s.slot[i]) : globals[i];
  }

  /** @param id variable id @param v the value (or source address for by-reference) */
  public void storeGlobal(int id, long v) {
    int i = id - DIF_VAR_OTHER_UBASE;
    VariableLayout.Scope s = layout.globals;
    if (i < 0 || i >= s.n) {
      return;
    }
    if (s.byRef[i]) {
      globalNull[i] = v == 0;
      copyIn(v, base + s.slot[i], s.size[i], s.string[i]);
    } else {
      globals[i] = v;
    }
  }

  /** @param id variable id @return its value */
  public long loadLocal(int id) {
    int i = id - DIF_VAR_OTHER_UBASE;
    VariableLayout.Scope s = layout.locals;
    if (i < 0 || i >= s.n) {
      return 0;
    }
    return s.byRef[i] ? localNull[i] ? 0 : MachineState.addr(base + s.slot[i]) : locals[i];
  }

  /** @param id variable id @param v value */
  public void storeLocal(int id, long v) {
    int i = id - DIF_VAR_OTHER_UBASE;
    VariableLayout.Scope s = layout.locals;
    if (i < 0 || i >= s.n) {
      return;
    }
    if (s.byRef[i]) {
      localNull[i] = v == 0;
      copyIn(v, base + s.slot[i], s.size[i], s.string[i]);
    } else {
      locals[i] = v;
    }
  }

  /** Clears clause-local variables (they do not outlive a clause). */
  public void resetLocals() {
    java.util.Arrays.fill(locals, 0);
    java.util.Arrays.fill(localNull, false);
  }

  private void copyIn(long src, int dst, int size, boolean string) {
    if (src == 0) {
      return;
    }
    if (string) {
      int n = ms.strlen(src, ms.strsize);
      if (n < 0) {
        return;
      }
      System.arraycopy(ms.heap, ms.offset(src), ms.heap, dst, n);
      ms.heap[dst + n] = 0;
    } else {
      int o = ms.check(src, size);
      if (o >= 0) {
        System.arraycopy(ms.heap, o, ms.heap, dst, size);
      }
    }
  }

  // ------------------------------------------------------------------ dynamic variables

  private void threadKey(int tag, int id, FiringContext fc) {
    key.addLong(((long) tag << 32) | id);
    key.addLong(((long) fc.vm << 32) | (fc.ctx == null ? 0 : fc.ctx.tid() & 0xffffffffL));
  }

  private void tupleKey(int ttop) {
    long[] v = ms.tupVal;
    int[] sz = ms.tupSize;
    for (int i = 0; i < ttop; i++) {
      if (sz[i] == 0) {
        key.addLong(v[i]);
      } else {
        int o = ms.check(v[i], sz[i]);
        if (o < 0) {
          return;
        }
        key.addBytes(ms.heap, o, sz[i]);
      }
    }
  }

  private static long thread(FiringContext fc) {
    return ((long) fc.vm << 32) | (fc.ctx == null ? 0 : fc.ctx.tid() & 0xffffffffL);
  }

  /** @param id variable id @param fc the firing @return the thread-local's value */
  public long loadThread(int id, FiringContext fc) {
    int off = tls.get(id, thread(fc));
    if (off < 0) {
      return 0;
    }
    return threadRef(id) ? MachineState.addr(off) : ms.getLong(off);
  }

  /** Whether thread-local {@code id} is by reference (its value is its chunk's address). */
  private boolean threadRef(int id) {
    int i = id - DIF_VAR_OTHER_UBASE;
    boolean[] r = threadByRef;
    return i >= 0 && i < r.length && r[i];
  }

  /**
   * Stores a thread-local; zero deallocates it. The map holds each variable's chunk as its heap
   * offset, so the store after the lookup needs no layout arithmetic.
   *
   * @param id variable id
   * @param fc the firing
   * @param v  the value (or source address for by-reference)
   */
  public void storeThread(int id, FiringContext fc, long v) {
    long t = thread(fc);
    int off = tls.get(id, t);
    if (v == 0) {
      if (off >= 0) {
        tls.remove(id, t);
        freeChunks[nfree++] = (off - dynBase) / chunkSize;
      }
      return;
    }
    if (off < 0) {
      if (nfree == 0) {
        drops++;
        return;
      }
      off = chunkOffset(freeChunks[--nfree]);
      tls.put(id, t, off);
    }
    if (threadRef(id)) {
      int i = id - DIF_VAR_OTHER_UBASE;
      VariableLayout.Scope s = layout.threads;
      copyIn(v, off, Math.min(s.size[i], chunkSize), s.string[i]);
    } else {
      ms.putLong(off, v);
    }
  }

  /**
   * @param id     variable id
   * @param thread true for {@code self->a[...]}
   * @param ttop   tuple stack depth
   * @param fc     the firing
   * @return the element's value
   */
  public long loadArray(int id, boolean thread, int ttop, FiringContext fc) {
    key.reset();
    tupleKey(ttop);
    if (ms.fault != 0) {
      return 0;
    }
    if (thread) {
      threadKey(TAG_THREAD_ARRAY, id, fc);
    } else {
      key.addLong(((long) TAG_GLOBAL_ARRAY << 32) | id);
    }
    return load(thread ? layout.threads : layout.globals, id);
  }

  /**
   * @param id     variable id
   * @param thread true for {@code self->a[...]}
   * @param ttop   tuple stack depth
   * @param fc     the firing
   * @param v      the value
   */
  public void storeArray(int id, boolean thread, int ttop, FiringContext fc, long v) {
    key.reset();
    tupleKey(ttop);
    if (ms.fault != 0) {
      return;
    }
    if (thread) {
      threadKey(TAG_THREAD_ARRAY, id, fc);
    } else {
      key.addLong(((long) TAG_GLOBAL_ARRAY << 32) | id);
    }
    store(thread ? layout.threads : layout.globals, id, v);
  }

  private long load(VariableLayout.Scope s, int id) {
    int e = dyn.find(key);
    if (e < 0) {
      return 0;
    }
    int off = chunkOffset(chunkOf[e]);
    int i = id - DIF_VAR_OTHER_UBASE;
    if (i >= 0 && i < s.n && s.byRef[i]) {
      return MachineState.addr(off);
    }
    return ms.getLong(off);
  }

  private int chunkOffset(int chunk) {
    return dynBase + chunk * chunkSize;
  }

  private void store(VariableLayout.Scope s, int id, long v) {
    int e = dyn.find(key);
    if (v == 0) {
      if (e >= 0) {
        freeChunks[nfree++] = chunkOf[e];
        dyn.remove(e);
      }
      return;
    }
    if (e < 0) {
      if (nfree == 0) {
        drops++;
        return;
      }
      e = dyn.insert(key);
      if (e >= chunkOf.length) {
        chunkOf = java.util.Arrays.copyOf(chunkOf, Math.max(e + 1, chunkOf.length * 2));
      }
      chunkOf[e] = freeChunks[--nfree];
    }
    int off = chunkOffset(chunkOf[e]);
    int i = id - DIF_VAR_OTHER_UBASE;
    if (i >= 0 && i < s.n && s.byRef[i]) {
      copyIn(v, off, Math.min(s.size[i], layout.chunkSize), s.string[i]);
    } else {
      ms.putLong(off, v);
    }
  }
}

package org.hypertrace.engine.vm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.hypertrace.api.dtrace.DTraceConstants;

/**
 * The memory and per-firing machine state of one session's DIF virtual machine: port of the
 * kernel's {@code dtrace_mstate_t} plus the memory DIF may address (string tables, variable
 * storage, dynamic variable chunks, scratch).
 *
 * <p>All DIF-visible memory lives in one {@code byte[] heap}; an address is {@link #HEAP_BASE}
 * plus an offset. Anything else is not addressable and faults with {@code DTRACEFLT_BADADDR},
 * which is how {@code *(int *)0} reports {@code invalid address (0x0)}. Layout, low to high:
 * <ol>
 *   <li>constant strings (every DIF object's string table, placed once at load);</li>
 *   <li>built-in string slots (execname, probe names ...), {@code strsize + 1} bytes each;</li>
 *   <li>by-reference static variables (globals, clause-locals);</li>
 *   <li>dynamic variable chunks;</li>
 *   <li>scratch, reset before every clause;</li>
 *   <li>the foreign window: copies of memory outside the heap (kernel memory that the provider
 *       captured at the firing, read through {@link org.hypertrace.api.provider.ProbeContext#read}),
 *       made on first use in a clause and reset with scratch.</li>
 * </ol>
 */
public final class MachineState {
  /** Address of heap offset 0. */
  public static final long HEAP_BASE = 0x100000000000L;
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  /** DIF-visible memory. */
  public final byte[] heap;
  /** The strsize option. */
  public final int strsize;
  /** First byte that DIF may store to (everything below is constant). */
  public final int writableStart;
  /** Scratch bounds and bump pointer. */
  public final int scratchStart;
  int scratchTop;
  /** End of scratch, start of the foreign window. */
  private final int windowStart;
  private int windowTop;
  /** Ranges copied into the window this clause: foreign address, length, heap offset. */
  private final long[] winAddr = new long[WINDOW_RANGES];
  private final int[] winLen = new int[WINDOW_RANGES];
  private final int[] winOff = new int[WINDOW_RANGES];
  private int winCount;
  private static final int WINDOW_RANGES = 32;
  /** The firing whose provider answers reads outside the heap; null reads nothing there. */
  private FiringContext source;

  /** Fault code ({@code DTRACEFLT_*}), 0 when none. */
  public int fault;
  /** The faulting address or value. */
  public long illval;
  /** DIF offset (bytes) of the faulting instruction, -1 when none. */
  public int faultPc = -1;

  /** Tuple registers (value and by-ref size, 0 = by value). */
  public final long[] tupVal = new long[DifInterpreter.DIF_DTR_NREGS + 2];
  public final int[] tupSize = new int[DifInterpreter.DIF_DTR_NREGS + 2];

  /**
   * Creates the memory.
   *
   * @param consts   bytes of the constant region
   * @param writable bytes of the writable static region (built-ins, statics, dynamic chunks)
   * @param scratch  scratch bytes
   * @param strsize  the strsize option
   */
  public MachineState(byte[] consts, int writable, int scratch, int strsize) {
    this.strsize = strsize;
    this.writableStart = consts.length;
    this.scratchStart = consts.length + writable;
    this.windowStart = scratchStart + scratch;
    this.heap = new byte[windowStart + 2 * (strsize + 1) + 1024];
    System.arraycopy(consts, 0, heap, 0, consts.length);
    this.scratchTop = scratchStart;
    this.windowTop = windowStart;
  }

  /** @param fc the firing whose provider context answers loads of addresses outside the heap */
  public void foreignSource(FiringContext fc) {
    this.source = fc;
  }

  /** Resets scratch and fault state before a clause runs. */
  public void resetClause() {
    scratchTop = scratchStart;
    windowTop = windowStart;
    winCount = 0;
  }

  /** Clears the fault. */
  public void clearFault() {
    fault = 0;
    illval = 0;
    faultPc = -1;
  }

  /**
   * Records a fault (the first one wins).
   *
   * @param code   {@code DTRACEFLT_*}
   * @param value  the illegal value
   */
  public void fault(int code, long value) {
    if (fault == 0) {
      fault = code;
      illval = value;
    }
  }

  /** @param off heap offset @return its address */
  public static long addr(int off) {
    return HEAP_BASE + off;
  }

  /**
   * @param a   address
   * @param len bytes
   * @return the heap offset, or -1 (and a BADADDR fault) when not addressable
   */
  public int check(long a, int len) {
    long off = a - HEAP_BASE;
    if (a < HEAP_BASE || off > heap.length - (long) len || len < 0) {
      return foreign(a, len);
    }
    return (int) off;
  }

  /**
   * The heap offset of an address that {@link #check} or {@link #strlen} accepted: its own
   * offset in the heap, or where the window holds its copy.
   *
   * @param a an address accepted this clause
   * @return heap offset
   */
  public int offset(long a) {
    if (a >= HEAP_BASE && a - HEAP_BASE < heap.length) {
      return (int) (a - HEAP_BASE);
    }
    int i = windowRange(a, 0);
    return i < 0 ? 0 : winOff[i] + (int) (a - winAddr[i]);
  }

  /** Index of the window range holding [a, a + len), or -1. */
  private int windowRange(long a, int len) {
    for (int i = 0; i < winCount; i++) {
      long d = a - winAddr[i];
      if (d >= 0 && d + len <= winLen[i] && (len > 0 || d < winLen[i])) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Slow path of {@link #check}: memory outside the heap is the firing's (kernel memory the
   * provider captured); its bytes are copied into the window so that every heap accessor works.
   */
  private int foreign(long a, int len) {
    if (len < 0 || a >= HEAP_BASE && a - HEAP_BASE < heap.length) {
      fault(DTraceConstants.DTRACEFLT_BADADDR, a);
      return -1;
    }
    int i = windowRange(a, len);
    if (i >= 0) {
      return winOff[i] + (int) (a - winAddr[i]);
    }
    int n = readForeign(a, Math.max(len, 1));
    if (n < len) {
      fault(DTraceConstants.DTRACEFLT_BADADDR, a);
      return -1;
    }
    return winOff[winCount - 1];
  }

  /** Copies up to max bytes at a foreign address into the window; @return bytes copied or -1. */
  private int readForeign(long a, int max) {
    FiringContext fc = source;
    if (fc == null || fc.ctx == null || winCount == WINDOW_RANGES) {
      return -1;
    }
    int room = heap.length - windowTop;
    if (max > room) {
      return -1;
    }
    int n = fc.ctx.read(a, heap, windowTop, max);
    if (n <= 0) {
      return -1;
    }
    winAddr[winCount] = a;
    winLen[winCount] = n;
    winOff[winCount] = windowTop;
    winCount++;
    windowTop += n;
    return n;
  }

  /**
   * Loads an integer: port of {@code dtrace_load8/16/32/64}.
   *
   * @param a      address
   * @param size   1, 2, 4 or 8
   * @param signed sign-extend
   * @return the value, 0 on fault
   */
  public long load(long a, int size, boolean signed) {
    int o = check(a, size);
    if (o < 0) {
      return 0;
    }
    switch (size) {
      case 1:
        return signed ? heap[o] : heap[o] & 0xffL;
      case 2: {
        short s = (short) SHORT.get(heap, o);
        return signed ? s : s & 0xffffL;
      }
      case 4: {
        int i = (int) INT.get(heap, o);
        return signed ? i : i & 0xffffffffL;
      }
      default:
        return (long) LONG.get(heap, o);
    }
  }

  /**
   * Stores an integer where DIF may store (scratch and variable storage).
   *
   * @param a    address
   * @param size 1, 2, 4 or 8
   * @param v    value
   */
  public void store(long a, int size, long v) {
    long off = a - HEAP_BASE;
    if (a < HEAP_BASE || off < writableStart || off > heap.length - (long) size) {
      fault(DTraceConstants.DTRACEFLT_BADADDR, a);
      return;
    }
    int o = (int) off;
    switch (size) {
      case 1 -> heap[o] = (byte) v;
      case 2 -> SHORT.set(heap, o, (short) v);
      case 4 -> INT.set(heap, o, (int) v);
      default -> LONG.set(heap, o, v);
    }
  }

  /** @param off heap offset @param v value stored little-endian as 8 bytes */
  public void putLong(int off, long v) {
    LONG.set(heap, off, v);
  }

  /** @param off heap offset @return the 8-byte little-endian value there */
  public long getLong(int off) {
    return (long) LONG.get(heap, off);
  }

  /**
   * Allocates zeroed scratch: port of {@code dtrace_dif_varstr}/{@code alloca}'s scratch rules.
   *
   * @param size bytes
   * @return heap offset, or -1 with {@code DTRACEFLT_NOSCRATCH}
   */
  public int alloc(long size) {
    int top = (scratchTop + 7) & ~7;
    if (size < 0 || size > windowStart - top) {
      fault(DTraceConstants.DTRACEFLT_NOSCRATCH, 0);
      return -1;
    }
    java.util.Arrays.fill(heap, top, top + (int) size, (byte) 0);
    scratchTop = top + (int) size;
    return top;
  }

  /**
   * Length of the string at an address, bounded by {@code limit}: port of {@code dtrace_strlen}.
   *
   * @param a     address
   * @param limit bound
   * @return the length, or -1 after a fault
   */
  public int strlen(long a, int limit) {
    long off = a - HEAP_BASE;
    int end;
    if (a < HEAP_BASE || off >= heap.length) {
      int w = foreignString(a, limit);
      if (w < 0) {
        return -1;
      }
      off = winOff[w] + (a - winAddr[w]);
      end = (int) Math.min(winOff[w] + (long) winLen[w], off + limit);
    } else {
      end = (int) Math.min((long) heap.length, off + limit);
    }
    int o = (int) off;
    int i = o;
    while (i < end && heap[i] != 0) {
      i++;
    }
    return i - o;
  }

  /** The window range holding a foreign string (copied up to limit + 1 bytes), or -1. */
  private int foreignString(long a, int limit) {
    int i = windowRange(a, 0);
    if (i < 0 && readForeign(a, Math.min(limit + 1, heap.length - windowTop)) > 0) {
      i = winCount - 1;
    }
    if (i < 0) {
      fault(DTraceConstants.DTRACEFLT_BADADDR, a);
    }
    return i;
  }

  /**
   * Writes a Java string into a slot, bounded by strsize, NUL-terminated.
   *
   * @param off heap offset of the slot ({@code strsize + 1} bytes)
   * @param s   the string (null writes "")
   */
  public void putString(int off, String s) {
    int n = 0;
    if (s != null) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      n = Math.min(b.length, strsize);
      System.arraycopy(b, 0, heap, off, n);
    }
    heap[off + n] = 0;
  }

  /**
   * Reads a string for the consumer.
   *
   * @param a address
   * @return the string, or null when not addressable
   */
  public String string(long a) {
    long off = a - HEAP_BASE;
    if (a < HEAP_BASE || off >= heap.length) {
      int saved = fault;
      int n = strlen(a, strsize);
      if (n < 0) {
        fault = saved;
        return null;
      }
      return new String(heap, offset(a), n, StandardCharsets.ISO_8859_1);
    }
    int o = (int) off;
    int end = (int) Math.min((long) heap.length, off + strsize);
    int i = o;
    while (i < end && heap[i] != 0) {
      i++;
    }
    return new String(heap, o, i - o, StandardCharsets.ISO_8859_1);
  }
}

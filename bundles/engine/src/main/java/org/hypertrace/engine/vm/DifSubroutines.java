package org.hypertrace.engine.vm;

import static org.hypertrace.api.dif.DifConstants.*;

import java.nio.charset.StandardCharsets;
import org.hypertrace.api.dtrace.DTraceConstants;
import org.hypertrace.engine.vars.VariableSpace;

/**
 * Built-in variables and subroutines, out of the interpreter's hot loop: port of
 * {@code dtrace_dif_variable} and {@code dtrace_dif_subr} for what makes sense in user space.
 * Subroutine arguments are on the tuple stack ({@link MachineState#tupVal}); string results go
 * to scratch, as the kernel's do.
 */
public final class DifSubroutines {
  /** Allocates speculation buffers for {@code speculation()}. */
  public interface SpeculationSource {
    /** @return a speculation id, or 0 when none is free */
    int speculation();
  }

  private final MachineState ms;
  private final VariableSpace vars;
  private final FiringContext fc;
  private final int[] slots;
  private SpeculationSource specs = () -> 0;
  private long randState = 0x2545F4914F6CDD1DL ^ System.nanoTime();
  private final long pid = ProcessHandle.current().pid();

  /** Built-in string slots (index into {@link #slots}). */
  private static final int S_EXEC = 0;
  private static final int S_PROV = 1;
  private static final int S_MOD = 2;
  private static final int S_FUNC = 3;
  private static final int S_NAME = 4;
  private static final int S_ZONE = 5;
  private static final int S_VM = 6;
  private static final int S_PSARGS = 7;
  /** Number of built-in string slots a session reserves. */
  public static final int NSLOTS = 8;
  private String[] slotValue = new String[NSLOTS];

  DifSubroutines(MachineState ms, VariableSpace vars, FiringContext fc) {
    this.ms = ms;
    this.vars = vars;
    this.fc = fc;
    this.slots = new int[NSLOTS];
    for (int i = 0; i < NSLOTS; i++) {
      slots[i] = vars.builtinSlot(i);
    }
  }

  /** @param s where {@code speculation()} gets ids */
  public void setSpeculationSource(SpeculationSource s) {
    specs = s;
  }

  // ------------------------------------------------------------------ built-in variables

  private long slot(int i, String v) {
    if (v != slotValue[i]) {
      ms.putString(slots[i], v);
      slotValue[i] = v;
    }
    return MachineState.addr(slots[i]);
  }

  /**
   * A built-in variable: port of {@code dtrace_dif_variable}. The ones hot clauses read on every
   * firing (the clocks, execname) are answered here, in a method small enough for the JIT to
   * inline into the interpreter; the others go through {@link #variable}.
   *
   * @param id {@code DIF_VAR_*}
   * @return its value, or its address for a string
   */
  long builtin(int id) {
    switch (id) {
      case DIF_VAR_TIMESTAMP:
      case DIF_VAR_VTIMESTAMP:
        return timestamp();
      case DIF_VAR_EXECNAME:
        return slot(S_EXEC, fc.ctx == null ? "dtrace" : fc.ctx.execname());
      default:
        return variable(id);
    }
  }

  /** The firing's time, read once per clause from the provider, else the host clock. */
  private long timestamp() {
    long t = fc.timestamp;
    if (t == 0) {
      t = fc.ctx == null ? 0 : fc.ctx.timestamp();
      if (t == 0) {
        t = fc.firingClock();
      }
      fc.timestamp = t;
    }
    return t;
  }

  private long variable(int id) {
    switch (id) {
      case DIF_VAR_CURTHREAD: return fc.ctx == null ? 0 : fc.ctx.curthread();
      case DIF_VAR_WALLTIMESTAMP:
        if (fc.walltimestamp == 0) {
          java.time.Instant now = java.time.Instant.now();
          fc.walltimestamp = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }
        return fc.walltimestamp;
      case DIF_VAR_IPL: return 0;
      case DIF_VAR_EPID: return fc.epid;
      case DIF_VAR_ID: return fc.probeId;
      case DIF_VAR_STACKDEPTH: case DIF_VAR_USTACKDEPTH:
      case DIF_VAR_CALLER: case DIF_VAR_UCALLER:
        return stackVariable(id);
      case DIF_VAR_PROBEPROV: return slot(S_PROV, fc.provider);
      case DIF_VAR_PROBEMOD: return slot(S_MOD, fc.module);
      case DIF_VAR_PROBEFUNC: return slot(S_FUNC, fc.function);
      case DIF_VAR_PROBENAME: return slot(S_NAME, fc.name);
      case DIF_VAR_PID: return fc.ctx == null ? pid : fc.ctx.pid();
      case DIF_VAR_TID: return fc.ctx == null ? 0 : fc.ctx.tid();
      case DIF_VAR_PPID: return fc.ctx == null ? 0 : fc.ctx.ppid();
      case DIF_VAR_UID: return fc.ctx == null ? 0 : fc.ctx.uid();
      case DIF_VAR_GID: return fc.ctx == null ? 0 : fc.ctx.gid();
      case DIF_VAR_ERRNO: return fc.ctx == null ? 0 : fc.ctx.errno();
      case DIF_VAR_ZONENAME: return slot(S_ZONE, "global");
      case DIF_VAR_PSARGS:
        return slot(S_PSARGS, fc.ctx == null ? "dtrace" : fc.ctx.psargs());
      case DIF_VAR_VMNAME: {
        String v = fc.ctx == null ? null : fc.ctx.vmname();
        return slot(S_VM, v == null ? hostVm != null ? hostVm : hostName() : v);
      }
      default:
        if (id >= DIF_VAR_ARG0 && id <= DIF_VAR_ARG9) {
          return fc.arg(id - DIF_VAR_ARG0);
        }
        ms.fault(DTraceConstants.DTRACEFLT_ILLOP, 0);
        return 0;
    }
  }

  /** Frames of the stack built-ins, filled from the firing's captured stack. */
  private long[] frames;

  /**
   * stackdepth, ustackdepth (frames the provider captured) and caller, ucaller (the frame above
   * the innermost one: the caller of the function the probe fired in), from the stacks the
   * provider captured because the clause reads them (Ecb asks for them); 0 without a stack.
   */
  private long stackVariable(int id) {
    if (fc.ctx == null) {
      return 0;
    }
    if (frames == null) {
      frames = new long[128];
    }
    boolean user = id == DIF_VAR_USTACKDEPTH || id == DIF_VAR_UCALLER;
    int n = user ? fc.ctx.userStack(frames) : fc.ctx.kernelStack(frames);
    if (id == DIF_VAR_STACKDEPTH || id == DIF_VAR_USTACKDEPTH) {
      return Math.max(0, n);
    }
    return n > 1 ? frames[1] : 0;
  }

  private static String host;
  /** vmname of the host's own firings when the session names the host node, else null. */
  private String hostVm;

  /** @param name vmname of the host's own firings (its node name in HyperTrace mode) */
  public void hostNodeName(String name) {
    this.hostVm = name;
  }

  private static String hostName() {
    if (host == null) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException e) {
        host = "localhost";
      }
    }
    return host;
  }

  // ------------------------------------------------------------------ strings

  /** Compares two strings: port of the {@code scmp} case ({@code dtrace_strncmp}). */
  long scmp(long a, long b) {
    if (a == b) {
      return 0;
    }
    // dtrace_strncmp reads a NULL string as ""
    int oa = a == 0 ? -1 : stringOffset(a);
    int ob = b == 0 ? -1 : stringOffset(b);
    if (ms.fault != 0) {
      return 0;
    }
    byte[] h = ms.heap;
    for (int i = 0; i < ms.strsize; i++) {
      int ca = oa >= 0 && oa + i < h.length ? h[oa + i] & 0xff : 0;
      int cb = ob >= 0 && ob + i < h.length ? h[ob + i] & 0xff : 0;
      if (ca != cb) {
        return ca - cb;
      }
      if (ca == 0) {
        return 0;
      }
    }
    return 0;
  }

  /** Heap offset of a string operand (copied into the window when it is foreign memory). */
  private int stringOffset(long a) {
    if (a >= MachineState.HEAP_BASE && a - MachineState.HEAP_BASE < ms.heap.length) {
      return (int) (a - MachineState.HEAP_BASE);
    }
    return ms.strlen(a, ms.strsize) < 0 ? -1 : ms.offset(a);
  }

  /** {@code copys}: copies {@code len} bytes. */
  void copy(long src, long len, long dst) {
    int n = (int) Math.max(0, Math.min(len, ms.heap.length));
    int s = ms.check(src, n);
    if (s < 0) {
      return;
    }
    long doff = dst - MachineState.HEAP_BASE;
    if (dst < MachineState.HEAP_BASE || doff < ms.writableStart || doff > ms.heap.length - n) {
      ms.fault(DTraceConstants.DTRACEFLT_BADADDR, dst);
      return;
    }
    System.arraycopy(ms.heap, s, ms.heap, (int) doff, n);
  }

  private String str(long a) {
    if (a == 0) {
      ms.fault(DTraceConstants.DTRACEFLT_BADADDR, 0);
      return null;
    }
    int n = ms.strlen(a, ms.strsize);
    if (n < 0) {
      return null;
    }
    return new String(ms.heap, ms.offset(a), n, StandardCharsets.ISO_8859_1);
  }

  private long result(String s) {
    int n = Math.min(s.length(), ms.strsize);
    int off = ms.alloc(ms.strsize + 1);
    if (off < 0) {
      return 0;
    }
    for (int i = 0; i < n; i++) {
      ms.heap[off + i] = (byte) s.charAt(i);
    }
    ms.heap[off + n] = 0;
    return MachineState.addr(off);
  }

  // ------------------------------------------------------------------ subroutines

  /**
   * Calls a subroutine: port of {@code dtrace_dif_subr}.
   *
   * @param subr {@code DIF_SUBR_*}
   * @param rd   destination register
   * @param r    registers
   * @param nargs tuple stack depth (the arguments)
   */
  void call(int subr, int rd, long[] r, int nargs) {
    long[] t = ms.tupVal;
    long v = 0;
    switch (subr) {
      case DIF_SUBR_RAND: v = rand(); break;
      case DIF_SUBR_PROGENYOF: v = progenyof(t[0]); break;
      case DIF_SUBR_MUTEX_OWNED: case DIF_SUBR_MUTEX_OWNER: case DIF_SUBR_MUTEX_TYPE_ADAPTIVE:
      case DIF_SUBR_MUTEX_TYPE_SPIN: case DIF_SUBR_RW_READ_HELD: case DIF_SUBR_RW_WRITE_HELD:
      case DIF_SUBR_RW_ISWRITER: case DIF_SUBR_GETMAJOR:
      case DIF_SUBR_GETMINOR: case DIF_SUBR_MSGDSIZE: case DIF_SUBR_MSGSIZE:
        v = 0; break;
      case DIF_SUBR_SPECULATION: v = specs.speculation(); break;
      case DIF_SUBR_STRLEN: {
        if (t[0] == 0) {
          ms.fault(DTraceConstants.DTRACEFLT_BADADDR, 0);
          break;
        }
        v = Math.max(0, ms.strlen(t[0], ms.strsize));
        break;
      }
      case DIF_SUBR_ALLOCA: {
        int off = ms.alloc(t[0]);
        v = off < 0 ? 0 : MachineState.addr(off);
        break;
      }
      case DIF_SUBR_BCOPY: copy(t[0], t[2], t[1]); break;
      case DIF_SUBR_COPYIN: v = copyin(t[0], t[1]); break;
      case DIF_SUBR_COPYINSTR: v = copyinstr(t[0], nargs > 1 ? t[1] : ms.strsize); break;
      case DIF_SUBR_COPYINTO: copyinto(t[0], t[1], t[2]); break;
      case DIF_SUBR_STRTOK: v = strtok(t[0], t[1]); break;
      case DIF_SUBR_HTONS: case DIF_SUBR_NTOHS:
        v = Short.reverseBytes((short) t[0]) & 0xffffL;
        break;
      case DIF_SUBR_HTONL: case DIF_SUBR_NTOHL:
        v = Integer.reverseBytes((int) t[0]) & 0xffffffffL;
        break;
      case DIF_SUBR_HTONLL: case DIF_SUBR_NTOHLL: v = Long.reverseBytes(t[0]); break;
      default: v = StringSubroutines.call(this, subr, t, nargs); break;
    }
    r[rd] = v;
  }

  private long strtokAddr;
  private long strtokLimit;

  /** strtok(): the kernel's scan, resuming where the last call stopped when str is NULL. */
  private long strtok(long addr, long tok) {
    int tl = ms.strlen(tok, ms.strsize);
    if (tl < 0) {
      return 0;
    }
    int dest = ms.alloc(ms.strsize);
    if (dest < 0) {
      return 0;
    }
    long limit;
    if (addr == 0) {
      addr = strtokAddr;
      limit = strtokLimit;
    } else {
      int n = ms.strlen(addr, ms.strsize);
      if (n < 0) {
        return 0;
      }
      limit = addr + n;
    }
    byte[] h = ms.heap;
    boolean[] map = new boolean[256];
    int to = (int) (tok - MachineState.HEAP_BASE);
    for (int i = 0; i < tl; i++) {
      map[h[to + i] & 0xff] = true;
    }
    int c = 0;
    for (; addr < limit; addr++) {
      c = h[(int) (addr - MachineState.HEAP_BASE)] & 0xff;
      if (c == 0 || !map[c]) {
        break;
      }
    }
    if (addr >= limit || c == 0) {
      strtokAddr = 0;
      strtokLimit = 0;
      return 0;
    }
    int i = 0;
    for (; addr < limit && i < ms.strsize - 1; addr++) {
      c = h[(int) (addr - MachineState.HEAP_BASE)] & 0xff;
      if (c == 0 || map[c]) {
        break;
      }
      h[dest + i++] = (byte) c;
    }
    h[dest + i] = 0;
    strtokAddr = addr;
    strtokLimit = limit;
    return MachineState.addr(dest);
  }

  /** progenyof(): whether the firing process is pid or one of its descendants. */
  private long progenyof(long ancestor) {
    long p = fc.ctx == null ? pid : fc.ctx.pid();
    java.util.Optional<ProcessHandle> h = ProcessHandle.of(p);
    for (int depth = 0; h.isPresent() && depth < 1024; depth++) {
      if (h.get().pid() == ancestor) {
        return 1;
      }
      h = h.get().parent();
    }
    return ancestor == 1 || ancestor == 0 ? 1 : 0;
  }

  private long rand() {
    long x = randState;
    x ^= x << 13;
    x ^= x >>> 7;
    x ^= x << 17;
    randState = x;
    return x & 0xffffffffL;
  }

  private long copyin(long uaddr, long size) {
    int off = ms.alloc(size);
    if (off < 0) {
      return 0;
    }
    if (fc.ctx == null || fc.ctx.read(uaddr, ms.heap, off, (int) size) < 0) {
      ms.fault(DTraceConstants.DTRACEFLT_BADADDR, uaddr);
      return 0;
    }
    return MachineState.addr(off);
  }

  private void copyinto(long uaddr, long size, long dst) {
    int d = ms.check(dst, (int) Math.max(0, size));
    if (d < 0) {
      return;
    }
    if (fc.ctx == null || fc.ctx.read(uaddr, ms.heap, d, (int) size) < 0) {
      ms.fault(DTraceConstants.DTRACEFLT_BADADDR, uaddr);
    }
  }

  private long copyinstr(long uaddr, long max) {
    int n = (int) Math.max(0, Math.min(max, ms.strsize));
    int off = ms.alloc(ms.strsize + 1);
    if (off < 0) {
      return 0;
    }
    if (fc.ctx == null || fc.ctx.read(uaddr, ms.heap, off, n) < 0) {
      ms.fault(DTraceConstants.DTRACEFLT_BADADDR, uaddr);
      return 0;
    }
    ms.heap[off + n] = 0;
    return MachineState.addr(off);
  }

  // helpers for StringSubroutines
  String string(long a) {
    return str(a);
  }

  long stringResult(String s) {
    return result(s);
  }

  MachineState machine() {
    return ms;
  }
}

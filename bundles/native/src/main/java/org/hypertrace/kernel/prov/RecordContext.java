package org.hypertrace.kernel.prov;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import org.hypertrace.api.provider.ProbeContext;
import org.hypertrace.kernel.sym.KernelSymbols;
import org.hypertrace.kernel.sym.ProcessSymbols;
import org.hypertrace.kernel.sys.UioLibrary;

/**
 * The {@link ProbeContext} of one record, read in place from the ring buffer: one instance per
 * consumer thread, repositioned per record, so delivery allocates nothing. execname strings come
 * from a small cache keyed by the 16 comm bytes, so a steady workload allocates no strings either.
 */
final class RecordContext implements ProbeContext {
  private static final int CACHE = 256;
  private final long[] keys = new long[2 * CACHE];
  private final String[] names = new String[CACHE];
  private final byte[] scratch = new byte[EventRecord.COMM_SIZE];
  private final UioLibrary.iovec local = new UioLibrary.iovec();
  private final UioLibrary.iovec remote = new UioLibrary.iovec();
  private Memory buffer;
  private final RingChannel channel;
  private final java.util.Map<Integer, ProcessSymbols> processes =
      new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Integer, ProcessSymbols> e) {
          return size() > 64;
        }
      };
  private ByteBuffer data;
  private int base;
  private int length;

  RecordContext(RingChannel channel) {
    this.channel = channel;
  }

  void at(ByteBuffer buffer, int offset, int length) {
    this.data = buffer;
    this.base = offset;
    this.length = length;
  }

  int probeId() {
    return data.getInt(base + EventRecord.PROBE);
  }

  /** @return kernel time (bpf_ktime_get_ns, CLOCK_MONOTONIC ns) of the firing */
  @Override
  public long timestamp() {
    return data.getLong(base + EventRecord.TIME);
  }

  @Override
  public long arg(int i) {
    return i >= 0 && i < EventRecord.NARGS ? data.getLong(base + EventRecord.arg(i)) : 0;
  }

  @Override
  public int pid() {
    return data.getInt(base + EventRecord.PID);
  }

  @Override
  public int tid() {
    return data.getInt(base + EventRecord.TID);
  }

  @Override
  public int ppid() {
    return data.getInt(base + EventRecord.PPID);
  }

  @Override
  public int uid() {
    return data.getInt(base + EventRecord.UID);
  }

  @Override
  public int gid() {
    return data.getInt(base + EventRecord.GID);
  }

  @Override
  public int cpu() {
    return data.getInt(base + EventRecord.CPU);
  }

  @Override
  public int errno() {
    return data.getInt(base + EventRecord.ERRNO);
  }

  @Override
  public long curthread() {
    return data.getLong(base + EventRecord.CURTHREAD);
  }

  @Override
  public String execname() {
    long lo = data.getLong(base + EventRecord.COMM);
    long hi = data.getLong(base + EventRecord.COMM + 8);
    int slot = (int) ((lo * 0x9E3779B97F4A7C15L ^ hi) >>> 56) & (CACHE - 1);
    String s = names[slot];
    if (s != null && keys[2 * slot] == lo && keys[2 * slot + 1] == hi) {
      return s;
    }
    int n = 0;
    while (n < EventRecord.COMM_SIZE) {
      byte b = data.get(base + EventRecord.COMM + n);
      if (b == 0) {
        break;
      }
      scratch[n++] = b;
    }
    s = new String(scratch, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    keys[2 * slot] = lo;
    keys[2 * slot + 1] = hi;
    names[slot] = s;
    return s;
  }

  private int stack(int field, long[] pcs) {
    int id = data.getInt(base + field);
    if (id < 0 || channel == null) {
      return 0;
    }
    long[] frames = channel.stack(id);
    int n = Math.min(frames.length, pcs.length);
    System.arraycopy(frames, 0, pcs, 0, n);
    return n;
  }

  @Override
  public int kernelStack(long[] pcs) {
    return stack(EventRecord.KSTACK, pcs);
  }

  @Override
  public int userStack(long[] pcs) {
    return stack(EventRecord.USTACK, pcs);
  }

  @Override
  public String symbol(long pc, boolean user) {
    if (!user) {
      return KernelSymbols.host().symbol(pc);
    }
    return processes.computeIfAbsent(pid(), ProcessSymbols::new).symbol(pc);
  }

  /** pr_psargs of the firing process, read from /proc when the firing is delivered. */
  @Override
  public String psargs() {
    return ARGS.psargs(pid(), execname());
  }

  private static final org.hypertrace.kernel.sym.ProcessArgs ARGS =
      new org.hypertrace.kernel.sym.ProcessArgs();

  @Override
  public String vmname() {
    return null;
  }

  /** {@link #copied}: no copy covers the address. */
  private static final int NOT_COPIED = -2;

  /**
   * Serves a read from the memory the kernel program copied at the firing ({@link CaptureTail}):
   * the copy that holds the most bytes from address on. A kernel copy that failed answers -1 at
   * its address (a user string that could not be copied then may still be in the process).
   *
   * @return bytes copied, -1 for a failed copy, or {@link #NOT_COPIED}
   */
  private int copied(long address, byte[] dst, int off, int len) {
    if (length < CaptureTail.ENTRIES) {
      return NOT_COPIED;
    }
    int count = data.getInt(base + EventRecord.SIZE);
    int p = base + CaptureTail.ENTRIES;
    int end = base + length;
    int from = -1;
    int avail = 0;
    boolean failed = false;
    for (int k = 0; k < count && p + CaptureTail.ENTRY <= end; k++) {
      long start = data.getLong(p);
      int n = data.getInt(p + 8);
      int capacity = data.getShort(p + 12) & 0xffff;
      boolean user = data.getShort(p + 14) == CaptureTail.SPACE_USER;
      long delta = address - start;
      int valid = Math.min(n, capacity);
      if (n > 0 && delta >= 0 && delta < valid && p + CaptureTail.ENTRY + valid <= end) {
        if (valid - delta > avail) {
          avail = (int) (valid - delta);
          from = p + CaptureTail.ENTRY + (int) delta;
        }
      } else if (n <= 0 && !user && delta >= 0 && delta < Math.max(capacity, 1)) {
        failed = true;
      }
      p += CaptureTail.ENTRY + ((capacity + 7) & ~7);
    }
    if (from >= 0) {
      int n = Math.min(len, avail);
      for (int i = 0; i < n; i++) {
        dst[off + i] = data.get(from + i);
      }
      return n;
    }
    return failed ? -1 : NOT_COPIED;
  }

  /**
   * Reads memory of the firing: kernel memory (and user strings) from the copies the program took
   * at the firing, other user memory of the firing process with process_vm_readv(2). That read
   * happens when the record is consumed, shortly after the firing: memory the process changed or
   * freed meanwhile reads as it is now, or fails. Kernel memory not copied is not readable.
   */
  @Override
  public int read(long address, byte[] dst, int off, int len) {
    if (len < 0 || off < 0 || off + len > dst.length) {
      return -1;
    }
    int copied = copied(address, dst, off, len);
    if (copied != NOT_COPIED) {
      return copied;
    }
    if (address == 0 || address < 0) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    if (buffer == null || buffer.size() < len) {
      buffer = new Memory(Math.max(len, 4096));
      local.iov_base = buffer;
    }
    local.iov_len = len;
    remote.iov_base = new Pointer(address);
    remote.iov_len = len;
    long n;
    try {
      n = UioLibrary.INSTANCE.process_vm_readv(pid(), local, 1, remote, 1, 0);
    } catch (LastErrorException e) {
      return -1;
    }
    buffer.read(0, dst, off, (int) n);
    return (int) n;
  }
}

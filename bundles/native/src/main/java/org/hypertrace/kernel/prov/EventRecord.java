package org.hypertrace.kernel.prov;

/**
 * Layout of the fixed-shape record every capture program writes into the ring buffer (native byte
 * order), one per firing. The same layout serves every provider, so one consumer decodes all.
 *
 * <pre>
 *   0 u32 probe id      4 u32 cpu          8 u32 pid (tgid)   12 u32 tid
 *  16 u32 uid          20 u32 gid         24 u32 ppid        28 s32 errno
 *  32 u64 curthread    40 u64 ktime ns    48 char comm[16]   64 u64 args[10]
 * 144 s32 kernel stack id (-1: none)          148 s32 user stack id (-1: none)
 * then, only in records of probes that copy memory at the firing (user strings for copyinstr,
 * kernel memory their clauses load), the self-describing {@link CaptureTail}:
 * 152 u32 count  156 u32 0   160 entries {u64 address, s32 length, u32 capacity, bytes}
 * </pre>
 */
public final class EventRecord {
  public static final int PROBE = 0;
  public static final int CPU = 4;
  public static final int PID = 8;
  public static final int TID = 12;
  public static final int UID = 16;
  public static final int GID = 20;
  public static final int PPID = 24;
  public static final int ERRNO = 28;
  public static final int CURTHREAD = 32;
  public static final int TIME = 40;
  public static final int COMM = 48;
  public static final int COMM_SIZE = 16;
  public static final int ARGS = 64;
  public static final int NARGS = 10;
  public static final int KSTACK = ARGS + 8 * NARGS;
  public static final int USTACK = KSTACK + 4;
  public static final int SIZE = USTACK + 4;
  /** Bytes kept per captured user string (dtrace's default strsize). */
  public static final int STR_SIZE = 256;
  /** At most this many string arguments are captured per firing. */
  public static final int MAX_STRINGS = 2;

  private EventRecord() {}

  /** @return offset of args[i] */
  public static int arg(int i) {
    return ARGS + 8 * i;
  }
}

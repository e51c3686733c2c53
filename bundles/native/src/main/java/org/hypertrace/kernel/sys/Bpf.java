package org.hypertrace.kernel.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;

/**
 * bpf(2) commands as Java methods: the boundary where errno becomes {@link SyscallException} (and a
 * rejected program becomes {@link VerifierException} carrying the verifier's log). Constants are
 * the uapi linux/bpf.h names and values.
 */
public final class Bpf {
  public static final int BPF_MAP_CREATE = 0;
  public static final int BPF_MAP_LOOKUP_ELEM = 1;
  public static final int BPF_MAP_UPDATE_ELEM = 2;
  public static final int BPF_PROG_LOAD = 5;
  public static final int BPF_RAW_TRACEPOINT_OPEN = 17;
  public static final int BPF_LINK_CREATE = 28;

  /** enum bpf_attach_type: uprobe_multi links (6.6+). */
  public static final int BPF_TRACE_UPROBE_MULTI = 48;
  /** link_create.uprobe_multi.flags: return probes. */
  public static final int BPF_F_UPROBE_MULTI_RETURN = 1;

  public static final int BPF_MAP_TYPE_HASH = 1;
  public static final int BPF_MAP_TYPE_ARRAY = 2;
  public static final int BPF_MAP_TYPE_PERCPU_ARRAY = 6;
  public static final int BPF_MAP_TYPE_STACK_TRACE = 7;
  public static final int BPF_MAP_TYPE_RINGBUF = 27;

  public static final int BPF_PROG_TYPE_KPROBE = 2;
  public static final int BPF_PROG_TYPE_TRACEPOINT = 5;
  public static final int BPF_PROG_TYPE_PERF_EVENT = 7;
  public static final int BPF_PROG_TYPE_RAW_TRACEPOINT = 17;
  public static final int BPF_PROG_TYPE_TRACING = 26;

  /** Verifier log buffer size used when a load fails and is retried for its log. */
  private static final int LOG_SIZE = 4 << 20;

  private static final String[] COMMANDS = {"BPF_MAP_CREATE", "BPF_MAP_LOOKUP_ELEM",
      "BPF_MAP_UPDATE_ELEM", "BPF_MAP_DELETE_ELEM", "BPF_MAP_GET_NEXT_KEY", "BPF_PROG_LOAD"};

  private Bpf() {}

  private static long call(int cmd, com.sun.jna.Structure attr) {
    attr.write();
    try {
      return BpfLibrary.INSTANCE.syscall(BpfLibrary.SYS_BPF, cmd, attr, attr.size());
    } catch (LastErrorException e) {
      throw new SyscallException("bpf(" + commandName(cmd) + ")", e.getErrorCode());
    }
  }

  static String commandName(int cmd) {
    if (cmd == BPF_RAW_TRACEPOINT_OPEN) {
      return "BPF_RAW_TRACEPOINT_OPEN";
    }
    if (cmd == BPF_LINK_CREATE) {
      return "BPF_LINK_CREATE";
    }
    return cmd < COMMANDS.length ? COMMANDS[cmd] : "cmd " + cmd;
  }

  private static void name(byte[] dst, String name) {
    byte[] b = name.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, dst, 0, Math.min(b.length, dst.length - 1));
  }

  /**
   * BPF_MAP_CREATE.
   *
   * @return the map's file descriptor
   */
  public static int mapCreate(int type, int keySize, int valueSize, int maxEntries, int flags,
      String name) {
    BpfAttrMapCreate a = new BpfAttrMapCreate();
    a.map_type = type;
    a.key_size = keySize;
    a.value_size = valueSize;
    a.max_entries = maxEntries;
    a.map_flags = flags;
    name(a.map_name, name);
    return (int) call(BPF_MAP_CREATE, a);
  }

  /** BPF_MAP_UPDATE_ELEM with key and value in native memory. */
  public static void mapUpdate(int mapFd, Memory key, Memory value, long flags) {
    BpfAttrMapElem a = new BpfAttrMapElem();
    a.map_fd = mapFd;
    a.key = com.sun.jna.Pointer.nativeValue(key);
    a.value = com.sun.jna.Pointer.nativeValue(value);
    a.flags = flags;
    call(BPF_MAP_UPDATE_ELEM, a);
  }

  /**
   * BPF_MAP_LOOKUP_ELEM; for per-CPU maps value receives one slot per possible CPU.
   *
   * @return false when the key is absent (ENOENT)
   */
  public static boolean mapLookup(int mapFd, Memory key, Memory value) {
    BpfAttrMapElem a = new BpfAttrMapElem();
    a.map_fd = mapFd;
    a.key = com.sun.jna.Pointer.nativeValue(key);
    a.value = com.sun.jna.Pointer.nativeValue(value);
    try {
      call(BPF_MAP_LOOKUP_ELEM, a);
      return true;
    } catch (SyscallException e) {
      if (e.errno() == SyscallException.ENOENT) {
        return false;
      }
      throw e;
    }
  }

  /**
   * BPF_PROG_LOAD. A first attempt runs without a log (the verifier is cheaper so); when it fails
   * the load is repeated with log level 1 and the failure is reported with that log.
   *
   * @param type               BPF_PROG_TYPE_*
   * @param insns              instructions, 8 bytes each, little-endian
   * @param license            "GPL" for GPL-only helpers
   * @param name               program name (15 characters kept)
   * @param expectedAttachType BPF_* attach type or 0
   * @return the program's file descriptor
   * @throws VerifierException when the verifier rejects the program
   */
  public static int progLoad(int type, byte[] insns, String license, String name,
      int expectedAttachType) {
    Memory code = new Memory(insns.length);
    code.write(0, insns, 0, insns.length);
    Memory lic = new Memory(license.length() + 1L);
    lic.setString(0, license, "US-ASCII");
    BpfAttrProgLoad a = new BpfAttrProgLoad();
    a.prog_type = type;
    a.insn_cnt = insns.length / 8;
    a.insns = com.sun.jna.Pointer.nativeValue(code);
    a.license = com.sun.jna.Pointer.nativeValue(lic);
    a.expected_attach_type = expectedAttachType;
    name(a.prog_name, name);
    try {
      return (int) call(BPF_PROG_LOAD, a);
    } catch (SyscallException first) {
      if (first.isPermission() && first.errno() == SyscallException.EPERM) {
        throw first;
      }
      Memory log = new Memory(LOG_SIZE);
      log.setByte(0, (byte) 0);
      a.log_level = 1;
      a.log_size = LOG_SIZE;
      a.log_buf = com.sun.jna.Pointer.nativeValue(log);
      try {
        return (int) call(BPF_PROG_LOAD, a);
      } catch (SyscallException second) {
        throw new VerifierException(second.syscall() + " of " + name, second.errno(),
            log.getString(0, "US-ASCII"));
      }
    } finally {
      Reference.reachabilityFence(code);
      Reference.reachabilityFence(lic);
    }
  }

  /**
   * BPF_RAW_TRACEPOINT_OPEN: attaches a raw tracepoint program.
   *
   * @return the link's file descriptor; closing it detaches
   */
  public static int rawTracepointOpen(String tracepoint, int progFd) {
    Memory n = new Memory(tracepoint.length() + 1L);
    n.setString(0, tracepoint, "US-ASCII");
    BpfAttrRawTracepoint a = new BpfAttrRawTracepoint();
    a.name = com.sun.jna.Pointer.nativeValue(n);
    a.prog_fd = progFd;
    return (int) call(BPF_RAW_TRACEPOINT_OPEN, a);
  }

  /**
   * BPF_LINK_CREATE of a BPF_TRACE_UPROBE_MULTI link: one program on many offsets of one file,
   * each with a cookie the program reads with bpf_get_attach_cookie; registering and (at close)
   * unregistering them costs one RCU grace period for the lot instead of one per uprobe.
   *
   * @param pid     only this process fires them (0: every process mapping the file)
   * @param ret     return probes instead of entry probes
   * @return the link's file descriptor; closing it detaches every uprobe
   */
  public static int linkCreateUprobeMulti(int progFd, String path, long[] offsets,
      long[] cookies, int pid, boolean ret) {
    Memory p = new Memory(path.getBytes(StandardCharsets.UTF_8).length + 1L);
    p.setString(0, path, "UTF-8");
    Memory offs = new Memory(8L * offsets.length);
    offs.write(0, offsets, 0, offsets.length);
    Memory cks = new Memory(8L * cookies.length);
    cks.write(0, cookies, 0, cookies.length);
    BpfAttrLinkCreate a = new BpfAttrLinkCreate();
    a.prog_fd = progFd;
    a.attach_type = BPF_TRACE_UPROBE_MULTI;
    a.path = com.sun.jna.Pointer.nativeValue(p);
    a.offsets = com.sun.jna.Pointer.nativeValue(offs);
    a.cookies = com.sun.jna.Pointer.nativeValue(cks);
    a.cnt = offsets.length;
    a.uprobe_multi_flags = ret ? BPF_F_UPROBE_MULTI_RETURN : 0;
    a.pid = pid;
    try {
      return (int) call(BPF_LINK_CREATE, a);
    } finally {
      Reference.reachabilityFence(p);
      Reference.reachabilityFence(offs);
      Reference.reachabilityFence(cks);
    }
  }

  /** close(2) of a descriptor this class returned; errors are ignored (the fd is gone anyway). */
  public static void close(int fd) {
    if (fd < 0) {
      return;
    }
    try {
      UnistdLibrary.INSTANCE.close(fd);
    } catch (LastErrorException e) {
      // close(2) releases the descriptor even when it reports EINTR or EIO
    }
  }
}

package org.hypertrace.kernel.prov;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.kernel.sys.Bpf;
import org.hypertrace.kernel.sys.PerfEventAttr;

/**
 * A {@code pidPID:MODULE:FUNCTION:entry|return} probe: a uprobe (or uretprobe) perf event of the
 * "uprobe" PMU on (file, offset), restricted to one process, running a BPF_PROG_TYPE_KPROBE capture
 * program over the user registers. Entry: args[0..5] = rdi, rsi, rdx, rcx, r8, r9 (System V
 * x86_64). Return: arg0 = the address returned to, arg1 = rax (DTrace puts the return value in
 * arg1 too).
 */
final class UprobeProbe implements KernelProbe {
  private static final Path PMU = Path.of("/sys/bus/event_source/devices/uprobe");

  private final ProbeInfo info;
  private final int pid;
  private final Path file;
  private final long offset;
  private final boolean ret;

  UprobeProbe(ProbeInfo info, int pid, Path file, long offset, boolean ret) {
    this.info = info;
    this.pid = pid;
    this.file = file;
    this.offset = offset;
    this.ret = ret;
  }

  @Override
  public ProbeInfo info() {
    return info;
  }

  private static int pmuType() {
    try {
      return Integer.parseInt(Files.readString(PMU.resolve("type")).strip());
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("pid provider: the kernel has no uprobe PMU (" + PMU + ")");
    }
  }

  private static long retprobeBit() {
    try {
      String f = Files.readString(PMU.resolve("format/retprobe")).strip();
      return 1L << Integer.parseInt(f.substring(f.indexOf(':') + 1));
    } catch (IOException | RuntimeException e) {
      return 1;
    }
  }

  int pid() {
    return pid;
  }

  Path file() {
    return file;
  }

  long offset() {
    return offset;
  }

  boolean isReturn() {
    return ret;
  }

  /** The argument stores of an entry or a return probe (kernel-modules/uprobe.s). */
  static CaptureProgram.Body body(boolean ret) {
    return a -> KernelModules.emit(a, ret ? "uprobe_return" : "uprobe_entry");
  }

  /**
   * Arms many uprobes of one process, file and kind with one program and one uprobe_multi link;
   * the probe id of each comes from its cookie.
   *
   * @throws org.hypertrace.kernel.sys.SyscallException when the kernel has no uprobe_multi links
   */
  static void attachMulti(java.util.List<UprobeProbe> group, ProbeSession session,
      TaskLayout task) {
    UprobeProbe first = group.get(0);
    int stacks = 0;
    for (UprobeProbe u : group) {
      stacks |= session.stackFlags(u.info.id());
    }
    byte[] code = CaptureProgram.write(session, CaptureProgram.PROBE_FROM_COOKIE, stacks,
        CaptureProgram.union(session, group), task, null, body(first.ret), new int[0]);
    int prog = session.load(Bpf.BPF_PROG_TYPE_KPROBE, Bpf.BPF_TRACE_UPROBE_MULTI, code,
        first.ret ? "ht_uretprobes" : "ht_uprobes");
    long[] offsets = new long[group.size()];
    long[] cookies = new long[group.size()];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = group.get(i).offset;
      // probe id | stack mask << 32 (kernel-modules/capture.s probe_from_cookie)
      cookies[i] = group.get(i).info.id()
          | (long) session.stackFlags(group.get(i).info.id()) << 32;
    }
    session.attached(Bpf.linkCreateUprobeMulti(prog, first.file.toString(), offsets, cookies,
        first.pid, first.ret));
  }

  @Override
  public void attach(ProbeSession session, TaskLayout task) {
    byte[] code = CaptureProgram.write(session, info.id(), task, body(ret));
    int prog = session.load(Bpf.BPF_PROG_TYPE_KPROBE, code, ret ? "ht_uretprobe" : "ht_uprobe");
    String p = file.toString();
    Memory path = new Memory(p.length() * 3L + 1);
    path.setString(0, p, "UTF-8");
    PerfEventAttr attr = new PerfEventAttr();
    attr.type = pmuType();
    attr.config = ret ? retprobeBit() : 0;
    attr.config1 = Pointer.nativeValue(path);
    attr.config2 = offset;
    attr.sample_period = 1;
    attr.wakeup_events = 1;
    try {
      session.attachPerf(attr, pid, -1, prog);
    } finally {
      Reference.reachabilityFence(path);
    }
  }
}

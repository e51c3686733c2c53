package org.hypertrace.kernel.prov;

import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.kernel.ebpf.BpfAssembler;
import org.hypertrace.kernel.ring.DropCounter;
import org.hypertrace.kernel.sys.Bpf;
import org.hypertrace.kernel.sys.PerfEventAttr;
import org.hypertrace.kernel.sys.SyscallException;

/**
 * A {@code profile-N}/{@code tick-N} probe: a perf cpu-clock software event with a fixed period,
 * on every CPU (profile) or on CPU 0 only (tick, which fires on one CPU as in DTrace). arg0 is the
 * interrupted kernel pc (0 in user mode), arg1 the user pc (0 in kernel mode), read from the
 * sample's pt_regs (x86_64: ip at 128, cs at 136).
 */
final class PerfClockProbe implements KernelProbe {
  private final ProbeInfo info;
  private final long periodNs;
  private final boolean everyCpu;

  PerfClockProbe(ProbeInfo info, long periodNs, boolean everyCpu) {
    this.info = info;
    this.periodNs = periodNs;
    this.everyCpu = everyCpu;
  }

  @Override
  public ProbeInfo info() {
    return info;
  }

  /** @return the firing period in nanoseconds */
  long periodNs() {
    return periodNs;
  }

  /** arg0 kernel pc, arg1 user pc (kernel-modules/profile.s). */
  static void body(BpfAssembler a) {
    KernelModules.emit(a, "perf_clock");
  }

  @Override
  public void attach(ProbeSession session, TaskLayout task) {
    byte[] code = CaptureProgram.write(session, info.id(), task, PerfClockProbe::body);
    int prog = session.load(Bpf.BPF_PROG_TYPE_PERF_EVENT, code, "ht_profile");
    int cpus = everyCpu ? DropCounter.possibleCpus() : 1;
    for (int cpu = 0; cpu < cpus; cpu++) {
      PerfEventAttr attr = new PerfEventAttr();
      attr.type = PerfEventAttr.PERF_TYPE_SOFTWARE;
      attr.config = PerfEventAttr.PERF_COUNT_SW_CPU_CLOCK;
      attr.sample_period = periodNs;
      try {
        session.attachPerf(attr, -1, cpu, prog);
      } catch (SyscallException e) {
        // a possible but offline CPU has no clock to sample
        if (e.errno() != 19 || cpu == 0) {
          throw e;
        }
      }
    }
  }
}

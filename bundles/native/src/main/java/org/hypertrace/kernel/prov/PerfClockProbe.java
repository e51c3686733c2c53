package org.hypertrace.kernel.prov;

import static org.hypertrace.kernel.ebpf.Opcodes.BPF_AND;
import static org.hypertrace.kernel.ebpf.Opcodes.BPF_DW;
import static org.hypertrace.kernel.ebpf.Opcodes.BPF_JNE;
import static org.hypertrace.kernel.ebpf.Opcodes.R1;
import static org.hypertrace.kernel.ebpf.Opcodes.R2;

import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.kernel.ebpf.Label;
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
  private static final int PT_REGS_IP = 128;
  private static final int PT_REGS_CS = 136;
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

  @Override
  public void attach(ProbeSession session, TaskLayout task) {
    byte[] code = CaptureProgram.write(session, info.id(), task, a -> {
      Label user = new Label();
      Label done = new Label();
      a.ldx(BPF_DW, R1, CaptureProgram.CTX, PT_REGS_IP);
      a.ldx(BPF_DW, R2, CaptureProgram.CTX, PT_REGS_CS).alu(BPF_AND, R2, 3);
      a.jmp(BPF_JNE, R2, 0, user);
      a.stx(BPF_DW, CaptureProgram.REC, EventRecord.arg(0), R1).ja(done);
      a.label(user).stx(BPF_DW, CaptureProgram.REC, EventRecord.arg(1), R1);
      a.label(done);
    });
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

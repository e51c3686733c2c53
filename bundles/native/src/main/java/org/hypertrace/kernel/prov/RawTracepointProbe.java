package org.hypertrace.kernel.prov;

import java.util.function.Function;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.kernel.sys.Bpf;

/**
 * A probe on a raw tracepoint (BPF_RAW_TRACEPOINT_OPEN): the context is the tracepoint's own
 * arguments as u64s, so task pointers can be followed with the BTF task layout.
 */
final class RawTracepointProbe implements KernelProbe {
  private final ProbeInfo info;
  private final String tracepoint;
  private final Function<TaskLayout, CaptureProgram.Body> body;

  /**
   * @param body builds the argument stores for a task layout; called with a non-null layout only
   */
  RawTracepointProbe(ProbeInfo info, String tracepoint,
      Function<TaskLayout, CaptureProgram.Body> body) {
    this.info = info;
    this.tracepoint = tracepoint;
    this.body = body;
  }

  @Override
  public ProbeInfo info() {
    return info;
  }

  @Override
  public void attach(ProbeSession session, TaskLayout task) {
    if (task == null) {
      throw new IllegalStateException(info.provider() + ":::" + info.name()
          + " needs the kernel's BTF (/sys/kernel/btf/vmlinux) for task_struct offsets");
    }
    byte[] code = CaptureProgram.write(session, info.id(), task,
        body.apply(task));
    int prog = session.load(Bpf.BPF_PROG_TYPE_RAW_TRACEPOINT, code, "ht_raw_" + tracepoint);
    session.attachRaw(tracepoint, prog);
  }
}

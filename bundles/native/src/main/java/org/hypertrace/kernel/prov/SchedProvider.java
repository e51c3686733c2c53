package org.hypertrace.kernel.prov;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.kernel.ebpf.BpfAssembler;
import org.hypertrace.kernel.tracefs.Tracefs;

/**
 * DTrace's {@code sched} provider where Linux tracepoints give the events:
 * <ul>
 *   <li>{@code on-cpu}: raw tracepoint sched_switch, with pid, tid, ppid, uid, gid, execname and
 *       curthread of the task switched <em>to</em> (read through its task_struct, offsets from
 *       BTF), as DTrace fires on-cpu in the incoming thread; arg0 = its tid;</li>
 *   <li>{@code off-cpu}: sched:sched_switch in the outgoing thread; arg0 = arg1 = next tid,
 *       arg2 = prev_state;</li>
 *   <li>{@code enqueue}, {@code wakeup}: sched:sched_wakeup in the waker; arg0 = arg1 = woken tid,
 *       arg2 = target CPU (enqueue) or unused (wakeup);</li>
 * </ul>
 * {@code dequeue} has no Linux tracepoint (a thread leaving a run queue is not traced), so it is
 * not offered.
 */
public class SchedProvider extends KernelProvider {
  /** Public no-arg constructor for ServiceLoader. */
  public SchedProvider() {}

  @Override
  public String name() {
    return "sched";
  }

  /** next's built-ins and tid (kernel-modules/sched.s). */
  static void onCpu(BpfAssembler a, TaskLayout task) {
    KernelModules.fragment("on_cpu").emit(a, Map.of(), Map.of("builtins",
        (x, l) -> CaptureProgram.taskBuiltins(x, task)));
  }

  @Override
  protected List<KernelProbe> describe(Tracefs t) {
    List<KernelProbe> out = new ArrayList<>();
    if (t == null) {
      return out;
    }
    ProbeInfo onCpu = new ProbeInfo(ProbeIds.of("sched", "", "", "on-cpu"), "sched", "", "",
        "on-cpu", List.of("pid_t"));
    out.add(new RawTracepointProbe(onCpu, "sched_switch", task -> a -> onCpu(a, task)));
    if (t.exists("sched", "sched_switch")) {
      out.add(TracepointProbe.of("sched", "", "", "off-cpu", t.format("sched", "sched_switch"),
          List.of("next_pid", "next_pid", "prev_state")));
    }
    if (t.exists("sched", "sched_wakeup")) {
      out.add(TracepointProbe.of("sched", "", "", "enqueue", t.format("sched", "sched_wakeup"),
          List.of("pid", "pid", "target_cpu")));
      out.add(TracepointProbe.of("sched", "", "", "wakeup", t.format("sched", "sched_wakeup"),
          List.of("pid", "pid")));
    }
    return out;
  }
}

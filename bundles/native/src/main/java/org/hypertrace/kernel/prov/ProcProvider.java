package org.hypertrace.kernel.prov;

import java.util.ArrayList;
import java.util.List;
import org.hypertrace.kernel.tracefs.Tracefs;

/**
 * DTrace's {@code proc} provider from Linux tracepoints. Arguments follow DTrace's positions
 * where a tracepoint carries the value; psinfo/lwpsinfo pointers become the pid they describe:
 * <ul>
 *   <li>{@code exec}: syscalls:sys_enter_execve, before the new image; arg0 = the path (user address);</li>
 *   <li>{@code exec-success}: sched:sched_process_exec, in the new image; arg0 = pid, arg1 = old pid;</li>
 *   <li>{@code exit}: sched:sched_process_exit, in the exiting thread; arg0 = pid;</li>
 *   <li>{@code create}: sched:sched_process_fork, in the parent; arg0 = child pid, arg1 = parent pid;</li>
 *   <li>{@code signal-send}: signal:signal_generate, in the sender; arg0 = arg1 = target pid,
 *       arg2 = signal number.</li>
 * </ul>
 */
public class ProcProvider extends KernelProvider {
  /** Public no-arg constructor for ServiceLoader. */
  public ProcProvider() {}

  @Override
  public String name() {
    return "proc";
  }

  @Override
  protected List<KernelProbe> describe(Tracefs t) {
    List<KernelProbe> out = new ArrayList<>();
    if (t == null) {
      return out;
    }
    add(out, t, "exec", "syscalls", "sys_enter_execve", List.of("filename"));
    add(out, t, "exec-success", "sched", "sched_process_exec", List.of("pid", "old_pid"));
    add(out, t, "exit", "sched", "sched_process_exit", List.of("pid"));
    add(out, t, "create", "sched", "sched_process_fork", List.of("child_pid", "parent_pid"));
    add(out, t, "signal-send", "signal", "signal_generate", List.of("pid", "pid", "sig"));
    return out;
  }

  private static void add(List<KernelProbe> out, Tracefs t, String probe, String group,
      String event, List<String> fields) {
    if (t.exists(group, event)) {
      out.add(TracepointProbe.of("proc", "", "", probe, t.format(group, event), fields));
    }
  }
}

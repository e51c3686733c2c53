package org.hypertrace.kernel.prov;

import java.util.ArrayList;
import java.util.List;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.kernel.ebpf.BpfAssembler;
import org.hypertrace.kernel.ebpf.Label;
import org.hypertrace.kernel.tracefs.EventFormat;
import org.hypertrace.kernel.tracefs.FormatField;
import org.hypertrace.kernel.tracefs.Tracefs;

/**
 * DTrace's {@code proc} provider from Linux tracepoints, in the firing context DTrace documents.
 * psinfo/lwpsinfo arguments become the pid/tid they describe. Where one tracepoint serves several
 * probes, a guard in the kernel program keeps only the probe's firings:
 * <ul>
 *   <li>{@code exec}: syscalls:sys_enter_execve; arg0 = the path (user address, readable with
 *       copyinstr while the caller waits);</li>
 *   <li>{@code exec-success}: sched:sched_process_exec, in the new image;</li>
 *   <li>{@code exec-failure}: syscalls:sys_exit_execve when it returns an error; arg0 = errno;</li>
 *   <li>{@code create} / {@code lwp-create}: task:task_newtask in the parent, without / with
 *       CLONE_THREAD; arg0 = new pid / tid (and arg1 = tid for lwp-create);</li>
 *   <li>{@code exit}: sched:sched_process_exit of the last thread (group_dead); arg0 = reason,
 *       CLD_EXITED 1, CLD_KILLED 2 or CLD_DUMPED 3, from task_struct.exit_code;</li>
 *   <li>{@code lwp-exit}: sched:sched_process_exit of every thread;</li>
 *   <li>{@code signal-send}: signal:signal_generate in the sender; arg0 = arg1 = target pid,
 *       arg2 = signal;</li>
 *   <li>{@code signal-handle}: signal:signal_deliver in the receiver; arg0 = signal, arg2 = the
 *       handler address.</li>
 * </ul>
 */
public class ProcProvider extends KernelProvider {
  /** Public no-arg constructor for ServiceLoader. */
  public ProcProvider() {}

  @Override
  public String name() {
    return "proc";
  }

  private static ProbeInfo info(String name, List<String> types) {
    return new ProbeInfo(ProbeIds.of("proc", "", "", name), "proc", "", "", name, types);
  }

  @Override
  protected List<KernelProbe> describe(Tracefs t) {
    List<KernelProbe> out = new ArrayList<>();
    if (t == null) {
      return out;
    }
    if (t.exists("syscalls", "sys_enter_execve")) {
      out.add(TracepointProbe.of("proc", "", "", "exec", t.format("syscalls", "sys_enter_execve"),
          List.of("filename")).withUserStrings());
    }
    add(out, t, "exec-success", "sched", "sched_process_exec", List.of());
    add(out, t, "signal-send", "signal", "signal_generate", List.of("pid", "pid", "sig"));
    if (t.exists("signal", "signal_deliver")) {
      EventFormat f = t.format("signal", "signal_deliver");
      out.add(new TracepointProbe(info("signal-handle", List.of("int", "siginfo_t *",
          "void (*)(void)")), f, null, task -> a -> {
            CaptureProgram.tracepointArg(a, 0, f.field("sig"));
            CaptureProgram.tracepointArg(a, 2, f.field("sa_handler"));
          }));
    }
    if (t.exists("syscalls", "sys_exit_execve")) {
      EventFormat f = t.format("syscalls", "sys_exit_execve");
      int ret = f.field("ret").offset();
      out.add(new TracepointProbe(info("exec-failure", List.of("int")), f,
          (a, skip) -> guard(a, "exec_failure_guard", skip, "ret", ret),
          task -> a -> KernelModules.emit(a, "exec_failure", "ret", ret)));
    }
    if (t.exists("task", "task_newtask")) {
      EventFormat f = t.format("task", "task_newtask");
      FormatField pid = f.field("pid");
      int flags = f.field("clone_flags").offset();
      out.add(new TracepointProbe(info("create", List.of("pid_t")), f,
          (a, skip) -> guard(a, "create_guard", skip, "clone_flags", flags),
          task -> a -> CaptureProgram.tracepointArg(a, 0, pid)));
      out.add(new TracepointProbe(info("lwp-create", List.of("pid_t", "pid_t")), f,
          (a, skip) -> guard(a, "lwp_create_guard", skip, "clone_flags", flags),
          task -> a -> {
            CaptureProgram.tracepointArg(a, 0, pid);
            CaptureProgram.tracepointArg(a, 1, pid);
          }));
    }
    if (t.exists("sched", "sched_process_exit")) {
      EventFormat f = t.format("sched", "sched_process_exit");
      FormatField dead = f.field("group_dead");
      out.add(new TracepointProbe(info("exit", List.of("int")), f, dead == null ? null
          : (a, skip) -> guard(a, "exit_guard", skip, "group_dead", dead.offset()),
          task -> a -> CaptureProgram.exitReason(a, 0, task)));
      out.add(new TracepointProbe(info("lwp-exit", List.of()), f, null, task -> a -> { }));
    }
    return out;
  }

  /** A guard of kernel-modules/proc.s with its one hole. */
  static void guard(BpfAssembler a, String fragment, Label skip, String hole, int value) {
    KernelModules.emit(a, fragment, new Label[] {skip}, hole, value);
  }

  private static void add(List<KernelProbe> out, Tracefs t, String probe, String group,
      String event, List<String> fields) {
    if (t.exists(group, event)) {
      out.add(TracepointProbe.of("proc", "", "", probe, t.format(group, event), fields));
    }
  }
}

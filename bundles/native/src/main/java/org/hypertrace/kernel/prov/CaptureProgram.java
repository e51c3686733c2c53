package org.hypertrace.kernel.prov;

import static org.hypertrace.kernel.ebpf.Opcodes.*;

import java.util.HashMap;
import java.util.Map;
import org.hypertrace.api.provider.MemoryCapture;
import org.hypertrace.kernel.ebpf.BpfAssembler;
import org.hypertrace.kernel.ebpf.BpfTemplate;
import org.hypertrace.kernel.ebpf.Label;
import org.hypertrace.kernel.sys.Bpf;
import org.hypertrace.kernel.tracefs.FormatField;

/**
 * Links the capture programs from the fixed-shape fragments of kernel-modules/capture.s
 * ({@link KernelModules}): reserve an {@link EventRecord} in the ring buffer (or count a drop in
 * the per-CPU counter), fill the built-ins, let the provider's {@link Body} store the arguments
 * (its own kernel-modules fragment), copy the memory the clauses read ({@link CaptureTail},
 * generated), submit with BPF_RB_NO_WAKEUP (the consumer drains on a timer: PLATFORM.md measured
 * 4x the cost with a wakeup per event).
 *
 * <p>Register use: r6 holds the context, r7 the record, r8 a task, r9 the probe id a
 * multiplexing guard found; r1-r5 are scratch (helpers clobber them), r10 - 16 .. r10 - 1 is
 * scratch stack. In shared programs r10 - 40 holds the firing probe's own ProbeListener.STACK_*
 * mask (the cookie's high half, or what the guard stored), so only the probes that asked pay for
 * a stack walk.
 */
public final class CaptureProgram {
  /** Where the context is kept. */
  public static final int CTX = R6;
  /** Where the reserved record is kept. */
  public static final int REC = R7;
  /** Probe id meaning "the attachment's cookie" (one program shared by many uprobes). */
  public static final int PROBE_FROM_COOKIE = -1;
  /** Probe id meaning "what the guard left in r9" (one program multiplexing many probes). */
  public static final int PROBE_FROM_R9 = -2;

  /** Stores a provider's arguments (and may override built-ins) into the record. */
  @FunctionalInterface
  public interface Body {
    void emit(BpfAssembler a);
  }

  /**
   * Decides, before anything is reserved, whether a firing is one of the probe's (a tracepoint
   * that serves several DTrace probes): jumps to skip to drop it silently. The context is in r6.
   */
  @FunctionalInterface
  public interface Guard {
    void emit(BpfAssembler a, Label skip);
  }

  private CaptureProgram() {}

  /**
   * @param probeId probe id stored in the record
   * @param ringFd  ring buffer map
   * @param dropFd  per-CPU drop counter map
   * @param task    task_struct offsets for ppid, or null (ppid 0)
   * @param body    argument stores
   * @return loadable instructions
   */
  public static byte[] write(int probeId, int ringFd, int dropFd, TaskLayout task, Body body) {
    return write(probeId, ringFd, dropFd, -1, 0, task, null, body);
  }

  /**
   * The capture program of a probe armed in a session, with the stacks its listener asked for.
   *
   * @return loadable instructions
   */
  public static byte[] write(ProbeSession s, int probeId, TaskLayout task, Body body) {
    return write(s, probeId, task, null, body);
  }

  /**
   * As {@link #write(ProbeSession, int, TaskLayout, Body)} with a guard run first.
   *
   * @param guard filter of firings, or null
   * @return loadable instructions
   */
  public static byte[] write(ProbeSession s, int probeId, TaskLayout task, Guard guard,
      Body body) {
    return write(s, probeId, task, guard, body, new int[0]);
  }

  /**
   * As {@link #write(ProbeSession, int, TaskLayout, Guard, Body)}, also copying user strings at
   * the firing (bpf_probe_read_user_str), so that copyinstr of those arguments reads what the
   * call saw, not what the process holds when the record is consumed. The kernel memory the
   * listener asks for ({@link ProbeSession#captures}) is copied too.
   *
   * @param userStrings argument indexes holding user string pointers (at most 2)
   * @return loadable instructions
   * @throws IllegalArgumentException when the captures exceed {@link CaptureTail}'s limits
   */
  public static byte[] write(ProbeSession s, int probeId, TaskLayout task, Guard guard,
      Body body, int[] userStrings) {
    return write(s, probeId, s.stackFlags(probeId), s.captures(probeId), task, guard, body,
        userStrings);
  }

  /**
   * The program shared by several probes (id from a cookie or a map): stacks and captures are
   * the union of what their listener asked for each.
   *
   * @return loadable instructions
   */
  public static byte[] write(ProbeSession s, int probeId, int stacks,
      java.util.List<MemoryCapture> captures, TaskLayout task, Guard guard, Body body,
      int[] userStrings) {
    if (userStrings.length > EventRecord.MAX_STRINGS) {
      userStrings = java.util.Arrays.copyOf(userStrings, EventRecord.MAX_STRINGS);
    }
    return write(probeId, s.ringFd(), s.dropFd(), stacks == 0 ? -1 : s.stackFd(), stacks, task,
        guard, body, CaptureTail.of(userStrings, captures));
  }

  /**
   * The captures of probes sharing one program (a multiplexed raw tracepoint, a uprobe_multi
   * link): the union, copied at every firing of any of them. The probes of one program nearly
   * always come from one probe description and so ask for the same captures; giving the others
   * programs of their own would cost a perf event or uprobe each, whose detach takes a grace
   * period per probe.
   *
   * @throws IllegalArgumentException when the union exceeds {@link CaptureTail}'s limits, naming
   *     how many probes share the program
   */
  static java.util.List<MemoryCapture> union(ProbeSession s,
      java.util.List<? extends KernelProbe> probes) {
    java.util.LinkedHashSet<MemoryCapture> all = new java.util.LinkedHashSet<>();
    for (KernelProbe p : probes) {
      all.addAll(s.captures(p.info().id()));
    }
    java.util.List<MemoryCapture> out = java.util.List.copyOf(all);
    String why = CaptureTail.check(out);
    if (why != null) {
      throw new IllegalArgumentException(why + " (the captures of the " + probes.size()
          + " probes sharing its program)");
    }
    return out;
  }

  /**
   * @param stackFd stack trace map, or -1
   * @param stacks  ProbeListener.STACK_KERNEL | STACK_USER
   */
  static byte[] write(int probeId, int ringFd, int dropFd, int stackFd, int stacks,
      TaskLayout task, Guard guard, Body body) {
    return write(probeId, ringFd, dropFd, stackFd, stacks, task, guard, body,
        CaptureTail.of(new int[0], java.util.List.of()));
  }

  static byte[] write(int probeId, int ringFd, int dropFd, int stackFd, int stacks,
      TaskLayout task, Guard guard, Body body, CaptureTail tail) {
    boolean shared = probeId == PROBE_FROM_COOKIE || probeId == PROBE_FROM_R9;
    Map<String, BpfTemplate.Splice> at = new HashMap<>();
    at.put("guard", (a, l) -> {
      if (guard != null) {
        guard.emit(a, l[0]);
      }
    });
    at.put("probe", (a, l) -> {
      if (probeId == PROBE_FROM_COOKIE) {
        KernelModules.emit(a, "probe_from_cookie");
      } else if (probeId == PROBE_FROM_R9) {
        KernelModules.emit(a, "probe_from_r9");
      } else {
        KernelModules.emit(a, "probe_id", "probe", probeId);
      }
    });
    at.put("builtins", (a, l) -> builtins(a, task));
    at.put("kstack", (a, l) -> stack(a, stackFd, (stacks & 1) != 0, shared ? 1 : 0,
        EventRecord.KSTACK, 0));
    at.put("ustack", (a, l) -> stack(a, stackFd, (stacks & 2) != 0, shared ? 2 : 0,
        EventRecord.USTACK, BPF_F_USER_STACK));
    at.put("body", (a, l) -> body.emit(a));
    at.put("tail", (a, l) -> tail.emit(a));
    BpfAssembler a = new BpfAssembler();
    KernelModules.fragment("capture").emit(a, KernelModules.values("ring", ringFd, "drops",
        dropFd, "record_size", tail.recordSize()), at);
    return a.toByteArray();
  }

  /**
   * pid, tid, uid, gid, comm, curthread and ppid: read straight from the BTF-typed current task
   * where the kernel allows it (the verifier turns member loads into fault-safe direct loads,
   * ~20 ns cheaper per firing than the helper calls: 119 against 140 ns per run measured with
   * run_time_ns), else from helpers. uid and gid are the kernel's (init namespace) values.
   */
  private static void builtins(BpfAssembler a, TaskLayout task) {
    if (task != null && directTaskLoads(task)) {
      KernelModules.fragment("builtins_task").emit(a, KernelModules.task(task), Map.of());
      return;
    }
    KernelModules.emit(a, "builtins_helpers");
    if (task != null) {
      KernelModules.fragment("ppid_from_r8").emit(a, KernelModules.task(task), Map.of());
    } else {
      KernelModules.emit(a, "ppid_zero");
    }
  }

  /** bpf_get_stackid flag: the user stack. */
  private static final int BPF_F_USER_STACK = 1 << 8;

  /** record[off] = bpf_get_stackid(ctx, map, flags) (negative errno when it failed), or -1. */
  private static void stack(BpfAssembler a, int stackFd, boolean wanted, int maskBit, int off,
      int flags) {
    if (!wanted) {
      KernelModules.emit(a, "stack_none", "field", off);
    } else if (maskBit == 0) {
      KernelModules.emit(a, "stack", "field", off, "stacks", stackFd, "flags", flags);
    } else {
      KernelModules.emit(a, "stack_masked", "field", off, "stacks", stackFd, "flags", flags,
          "mask", maskBit);
    }
  }

  private static volatile Boolean directTaskLoads;

  /**
   * Whether this kernel has bpf_get_current_task_btf and lets tracing programs load task_struct
   * members directly (5.11+ with BTF); probed once with a program doing every such load. Layouts
   * other than the running kernel's own instance (guests, tests) use the helpers and
   * bpf_probe_read_kernel.
   */
  static boolean directTaskLoads(TaskLayout t) {
    if (t != TaskLayout.host()) {
      return false;
    }
    Boolean d = directTaskLoads;
    if (d == null) {
      BpfAssembler a = new BpfAssembler();
      KernelModules.fragment("btf_task_loads").emit(a, KernelModules.task(t), Map.of());
      try {
        Bpf.close(Bpf.progLoad(Bpf.BPF_PROG_TYPE_TRACEPOINT, a.toByteArray(), "GPL", "ht_btf", 0));
        d = Boolean.TRUE;
      } catch (RuntimeException e) {
        d = Boolean.FALSE;
      }
      directTaskLoads = d;
    }
    return d;
  }

  /** Overrides the built-ins with those of another task whose pointer is in r8. */
  static void taskBuiltins(BpfAssembler a, TaskLayout t) {
    Map<String, Long> offsets = KernelModules.task(t);
    KernelModules.fragment("builtins_of_r8").emit(a, offsets, Map.of("ppid",
        (x, l) -> KernelModules.fragment("ppid_from_r8").emit(x, offsets, Map.of())));
  }

  /**
   * Stores a tracepoint field of the context into args[i], sign-extended when the kernel declares
   * it signed; arrays and __data_loc fields store their offset in the record (0 for arrays).
   */
  static void tracepointArg(BpfAssembler a, int i, FormatField f) {
    String kind;
    if (f.dataLoc()) {
      kind = "tp_u32";
    } else if (!f.isScalar()) {
      return;
    } else {
      int bits = f.size() == 8 ? 64 : f.size() == 4 ? 32 : f.size() == 2 ? 16 : 8;
      kind = (f.signed() && bits < 64 ? "tp_s" : "tp_u") + bits;
    }
    KernelModules.emit(a, kind, "field", f.offset(), "arg", EventRecord.arg(i));
  }

  /** args[i] = DTrace's exit reason (CLD_EXITED 1, CLD_KILLED 2, CLD_DUMPED 3) of current. */
  static void exitReason(BpfAssembler a, int i, TaskLayout t) {
    if (t == null) {
      return;
    }
    Map<String, Long> v = new HashMap<>(KernelModules.task(t));
    v.put("arg", (long) EventRecord.arg(i));
    KernelModules.fragment("exit_reason").emit(a, v, Map.of());
  }

  /** Syscall return: args[0] = args[1] = ret, or -1 with errno set for -4095..-1. */
  static void syscallReturn(BpfAssembler a, int retOffset) {
    KernelModules.emit(a, "syscall_return", "ret", retOffset);
  }
}

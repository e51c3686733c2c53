package org.hypertrace.kernel.prov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hypertrace.api.provider.MemoryCapture;
import org.hypertrace.api.types.LoadStep;
import org.hypertrace.kernel.ebpf.BpfAssembler;
import org.hypertrace.kernel.ebpf.BpfDisassembler;
import org.hypertrace.kernel.tracefs.FormatField;
import org.junit.jupiter.api.Test;

/**
 * The programs linked from the kernel-modules/ objects are, byte for byte, the programs the
 * bundle wrote in Java before ({@link JavaCapturePrograms}), for every provider kind, probe id
 * source, built-ins path, stack choice, guard and memory tail.
 */
class KernelModulesTest {
  private static final int RING = 11;
  private static final int DROPS = 12;
  private static final int STACKS = 13;
  private static final int MAP = 14;

  /** One provider kind: its body and guard, old and new. */
  private record Kind(String name, CaptureProgram.Guard oldGuard, CaptureProgram.Body oldBody,
      CaptureProgram.Guard newGuard, CaptureProgram.Body newBody) {}

  private static List<Kind> kinds(TaskLayout t) {
    List<Kind> k = new ArrayList<>();
    k.add(new Kind("empty", null, a -> { }, null, a -> { }));
    FormatField[] fields = {
        new FormatField("u8", "a", 8, 1, false, -1, false),
        new FormatField("s8", "b", 9, 1, true, -1, false),
        new FormatField("u16", "c", 10, 2, false, -1, false),
        new FormatField("short", "d", 12, 2, true, -1, false),
        new FormatField("u32", "e", 16, 4, false, -1, false),
        new FormatField("int", "f", 20, 4, true, -1, false),
        new FormatField("long", "g", 24, 8, true, -1, false),
        new FormatField("char", "h", 32, 16, true, 16, false),
        new FormatField("char", "i", 48, 4, false, -1, true),
        new FormatField("const char *", "j", 56, 8, false, -1, false)};
    k.add(new Kind("tracepoint", null, a -> {
      for (int i = 0; i < fields.length; i++) {
        JavaCapturePrograms.tracepointArg(a, i, fields[i]);
      }
    }, null, a -> {
      for (int i = 0; i < fields.length; i++) {
        CaptureProgram.tracepointArg(a, i, fields[i]);
      }
    }));
    k.add(new Kind("syscall return", null, a -> JavaCapturePrograms.syscallReturn(a, 16), null,
        a -> CaptureProgram.syscallReturn(a, 16)));
    for (boolean exit : new boolean[] {false, true}) {
      k.add(new Kind("mux " + exit, (a, s) -> JavaCapturePrograms.muxGuard(a, s, MAP, exit),
          exit ? a -> JavaCapturePrograms.syscallReturn(a, 8) : JavaCapturePrograms::muxEntryArgs,
          (a, s) -> SyscallMux.guard(a, s, MAP, exit),
          exit ? a -> CaptureProgram.syscallReturn(a, 8) : SyscallMux::entryArgs));
    }
    for (boolean ret : new boolean[] {false, true}) {
      k.add(new Kind("uprobe " + ret, null, a -> JavaCapturePrograms.uprobe(a, ret), null,
          UprobeProbe.body(ret)));
    }
    k.add(new Kind("profile", null, JavaCapturePrograms::perfClock, null, PerfClockProbe::body));
    k.add(new Kind("exec-failure", (a, s) -> JavaCapturePrograms.execFailureGuard(a, s, 16),
        a -> JavaCapturePrograms.execFailure(a, 16),
        (a, s) -> ProcProvider.guard(a, "exec_failure_guard", s, "ret", 16),
        a -> KernelModules.emit(a, "exec_failure", "ret", 16)));
    for (boolean thread : new boolean[] {false, true}) {
      k.add(new Kind("create " + thread,
          (a, s) -> JavaCapturePrograms.createGuard(a, s, 24, thread),
          a -> JavaCapturePrograms.tracepointArg(a, 0, fields[5]),
          (a, s) -> ProcProvider.guard(a, thread ? "lwp_create_guard" : "create_guard", s,
              "clone_flags", 24),
          a -> CaptureProgram.tracepointArg(a, 0, fields[5])));
    }
    k.add(new Kind("exit", (a, s) -> JavaCapturePrograms.exitGuard(a, s, 12),
        a -> JavaCapturePrograms.exitReason(a, 0, t),
        (a, s) -> ProcProvider.guard(a, "exit_guard", s, "group_dead", 12),
        a -> CaptureProgram.exitReason(a, 0, t)));
    if (t != null) {
      k.add(new Kind("on-cpu", null, a -> JavaCapturePrograms.onCpu(a, t), null,
          a -> SchedProvider.onCpu(a, t)));
    }
    return k;
  }

  private static List<MemoryCapture> captures(TaskLayout t) {
    int cred = t == null ? 100 : t.realCred();
    return List.of(
        new MemoryCapture(MemoryCapture.ROOT_CURTHREAD, List.of(new LoadStep(cred, 8),
            new LoadStep(4, 4)), false),
        new MemoryCapture(MemoryCapture.ROOT_CURTHREAD, List.of(new LoadStep(cred, 8),
            new LoadStep(8, 4)), false),
        new MemoryCapture(2, List.of(new LoadStep(16, 16)), true));
  }

  private static String compare(TaskLayout task, String what) {
    StringBuilder diffs = new StringBuilder();
    int count = 0;
    for (Kind k : kinds(task)) {
      for (int probe : new int[] {77, CaptureProgram.PROBE_FROM_COOKIE,
          CaptureProgram.PROBE_FROM_R9}) {
        for (int stacks = 0; stacks < 4; stacks++) {
          for (CaptureTail tail : new CaptureTail[] {CaptureTail.of(new int[0], List.of()),
              CaptureTail.of(new int[] {1, 3}, captures(task))}) {
            int stackFd = stacks == 0 ? -1 : STACKS;
            byte[] old = JavaCapturePrograms.write(probe, RING, DROPS, stackFd, stacks, task,
                k.oldGuard, k.oldBody, tail);
            byte[] now = CaptureProgram.write(probe, RING, DROPS, stackFd, stacks, task,
                k.newGuard, k.newBody, tail);
            count++;
            if (!Arrays.equals(old, now)) {
              diffs.append(what).append(' ').append(k.name).append(" probe ").append(probe)
                  .append(" stacks ").append(stacks).append(":\n--- Java\n")
                  .append(BpfDisassembler.disassemble(old)).append("--- kernel-modules\n")
                  .append(BpfDisassembler.disassemble(now));
            }
          }
        }
      }
    }
    assertTrue(count > 100, "compared " + count);
    return diffs.toString();
  }

  @Test
  void testEveryKind_sameBytesAsTheJavaWrittenProgram() {
    TaskLayout host = TaskLayout.host();
    StringBuilder diffs = new StringBuilder();
    diffs.append(compare(null, "no task layout"));
    if (host != null) {
      // the host's own layout takes BTF-typed task loads where the kernel has them
      diffs.append(compare(host, "host layout"));
      diffs.append(compare(new TaskLayout(host.pid(), host.tgid(), host.realParent(),
          host.comm(), host.realCred(), host.credUid(), host.credGid(), host.exitCode()),
          "helpers"));
    }
    diffs.append(compare(new TaskLayout(1, 2, 3, 4, 5, 6, 7, 8), "made-up layout"));
    assertEquals("", diffs.toString());
  }

  @Test
  void testFragments_everyObjectLoadsFromTheBundle() {
    assertTrue(KernelModules.fragments().keySet().containsAll(List.of("capture", "probe_id",
        "builtins_task", "builtins_helpers", "stack_masked", "syscall_return", "mux_guard_entry",
        "tp_s16", "uprobe_entry", "perf_clock", "exit_reason", "on_cpu")),
        KernelModules.fragments().keySet().toString());
    BpfAssembler a = new BpfAssembler();
    KernelModules.emit(a, "probe_id", "probe", 5);
    assertEquals("  *(u32 *)(r7 + 0) = 5\n", BpfDisassembler.disassemble(a.toByteArray()));
  }
}

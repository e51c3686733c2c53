package org.hypertrace.kernel.prov;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import com.sun.jna.Memory;
import org.hypertrace.kernel.ebpf.BpfAssembler;
import org.hypertrace.kernel.ebpf.Label;
import org.hypertrace.kernel.sys.Bpf;

/**
 * Many syscall probes through the raw {@code sys_enter}/{@code sys_exit} tracepoints: one program
 * per direction that looks the call's number up in an array (number -> probe id, 0 = not armed).
 * A perf event per call costs ~30 ms to close (perf_trace_event_unreg waits for a tracepoint
 * grace period under event_mutex: 360 of them took 15 s), so {@code syscall:::entry} goes this way;
 * a few calls keep their own tracepoints, which tax no other system call.
 *
 * <p>Arguments come from the task's pt_regs (x86_64 syscall ABI: rdi, rsi, rdx, r10, r8, r9),
 * read with one bpf_probe_read_kernel; 32-bit (compat) system calls, numbered differently, are
 * skipped by their code segment.
 */
final class SyscallMux {
  /**
   * Arm the raw tracepoint from this many calls of one direction (system property
   * {@code hypertrace.native.syscallmux}; 0 disables the multiplexer).
   */
  static final int THRESHOLD = Integer.getInteger("hypertrace.native.syscallmux", 8);
  private static final int MAX_NR = 512;
  private static volatile Map<String, Integer> numbers;

  private SyscallMux() {}

  /** @return system call numbers by tracefs name (x86_64), from the bundled table */
  static Map<String, Integer> numbers() {
    Map<String, Integer> n = numbers;
    if (n == null) {
      n = new HashMap<>();
      try (InputStream in = SyscallMux.class.getResourceAsStream("syscalls-x86_64.txt")) {
        if (in != null && "amd64".equals(System.getProperty("os.arch"))) {
          BufferedReader r = new BufferedReader(new InputStreamReader(in,
              StandardCharsets.US_ASCII));
          String line;
          while ((line = r.readLine()) != null) {
            String[] f = line.split(" ");
            if (!line.startsWith("#") && f.length == 2) {
              n.put(f[0], Integer.parseInt(f[1]));
            }
          }
        }
      } catch (IOException | NumberFormatException e) {
        n.clear();
      }
      numbers = n;
    }
    return n;
  }

  /**
   * Arms the probes (all of one direction, all with known numbers) on one raw tracepoint.
   *
   * @param exit sys_exit (return probes) rather than sys_enter
   */
  static void attach(List<TracepointProbe> probes, boolean exit, ProbeSession session,
      TaskLayout task) {
    int map = Bpf.mapCreate(Bpf.BPF_MAP_TYPE_ARRAY, 4, 4, MAX_NR, 0,
        exit ? "ht_sys_exit" : "ht_sys_enter");
    session.own(map);
    Memory key = new Memory(4);
    Memory value = new Memory(4);
    int stacks = 0;
    for (TracepointProbe p : probes) {
      int mask = session.stackFlags(p.info().id());
      stacks |= mask;
      key.setInt(0, numbers().get(p.info().function()));
      value.setInt(0, p.info().id() | mask << 24);
      Bpf.mapUpdate(map, key, value, 0);
    }
    CaptureProgram.Body body = exit ? a -> CaptureProgram.syscallReturn(a, 8)
        : SyscallMux::entryArgs;
    byte[] code = CaptureProgram.write(session, CaptureProgram.PROBE_FROM_R9, stacks,
        CaptureProgram.union(session, probes), task, (a, skip) -> guard(a, skip, map, exit),
        body, new int[0]);
    int prog = session.load(Bpf.BPF_PROG_TYPE_RAW_TRACEPOINT, code,
        exit ? "ht_sys_exit" : "ht_sys_enter");
    session.attachRaw(exit ? "sys_exit" : "sys_enter", prog);
  }

  /**
   * r9 = the probe of this call, or skip: 64-bit calls only, number in range, armed. The entry
   * side takes the number from the tracepoint's id argument, the exit side from orig_ax
   * (kernel-modules/syscall.s).
   */
  static void guard(BpfAssembler a, Label skip, int map, boolean exit) {
    KernelModules.fragment(exit ? "mux_guard_exit" : "mux_guard_entry").emit(a, Map.of(),
        Map.of("lookup", (x, l) -> KernelModules.emit(x, "mux_lookup", l, "calls", map)), skip);
  }

  /** args[0..5] from the saved user registers. */
  static void entryArgs(BpfAssembler a) {
    KernelModules.emit(a, "mux_entry_args");
  }
}

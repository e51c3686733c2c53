package org.hypertrace.kernel.prov;

import static org.hypertrace.kernel.ebpf.Opcodes.*;

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
  private static final int USER64_CS = 0x33;
  /** pt_regs offsets (x86_64): r10 first of the block read, orig_ax, cs. */
  private static final int REGS_FROM = 56;
  private static final int REGS_LEN = 88;
  private static final int ORIG_AX = 120;
  /** Where the regs block lands on the stack, and each argument register within it. */
  private static final int STACK = -96;
  private static final int[] ARG_AT = {112, 104, 96, 56, 72, 64};
  private static final int CS = 136;
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
    byte[] code = CaptureProgram.write(session, CaptureProgram.PROBE_FROM_R9, stacks,
        CaptureProgram.union(session, probes), task, (a, skip) -> guard(a, skip, map, exit), exit ? a -> CaptureProgram.syscallReturn(a, 8)
            : SyscallMux::entryArgs, new int[0]);
    int prog = session.load(Bpf.BPF_PROG_TYPE_RAW_TRACEPOINT, code,
        exit ? "ht_sys_exit" : "ht_sys_enter");
    session.attachRaw(exit ? "sys_exit" : "sys_enter", prog);
  }

  /** Reads 8 bytes at (r1 + off) to the stack at at; r1 is clobbered. */
  private static void read(BpfAssembler a, int off, int len, int at) {
    a.movReg(R3, R1).alu(BPF_ADD, R3, off);
    a.movReg(R1, R10).alu(BPF_ADD, R1, at).mov(R2, len);
    a.call(BPF_FUNC_probe_read_kernel);
  }

  /**
   * r9 = the probe of this call, or skip: 64-bit calls only, number in range, armed. The entry
   * side takes the number from the tracepoint's id argument, the exit side from orig_ax.
   */
  private static void guard(BpfAssembler a, Label skip, int map, boolean exit) {
    a.ldx(BPF_DW, R1, CaptureProgram.CTX, 0);
    if (exit) {
      read(a, ORIG_AX, 24, -24);
      a.ldx(BPF_DW, R1, R10, -8).jmp(BPF_JNE, R1, USER64_CS, skip);
      a.ldx(BPF_DW, R1, R10, -24);
    } else {
      read(a, CS, 8, -8);
      a.ldx(BPF_DW, R1, R10, -8).jmp(BPF_JNE, R1, USER64_CS, skip);
      a.ldx(BPF_DW, R1, CaptureProgram.CTX, 8);
    }
    a.jmp(BPF_JGE, R1, MAX_NR, skip);
    a.stx(BPF_W, R10, -4, R1).movReg(R2, R10).alu(BPF_ADD, R2, -4);
    a.ldMap(R1, map).call(BPF_FUNC_map_lookup_elem);
    a.jeq(R0, 0, skip);
    // the value is probe id | stack mask << 24 (CaptureProgram.STACK_MASK_SLOT)
    a.ldx(BPF_W, R1, R0, 0).movReg(R9, R1).alu(BPF_AND, R9, 0xffffff).jeq(R9, 0, skip);
    a.alu(BPF_RSH, R1, 24).stx(BPF_DW, R10, CaptureProgram.STACK_MASK_SLOT, R1);
  }

  /** args[0..5] from the saved user registers. */
  private static void entryArgs(BpfAssembler a) {
    a.ldx(BPF_DW, R1, CaptureProgram.CTX, 0);
    read(a, REGS_FROM, REGS_LEN, STACK);
    for (int i = 0; i < ARG_AT.length; i++) {
      a.ldx(BPF_DW, R1, R10, STACK + ARG_AT[i] - REGS_FROM);
      a.stx(BPF_DW, CaptureProgram.REC, EventRecord.arg(i), R1);
    }
  }
}

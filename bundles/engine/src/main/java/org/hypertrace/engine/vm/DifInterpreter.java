package org.hypertrace.engine.vm;

import static org.hypertrace.api.dif.DifConstants.*;

import org.hypertrace.api.dtrace.DTraceConstants;
import org.hypertrace.engine.vars.VariableSpace;

/**
 * The DIF emulator: port of {@code dtrace_dif_emulate} (uts/common/dtrace/dtrace.c).
 *
 * <p>Invariants of the hot loop ({@link #run}), checked by {@code DifInterpreterTest}:
 * <ol>
 *   <li>the text was validated ({@link DifValidator}): registers, variables and subroutines are in
 *       range and branches go only forward, so every run ends;</li>
 *   <li>dispatch is one {@code switch (instr >>> 24)} over dense int opcodes (a tableswitch);</li>
 *   <li>no allocation, boxing or exceptions inside the loop: a fault sets
 *       {@link MachineState#fault}, which the loop condition tests;</li>
 *   <li>loads, variables, subroutines and string operations live out of line, so the method
 *       stays below 8,000 bytes of bytecode and the JIT compiles it.</li>
 * </ol>
 */
public final class DifInterpreter {
  /** Number of tuple registers ({@code DIF_DTR_NREGS}). */
  public static final int DIF_DTR_NREGS = 8;

  private final MachineState ms;
  private final VariableSpace vars;
  private final FiringContext fc;
  private final DifSubroutines subrs;
  private final long[] regs = new long[DIF_DIR_NREGS];

  /**
   * @param ms   memory
   * @param vars variables
   * @param fc   the firing built-ins read
   */
  public DifInterpreter(MachineState ms, VariableSpace vars, FiringContext fc) {
    this.ms = ms;
    this.vars = vars;
    this.fc = fc;
    this.subrs = new DifSubroutines(ms, vars, fc);
  }

  /** @return the subroutine implementation (speculation hooks are set on it) */
  public DifSubroutines subroutines() {
    return subrs;
  }

  /**
   * Runs a DIF object.
   *
   * @param d the object
   * @return the value of the return register; on fault 0 with {@link MachineState#fault} set
   */
  public long run(Difo d) {
    if (d.hasVariants()) {
      d = d.forTarget(fc.ctx == null ? null : fc.ctx.vmname());
    }
    final int[] text = d.text;
    final long[] inttab = d.intTab;
    final long[] r = regs;
    final MachineState m = ms;
    final int len = text.length;
    final long strBase = MachineState.HEAP_BASE + d.strOff;
    int pc = 0;
    int ttop = 0;
    long ccr = 0;
    boolean ccc = false;
    long rval = 0;
    r[0] = 0;
    while (pc < len && m.fault == 0) {
      final int instr = text[pc++];
      final int r1 = (instr >>> 16) & 0xff;
      final int r2 = (instr >>> 8) & 0xff;
      final int rd = instr & 0xff;
      switch (instr >>> 24) {
        case DIF_OP_OR: r[rd] = r[r1] | r[r2]; break;
        case DIF_OP_XOR: r[rd] = r[r1] ^ r[r2]; break;
        case DIF_OP_AND: r[rd] = r[r1] & r[r2]; break;
        case DIF_OP_SLL: r[rd] = r[r1] << r[r2]; break;
        case DIF_OP_SRL: r[rd] = r[r1] >>> r[r2]; break;
        case DIF_OP_SUB: r[rd] = r[r1] - r[r2]; break;
        case DIF_OP_ADD: r[rd] = r[r1] + r[r2]; break;
        case DIF_OP_MUL: r[rd] = r[r1] * r[r2]; break;
        case DIF_OP_SDIV: r[rd] = divide(r[r1], r[r2], 0); break;
        case DIF_OP_UDIV: r[rd] = divide(r[r1], r[r2], 1); break;
        case DIF_OP_SREM: r[rd] = divide(r[r1], r[r2], 2); break;
        case DIF_OP_UREM: r[rd] = divide(r[r1], r[r2], 3); break;
        case DIF_OP_NOT: r[rd] = ~r[r1]; break;
        case DIF_OP_MOV: r[rd] = r[r1]; break;
        case DIF_OP_CMP:
          ccr = r[r1] - r[r2];
          ccc = Long.compareUnsigned(r[r1], r[r2]) < 0;
          break;
        case DIF_OP_TST: ccr = r[r1] == 0 ? 0 : 1; ccc = false; break;
        case DIF_OP_BA: pc = instr & 0xffffff; break;
        case DIF_OP_BE: if (ccr == 0) pc = instr & 0xffffff; break;
        case DIF_OP_BNE: if (ccr != 0) pc = instr & 0xffffff; break;
        case DIF_OP_BG: if (ccr > 0) pc = instr & 0xffffff; break;
        case DIF_OP_BGU: if (!ccc && ccr != 0) pc = instr & 0xffffff; break;
        case DIF_OP_BGE: if (ccr >= 0) pc = instr & 0xffffff; break;
        case DIF_OP_BGEU: if (!ccc) pc = instr & 0xffffff; break;
        case DIF_OP_BL: if (ccr < 0) pc = instr & 0xffffff; break;
        case DIF_OP_BLU: if (ccc) pc = instr & 0xffffff; break;
        case DIF_OP_BLE: if (ccr <= 0) pc = instr & 0xffffff; break;
        case DIF_OP_BLEU: if (ccc || ccr == 0) pc = instr & 0xffffff; break;
        case DIF_OP_LDSB: case DIF_OP_RLDSB: case DIF_OP_ULDSB:
          r[rd] = m.load(r[r1], 1, true); break;
        case DIF_OP_LDSH: case DIF_OP_RLDSH: case DIF_OP_ULDSH:
          r[rd] = m.load(r[r1], 2, true); break;
        case DIF_OP_LDSW: case DIF_OP_RLDSW: case DIF_OP_ULDSW:
          r[rd] = m.load(r[r1], 4, true); break;
        case DIF_OP_LDUB: case DIF_OP_RLDUB: case DIF_OP_ULDUB:
          r[rd] = m.load(r[r1], 1, false); break;
        case DIF_OP_LDUH: case DIF_OP_RLDUH: case DIF_OP_ULDUH:
          r[rd] = m.load(r[r1], 2, false); break;
        case DIF_OP_LDUW: case DIF_OP_RLDUW: case DIF_OP_ULDUW:
          r[rd] = m.load(r[r1], 4, false); break;
        case DIF_OP_LDX: case DIF_OP_RLDX: case DIF_OP_ULDX:
          r[rd] = m.load(r[r1], 8, false); break;
        case DIF_OP_RET: rval = r[rd]; pc = len; break;
        case DIF_OP_NOP: break;
        case DIF_OP_SETX: r[rd] = inttab[(instr >>> 8) & 0xffff]; break;
        case DIF_OP_SETS: r[rd] = strBase + ((instr >>> 8) & 0xffff); break;
        case DIF_OP_SCMP: ccr = subrs.scmp(r[r1], r[r2]); ccc = false; break;
        case DIF_OP_LDGA: r[rd] = builtinArray(r1, r[r2]); break;
        case DIF_OP_LDGS: r[rd] = loadGlobal((instr >>> 8) & 0xffff); break;
        case DIF_OP_STGS: vars.storeGlobal((instr >>> 8) & 0xffff, r[rd]); break;
        case DIF_OP_LDTA: r[rd] = 0; break;
        case DIF_OP_LDTS: r[rd] = vars.loadThread((instr >>> 8) & 0xffff, fc); break;
        case DIF_OP_STTS: vars.storeThread((instr >>> 8) & 0xffff, fc, r[rd]); break;
        case DIF_OP_SRA: r[rd] = r[r1] >> r[r2]; break;
        case DIF_OP_CALL: subrs.call((instr >>> 8) & 0xffff, rd, r, ttop); break;
        case DIF_OP_PUSHTR: ttop = pushRef(ttop, r1, r[r2], r[rd]); break;
        case DIF_OP_PUSHTV: ttop = pushVal(ttop, r[rd]); break;
        case DIF_OP_POPTS: if (ttop != 0) ttop--; break;
        case DIF_OP_FLUSHTS: ttop = 0; break;
        case DIF_OP_LDGAA: r[rd] = vars.loadArray((instr >>> 8) & 0xffff, false, ttop, fc); break;
        case DIF_OP_LDTAA: r[rd] = vars.loadArray((instr >>> 8) & 0xffff, true, ttop, fc); break;
        case DIF_OP_STGAA: vars.storeArray((instr >>> 8) & 0xffff, false, ttop, fc, r[rd]); break;
        case DIF_OP_STTAA: vars.storeArray((instr >>> 8) & 0xffff, true, ttop, fc, r[rd]); break;
        case DIF_OP_LDLS: r[rd] = vars.loadLocal((instr >>> 8) & 0xffff); break;
        case DIF_OP_STLS: vars.storeLocal((instr >>> 8) & 0xffff, r[rd]); break;
        case DIF_OP_ALLOCS: r[rd] = allocs(r[r1]); break;
        case DIF_OP_COPYS: subrs.copy(r[r1], r[r2], r[rd]); break;
        case DIF_OP_STB: m.store(r[rd], 1, r[r1]); break;
        case DIF_OP_STH: m.store(r[rd], 2, r[r1]); break;
        case DIF_OP_STW: m.store(r[rd], 4, r[r1]); break;
        case DIF_OP_STX: m.store(r[rd], 8, r[r1]); break;
        case DIF_OP_STGA: vars.storeGlobal(r1, r[rd]); break;
        default: m.fault(DTraceConstants.DTRACEFLT_ILLOP, 0); break;
      }
    }
    // the loop stops right after a faulting instruction (branches and ret never fault), and the
    // validator lets nothing but the initial clear write %r0
    if (m.fault != 0 && m.faultPc < 0) {
      m.faultPc = (pc - 1) * 4;
    }
    return rval;
  }

  // ---------------------------------------------------------------- out of line

  private long divide(long a, long b, int kind) {
    if (b == 0) {
      ms.fault(DTraceConstants.DTRACEFLT_DIVZERO, 0);
      return 0;
    }
    switch (kind) {
      case 0: return a / b;
      case 1: return Long.divideUnsigned(a, b);
      case 2: return a % b;
      default: return Long.remainderUnsigned(a, b);
    }
  }

  private int pushRef(int ttop, int type, long size, long value) {
    if (ttop >= DIF_DTR_NREGS) {
      ms.fault(DTraceConstants.DTRACEFLT_TUPOFLOW, 0);
      return ttop;
    }
    int sz;
    if (type == DIF_TYPE_STRING) {
      int n = ms.strlen(value, size != 0 ? (int) Math.min(size, Integer.MAX_VALUE) : ms.strsize);
      sz = n < 0 ? 1 : n + 1;
    } else {
      sz = (int) Math.max(0, Math.min(size, ms.strsize));
    }
    ms.tupVal[ttop] = value;
    ms.tupSize[ttop] = Math.max(1, sz);
    return ttop + 1;
  }

  private int pushVal(int ttop, long value) {
    if (ttop >= DIF_DTR_NREGS) {
      ms.fault(DTraceConstants.DTRACEFLT_TUPOFLOW, 0);
      return ttop;
    }
    ms.tupVal[ttop] = value;
    ms.tupSize[ttop] = 0;
    return ttop + 1;
  }

  private long allocs(long size) {
    int off = ms.alloc(size);
    return off < 0 ? 0 : MachineState.addr(off);
  }

  private long loadGlobal(int id) {
    if (id >= DIF_VAR_OTHER_UBASE) {
      return vars.loadGlobal(id);
    }
    return subrs.builtin(id);
  }

  private long builtinArray(int array, long index) {
    if (array == DIF_VAR_ARGS) {
      if (index < 0 || index > 9) {
        ms.fault(DTraceConstants.DTRACEFLT_ILLOP, 0);
        return 0;
      }
      return fc.arg((int) index);
    }
    ms.fault(DTraceConstants.DTRACEFLT_ILLOP, 0);
    return 0;
  }
}

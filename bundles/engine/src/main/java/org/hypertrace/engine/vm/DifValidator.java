package org.hypertrace.engine.vm;

import static org.hypertrace.api.dif.DifConstants.*;

import java.util.ArrayList;
import java.util.List;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifType;
import org.hypertrace.api.dif.DifVariable;

/**
 * Checks a DIF object before anything runs it: port of {@code dtrace_difo_validate}. The rules:
 * <ol>
 *   <li>every register field names one of the 8 registers, and nothing but stores writes %r0;</li>
 *   <li>reserved fields are zero;</li>
 *   <li>branches go forward, inside the text (so every run ends);</li>
 *   <li>integer, string, variable and subroutine references are in range, and the last
 *       instruction is {@code ret};</li>
 *   <li>by-value return types have a base size; variable table entries have a known scope, kind
 *       and id;</li>
 *   <li>destructive subroutines need the destructive option; relocation opcodes must have been
 *       linked; the object is at most 256 KiB.</li>
 * </ol>
 */
public final class DifValidator {
  /** Largest DIF object accepted (bytes of text, integer and string tables). */
  public static final int DIF_MAX_BYTES = 256 * 1024;

  /** A failed validation: the kernel's {@code dtrace_difo_err} messages, first one first. */
  public static final class DifValidationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    /** Offending instruction (or variable table index). */
    public final int pc;

    DifValidationException(int pc, String message) {
      super("DIF validation failed at " + pc + ": " + message);
      this.pc = pc;
    }
  }

  private DifValidator() {}

  /** A relocation site's registers (see DifConstants for the encodings). */
  private static String site(int instr) {
    int r1 = (instr >>> 16) & 0xff;
    int r2 = (instr >>> 8) & 0xff;
    int rd = instr & 0xff;
    switch (instr >>> 24) {
      case DIF_OP_USETX:
        return write(rd);
      case DIF_OP_ULOAD: case DIF_OP_UULOAD:
        return first(reg(r1), write(rd));
      default:
        return first(reg(r1), reg(r2), write(rd));
    }
  }

  /**
   * Validates.
   *
   * @param dp          the object
   * @param destructive whether destructive subroutines are allowed ({@code -w})
   * @throws DifValidationException on the first problem
   */
  public static void validate(DifObject dp, boolean destructive) {
    validate(dp, destructive, false);
  }

  /**
   * Validates, allowing HyperTrace's relocation sites when the program is linked per target (the
   * host runs each target's relocated version; a site left in the base faults if it runs).
   *
   * @param dp          the object
   * @param destructive whether destructive subroutines are allowed ({@code -w})
   * @param sites       whether relocation opcodes are allowed
   * @throws DifValidationException on the first problem
   */
  public static void validate(DifObject dp, boolean destructive, boolean sites) {
    List<String> errs = new ArrayList<>();
    int[] text = dp.text();
    if (text == null) {
      throw new DifValidationException(0, "missing DIF text");
    }
    long bytes = text.length * 4L + (dp.intTab() == null ? 0 : dp.intTab().length * 8L)
        + (dp.strTab() == null ? 0 : dp.strTab().length);
    if (bytes > DIF_MAX_BYTES) {
      throw new DifValidationException(0, "DIF object is " + bytes + " bytes, exceeds limit");
    }
    int intlen = dp.intTab() == null ? 0 : dp.intTab().length;
    int strlen = dp.strTab() == null ? 0 : dp.strTab().length;
    for (int pc = 0; pc < text.length; pc++) {
      int op = text[pc] >>> 24;
      String e = sites && op >= DIF_OP_USETX && op <= DIF_OP_TYPECAST ? site(text[pc])
          : check(text[pc], pc, text.length, intlen, strlen, destructive);
      if (e != null) {
        throw new DifValidationException(pc, e);
      }
    }
    if (text.length != 0 && (text[text.length - 1] >>> 24) != DIF_OP_RET) {
      throw new DifValidationException(text.length - 1,
          "expected 'ret' as last DIF instruction");
    }
    DifType rt = dp.returnType();
    if (rt != null && (rt.flags() & (DIF_TF_BYREF | DIF_TF_BYUREF)) == 0 && !rt.isString()) {
      int s = rt.size();
      if (s != 0 && s != 1 && s != 2 && s != 4 && s != 8) {
        throw new DifValidationException(text.length - 1, "bad return size");
      }
    }
    if (dp.varTab() != null) {
      int i = 0;
      for (DifVariable v : dp.varTab()) {
        if (v.scope() != DIFV_SCOPE_GLOBAL && v.scope() != DIFV_SCOPE_THREAD
            && v.scope() != DIFV_SCOPE_LOCAL) {
          throw new DifValidationException(i, "unrecognized variable scope " + v.scope());
        }
        if (v.kind() != DIFV_KIND_ARRAY && v.kind() != DIFV_KIND_SCALAR) {
          throw new DifValidationException(i, "unrecognized variable type " + v.kind());
        }
        if (v.id() > DIF_VARIABLE_MAX || v.id() < 0) {
          throw new DifValidationException(i, v.id() + " exceeds variable id limit");
        }
        if (v.id() >= DIF_VAR_OTHER_UBASE && v.type() != null && v.type().size() == 0
            && !v.type().isString()) {
          throw new DifValidationException(i, "zero-sized variable");
        }
        i++;
      }
    }
  }

  private static String reg(int r) {
    return r >= DIF_DIR_NREGS ? "invalid register " + r : null;
  }

  private static String first(String... s) {
    for (String x : s) {
      if (x != null) {
        return x;
      }
    }
    return null;
  }

  private static String write(int rd) {
    return rd >= DIF_DIR_NREGS ? "invalid register " + rd
        : rd == 0 ? "cannot write to %r0" : null;
  }

  private static String check(int instr, int pc, int len, int intlen, int strlen,
      boolean destructive) {
    int op = instr >>> 24;
    int r1 = (instr >>> 16) & 0xff;
    int r2 = (instr >>> 8) & 0xff;
    int rd = instr & 0xff;
    int label = instr & 0xffffff;
    int v = (instr >>> 8) & 0xffff;
    String reserved = "non-zero reserved bits";
    switch (op) {
      case DIF_OP_OR: case DIF_OP_XOR: case DIF_OP_AND: case DIF_OP_SLL: case DIF_OP_SRL:
      case DIF_OP_SRA: case DIF_OP_SUB: case DIF_OP_ADD: case DIF_OP_MUL: case DIF_OP_SDIV:
      case DIF_OP_UDIV: case DIF_OP_SREM: case DIF_OP_UREM: case DIF_OP_COPYS:
        return first(reg(r1), reg(r2), write(rd));
      case DIF_OP_NOT: case DIF_OP_MOV: case DIF_OP_ALLOCS:
      case DIF_OP_LDSB: case DIF_OP_LDSH: case DIF_OP_LDSW: case DIF_OP_LDUB: case DIF_OP_LDUH:
      case DIF_OP_LDUW: case DIF_OP_LDX: case DIF_OP_RLDSB: case DIF_OP_RLDSH:
      case DIF_OP_RLDSW: case DIF_OP_RLDUB: case DIF_OP_RLDUH: case DIF_OP_RLDUW:
      case DIF_OP_RLDX: case DIF_OP_ULDSB: case DIF_OP_ULDSH: case DIF_OP_ULDSW:
      case DIF_OP_ULDUB: case DIF_OP_ULDUH: case DIF_OP_ULDUW: case DIF_OP_ULDX:
        return first(reg(r1), r2 != 0 ? reserved : null, write(rd));
      case DIF_OP_STB: case DIF_OP_STH: case DIF_OP_STW: case DIF_OP_STX:
        return first(reg(r1), r2 != 0 ? reserved : null, reg(rd),
            rd == 0 ? "cannot write to 0 address" : null);
      case DIF_OP_CMP: case DIF_OP_SCMP:
        return first(reg(r1), reg(r2), rd != 0 ? reserved : null);
      case DIF_OP_TST:
        return first(reg(r1), r2 != 0 || rd != 0 ? reserved : null);
      case DIF_OP_BA: case DIF_OP_BE: case DIF_OP_BNE: case DIF_OP_BG: case DIF_OP_BGU:
      case DIF_OP_BGE: case DIF_OP_BGEU: case DIF_OP_BL: case DIF_OP_BLU: case DIF_OP_BLE:
      case DIF_OP_BLEU:
        if (label >= len) {
          return "invalid branch target " + label;
        }
        return label <= pc ? "backward branch to " + label : null;
      case DIF_OP_RET:
        return first(r1 != 0 || r2 != 0 ? reserved : null, reg(rd));
      case DIF_OP_NOP: case DIF_OP_POPTS: case DIF_OP_FLUSHTS:
        return r1 != 0 || r2 != 0 || rd != 0 ? reserved : null;
      case DIF_OP_SETX:
        return first(v >= intlen ? "invalid integer ref " + v : null, write(rd));
      case DIF_OP_SETS:
        // the engine NUL-terminates every string table, so the offset just past it is "":
        // tolerated for compilers that leave "" out of the table
        return first(v > strlen ? "invalid string ref " + v : null, write(rd));
      case DIF_OP_LDGA: case DIF_OP_LDTA:
        return first(r1 > DIF_VAR_ARRAY_MAX ? "invalid array " + r1 : null, reg(r2), write(rd));
      case DIF_OP_STGA:
        return first(r1 > DIF_VAR_ARRAY_MAX ? "invalid array " + r1 : null, reg(r2), reg(rd));
      case DIF_OP_LDGS: case DIF_OP_LDTS: case DIF_OP_LDLS: case DIF_OP_LDGAA:
      case DIF_OP_LDTAA:
        return first(v < DIF_VAR_OTHER_MIN || v > DIF_VAR_OTHER_MAX
            ? "invalid variable " + v : null, write(rd));
      case DIF_OP_STGS: case DIF_OP_STTS: case DIF_OP_STLS: case DIF_OP_STGAA:
      case DIF_OP_STTAA:
        return first(v < DIF_VAR_OTHER_UBASE || v > DIF_VAR_OTHER_MAX
            ? "invalid variable " + v : null, reg(rd));
      case DIF_OP_CALL:
        if (v > DIF_SUBR_MAX) {
          return "invalid subr " + v;
        }
        if (!destructive && (v == DIF_SUBR_COPYOUT || v == DIF_SUBR_COPYOUTSTR)) {
          return "destructive subroutine " + v + " needs the destructive option (-w)";
        }
        return write(rd);
      case DIF_OP_PUSHTR:
        return first(r1 != DIF_TYPE_STRING && r1 != DIF_TYPE_CTF ? "invalid ref type " + r1
            : null, reg(r2), reg(rd));
      case DIF_OP_PUSHTV:
        return first(r1 != DIF_TYPE_CTF ? "invalid val type " + r1 : null, reg(r2), reg(rd));
      case DIF_OP_USETX: case DIF_OP_ULOAD: case DIF_OP_UULOAD: case DIF_OP_TYPECAST:
        return "unresolved relocation opcode " + op + " (link the program first)";
      default:
        return "invalid opcode " + op;
    }
  }
}

package org.hypertrace.compiler.dis;

import static org.hypertrace.api.dif.DifConstants.*;

import java.nio.charset.StandardCharsets;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifRelocation;
import org.hypertrace.api.dif.DifType;
import org.hypertrace.api.dif.DifVariable;
import org.hypertrace.compiler.ident.Builtins;
import org.hypertrace.compiler.ident.IdentKind;

/**
 * The DIF disassembler: port of dt_dis.c {@code dt_dis}, the listing {@code dtrace -S} prints:
 * the header line with the return type, one line per instruction with its offset, hex encoding
 * and operands (one printer per operand format), then the variable table. HyperTrace's
 * relocation opcodes and sites are listed after the variables.
 */
public final class DifDisassembler {
  private static final String[] NAMES = {"(illegal opcode)", "or", "xor", "and", "sll", "srl",
      "sub", "add", "mul", "sdiv", "udiv", "srem", "urem", "not", "mov", "cmp", "tst", "ba",
      "be", "bne", "bg", "bgu", "bge", "bgeu", "bl", "blu", "ble", "bleu", "ldsb", "ldsh",
      "ldsw", "ldub", "lduh", "lduw", "ldx", "ret", "nop", "setx", "sets", "scmp", "ldga",
      "ldgs", "stgs", "ldta", "ldts", "stts", "sra", "call", "pushtr", "pushtv", "popts",
      "flushts", "ldgaa", "ldtaa", "stgaa", "sttaa", "ldls", "stls", "allocs", "copys", "stb",
      "sth", "stw", "stx", "uldsb", "uldsh", "uldsw", "uldub", "ulduh", "ulduw", "uldx",
      "rldsb", "rldsh", "rldsw", "rldub", "rlduh", "rlduw", "rldx", "xlate", "xlarg", "stga",
      "usetx", "uload", "uuload", "typecast"};
  private static final String[] CKINDS = {"unknown", "integer", "float", "pointer", "array",
      "function", "struct", "union", "enum", "forward", "typedef", "volatile", "const",
      "restrict"};

  private DifDisassembler() {}

  /**
   * @return the listings of every DIF object of {@code p} in compile order (each statement's
   *     predicate, then its actions' objects), as {@code dtrace -S} prints them
   */
  public static String disassemble(org.hypertrace.api.program.DProgram p) {
    StringBuilder sb = new StringBuilder();
    for (org.hypertrace.api.program.Statement s : p.statements()) {
      if (s.predicate() != null) {
        sb.append(disassemble(s.predicate()));
      }
      for (org.hypertrace.api.program.ActionDescription a : s.actions()) {
        if (a.difo() != null) {
          sb.append(disassemble(a.difo()));
        }
      }
    }
    return sb.toString();
  }

  /** @return the listing of {@code d} as dt_dis prints it. */
  public static String disassemble(DifObject d) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%nDIFO 0x%x returns %s%n", System.identityHashCode(d),
        typeString(d.returnType())));
    sb.append(String.format("%-3s %-8s    %s%n", "OFF", "OPCODE", "INSTRUCTION"));
    int[] text = d.text();
    for (int i = 0; i < text.length; i++) {
      int in = text[i];
      int op = in >>> 24;
      sb.append(String.format("%02d: %08x    ", i, in));
      instruction(sb, d, op < NAMES.length ? op : 0, in);
      sb.append(String.format("%n"));
    }
    if (!d.varTab().isEmpty()) {
      sb.append(String.format("%n%-16s %-4s %-3s %-3s %-4s %s%n", "NAME", "ID", "KND", "SCP",
          "FLAG", "TYPE"));
    }
    for (DifVariable v : d.varTab()) {
      String kind = v.kind() == DIFV_KIND_ARRAY ? "arr" : v.kind() == DIFV_KIND_SCALAR ? "scl"
          : Integer.toString(v.kind());
      String scope = v.scope() == DIFV_SCOPE_GLOBAL ? "glb" : v.scope() == DIFV_SCOPE_THREAD
          ? "tls" : v.scope() == DIFV_SCOPE_LOCAL ? "loc" : Integer.toString(v.scope());
      StringBuilder flags = new StringBuilder();
      if ((v.flags() & ~(DIFV_F_REF | DIFV_F_MOD)) != 0) {
        flags.append(String.format("/0x%x", v.flags() & ~(DIFV_F_REF | DIFV_F_MOD)));
      }
      if ((v.flags() & DIFV_F_REF) != 0) {
        flags.append("/r");
      }
      if ((v.flags() & DIFV_F_MOD) != 0) {
        flags.append("/w");
      }
      String f = flags.length() > 0 ? flags.substring(1) : "";
      sb.append(String.format("%-16s %-4x %-3s %-3s %-4s %s%n", v.name(), v.id(), kind, scope,
          f, typeString(v.type())));
    }
    if (!d.relocations().isEmpty()) {
      sb.append(String.format("%n%-4s %-8s %-8s %s%n", "HREL", "OFFSET", "OPCODE", "NAME"));
      for (DifRelocation r : d.relocations()) {
        String what = r.memberPath().isEmpty() ? r.typeName()
            : r.typeName() + "." + r.memberPath();
        sb.append(String.format("%-4s %-8d %-8s %s%n", "", r.offset(),
            r.opcode() < NAMES.length ? NAMES[r.opcode()] : Integer.toString(r.opcode()), what));
      }
    }
    return sb.toString();
  }

  /** dt_dis_typestr. */
  public static String typeString(DifType t) {
    String kind = t.kind() == DIF_TYPE_CTF ? "D type" : t.kind() == DIF_TYPE_STRING ? "string"
        : String.format("0x%x", t.kind());
    String ckind = t.ckind() >= 0 && t.ckind() < CKINDS.length ? CKINDS[t.ckind()]
        : String.format("0x%x", t.ckind());
    if ((t.flags() & (DIF_TF_BYREF | DIF_TF_BYUREF)) != 0) {
      return String.format("%s (%s) by %sref (size %d)", kind, ckind,
          (t.flags() & DIF_TF_BYUREF) != 0 ? "user " : "", t.size());
    }
    return String.format("%s (%s) (size %d)", kind, ckind, t.size());
  }

  private static int r1(int in) {
    return (in >>> 16) & 0xff;
  }

  private static int r2(int in) {
    return (in >>> 8) & 0xff;
  }

  private static int rd(int in) {
    return in & 0xff;
  }

  private static int var(int in) {
    return (in >>> 8) & 0xffff;
  }

  private static void instruction(StringBuilder sb, DifObject d, int op, int in) {
    String n = NAMES[op];
    switch (op) {
      case DIF_OP_OR: case DIF_OP_XOR: case DIF_OP_AND: case DIF_OP_SLL: case DIF_OP_SRL:
      case DIF_OP_SUB: case DIF_OP_ADD: case DIF_OP_MUL: case DIF_OP_SDIV: case DIF_OP_UDIV:
      case DIF_OP_SREM: case DIF_OP_UREM: case DIF_OP_SRA: case DIF_OP_COPYS:
        sb.append(String.format("%-4s %%r%d, %%r%d, %%r%d", n, r1(in), r2(in), rd(in)));
        break;
      case DIF_OP_NOT: case DIF_OP_MOV: case DIF_OP_ALLOCS:
        sb.append(String.format("%-4s %%r%d, %%r%d", n, r1(in), rd(in)));
        break;
      case DIF_OP_CMP: case DIF_OP_SCMP:
        sb.append(String.format("%-4s %%r%d, %%r%d", n, r1(in), r2(in)));
        break;
      case DIF_OP_TST:
        sb.append(String.format("%-4s %%r%d", n, r1(in)));
        break;
      case DIF_OP_RET:
        sb.append(String.format("%-4s %%r%d", n, rd(in)));
        break;
      case DIF_OP_NOP: case DIF_OP_POPTS: case DIF_OP_FLUSHTS: case 0:
        sb.append(n);
        break;
      case DIF_OP_SETX: {
        int i = var(in);
        sb.append(String.format("%-4s DT_INTEGER[%d], %%r%d", n, i, rd(in)));
        if (i < d.intTab().length) {
          sb.append(String.format("\t\t! 0x%x", d.intTab()[i]));
        }
        break;
      }
      case DIF_OP_SETS: {
        int s = var(in);
        sb.append(String.format("%-4s DT_STRING[%d], %%r%d", n, s, rd(in)));
        if (s < d.strTab().length) {
          sb.append("\t\t! \"").append(string(d.strTab(), s)).append('"');
        }
        break;
      }
      case DIF_OP_LDGA: case DIF_OP_LDTA:
        sb.append(String.format("%-4s DT_VAR(%d), %%r%d, %%r%d", n, r1(in), r2(in), rd(in)));
        varName(sb, d, r1(in), n);
        break;
      case DIF_OP_STGA:
        sb.append(String.format("%-4s DT_VAR(%d), %%r%d, %%r%d", n, var(in), r2(in), rd(in)));
        varName(sb, d, var(in), n);
        break;
      case DIF_OP_LDGS: case DIF_OP_LDTS: case DIF_OP_LDLS: case DIF_OP_LDGAA:
      case DIF_OP_LDTAA:
        sb.append(String.format("%-4s DT_VAR(%d), %%r%d", n, var(in), rd(in)));
        varName(sb, d, var(in), n);
        break;
      case DIF_OP_STGS: case DIF_OP_STTS: case DIF_OP_STLS: case DIF_OP_STGAA:
      case DIF_OP_STTAA:
        sb.append(String.format("%-4s %%r%d, DT_VAR(%d)", n, rd(in), var(in)));
        varName(sb, d, var(in), n);
        break;
      case DIF_OP_CALL:
        sb.append(String.format("%-4s DIF_SUBR(%d), %%r%d\t\t! %s", n, var(in), rd(in),
            subrName(var(in))));
        break;
      case DIF_OP_PUSHTR: case DIF_OP_PUSHTV: {
        int type = r1(in);
        String pad;
        if (op == DIF_OP_PUSHTV) {
          sb.append(String.format("%-4s DT_TYPE(%d), %%r%d", n, type, rd(in)));
          pad = "\t\t";
        } else {
          sb.append(String.format("%-4s DT_TYPE(%d), %%r%d, %%r%d", n, type, r2(in), rd(in)));
          pad = "\t";
        }
        if (type < 2) {
          sb.append(String.format("%s! DT_TYPE(%d) = %s", pad, type, type == 0 ? "D type"
              : "string"));
        }
        break;
      }
      case DIF_OP_XLATE: case DIF_OP_XLARG:
        sb.append(String.format("%-4s DT_XLREF[%d], %%r%d", n, var(in), rd(in)));
        break;
      case DIF_OP_STB: case DIF_OP_STH: case DIF_OP_STW: case DIF_OP_STX:
        sb.append(String.format("%-4s %%r%d, [%%r%d]", n, r1(in), rd(in)));
        break;
      default:
        if (op >= DIF_OP_BA && op <= DIF_OP_BLEU) {
          sb.append(String.format("%-4s %d", n, in & 0xffffff));
        } else if (op == DIF_OP_USETX) {
          sb.append(String.format("%-4s %%r%d", n, rd(in)));
        } else if (op == DIF_OP_TYPECAST) {
          sb.append(String.format("%-4s %%r%d, %%r%d, %%r%d", n, r1(in), r2(in), rd(in)));
        } else {
          sb.append(String.format("%-4s [%%r%d], %%r%d", n, r1(in), rd(in)));
        }
    }
  }

  private static void varName(StringBuilder sb, DifObject d, int id, String opname) {
    int scope = opname.charAt(2) == 'l' ? DIFV_SCOPE_LOCAL : opname.charAt(2) == 't'
        ? DIFV_SCOPE_THREAD : opname.charAt(2) == 'g' ? DIFV_SCOPE_GLOBAL : -1;
    for (DifVariable v : d.varTab()) {
      if (v.id() == id && v.scope() == scope) {
        sb.append(String.format("\t\t! DT_VAR(%d) = \"%s\"", id, v.name()));
        return;
      }
    }
  }

  private static String string(byte[] tab, int off) {
    int e = off;
    while (e < tab.length && tab[e] != 0) {
      e++;
    }
    return new String(tab, off, e - off, StandardCharsets.ISO_8859_1);
  }

  /** dtrace_subrstr. */
  public static String subrName(int subr) {
    for (Builtins.Entry e : Builtins.table().values()) {
      if (e.kind() == IdentKind.FUNC && e.id() == subr) {
        return e.name();
      }
    }
    return "unknown";
  }
}

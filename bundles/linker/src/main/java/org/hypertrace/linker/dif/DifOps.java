package org.hypertrace.linker.dif;

import static org.hypertrace.api.dif.DifConstants.*;

/**
 * Operand format and mnemonic of every DIF opcode (dt_dis.c's {@code optab}), plus HyperTrace's
 * relocation opcodes. Mnemonics are dt_dis.c's.
 */
public final class DifOps {
  static final int F_NONE = 0;
  static final int F_LOG = 1;
  static final int F_BRANCH = 2;
  static final int F_LOAD = 3;
  static final int F_STORE = 4;
  static final int F_INSN = 5;
  static final int F_R1RD = 6;
  static final int F_CMP = 7;
  static final int F_TST = 8;
  static final int F_LDA = 9;
  static final int F_LDV = 10;
  static final int F_STV = 11;
  static final int F_STA = 12;
  static final int F_SETX = 13;
  static final int F_SETS = 14;
  static final int F_RET = 15;
  static final int F_CALL = 16;
  static final int F_PUSHTS = 17;
  static final int F_XLATE = 18;

  private static final int[] FORMAT = new int[256];
  private static final String[] NAME = new String[256];

  static {
    op(F_LOG, DIF_OP_OR, "or", DIF_OP_XOR, "xor", DIF_OP_AND, "and", DIF_OP_SLL, "sll",
        DIF_OP_SRL, "srl", DIF_OP_SUB, "sub", DIF_OP_ADD, "add", DIF_OP_MUL, "mul",
        DIF_OP_SDIV, "sdiv", DIF_OP_UDIV, "udiv", DIF_OP_SREM, "srem", DIF_OP_UREM, "urem",
        DIF_OP_SRA, "sra", DIF_OP_COPYS, "copys", DIF_OP_TYPECAST, "typecast");
    op(F_BRANCH, DIF_OP_BA, "ba", DIF_OP_BE, "be", DIF_OP_BNE, "bne", DIF_OP_BG, "bg",
        DIF_OP_BGU, "bgu", DIF_OP_BGE, "bge", DIF_OP_BGEU, "bgeu", DIF_OP_BL, "bl",
        DIF_OP_BLU, "blu", DIF_OP_BLE, "ble", DIF_OP_BLEU, "bleu");
    op(F_LOAD, DIF_OP_LDSB, "ldsb", DIF_OP_LDSH, "ldsh", DIF_OP_LDSW, "ldsw", DIF_OP_LDUB,
        "ldub", DIF_OP_LDUH, "lduh", DIF_OP_LDUW, "lduw", DIF_OP_LDX, "ldx",
        DIF_OP_ULDSB, "uldsb", DIF_OP_ULDSH, "uldsh", DIF_OP_ULDSW, "uldsw", DIF_OP_ULDUB,
        "uldub", DIF_OP_ULDUH, "ulduh", DIF_OP_ULDUW, "ulduw", DIF_OP_ULDX, "uldx",
        DIF_OP_RLDSB, "rldsb", DIF_OP_RLDSH, "rldsh", DIF_OP_RLDSW, "rldsw", DIF_OP_RLDUB,
        "rldub", DIF_OP_RLDUH, "rlduh", DIF_OP_RLDUW, "rlduw", DIF_OP_RLDX, "rldx",
        DIF_OP_ULOAD, "uload", DIF_OP_UULOAD, "uuload");
    op(F_STORE, DIF_OP_STB, "stb", DIF_OP_STH, "sth", DIF_OP_STW, "stw", DIF_OP_STX, "stx");
    op(F_INSN, DIF_OP_NOP, "nop", DIF_OP_POPTS, "popts", DIF_OP_FLUSHTS, "flushts");
    op(F_R1RD, DIF_OP_NOT, "not", DIF_OP_MOV, "mov", DIF_OP_ALLOCS, "allocs");
    op(F_CMP, DIF_OP_CMP, "cmp", DIF_OP_SCMP, "scmp");
    op(F_TST, DIF_OP_TST, "tst");
    op(F_LDA, DIF_OP_LDGA, "ldga", DIF_OP_LDTA, "ldta");
    op(F_LDV, DIF_OP_LDGS, "ldgs", DIF_OP_LDTS, "ldts", DIF_OP_LDLS, "ldls", DIF_OP_LDGAA,
        "ldgaa", DIF_OP_LDTAA, "ldtaa");
    op(F_STV, DIF_OP_STGS, "stgs", DIF_OP_STTS, "stts", DIF_OP_STLS, "stls", DIF_OP_STGAA,
        "stgaa", DIF_OP_STTAA, "sttaa");
    op(F_STA, DIF_OP_STGA, "stga");
    op(F_SETX, DIF_OP_SETX, "setx", DIF_OP_USETX, "usetx");
    op(F_SETS, DIF_OP_SETS, "sets");
    op(F_RET, DIF_OP_RET, "ret");
    op(F_CALL, DIF_OP_CALL, "call");
    op(F_PUSHTS, DIF_OP_PUSHTR, "pushtr", DIF_OP_PUSHTV, "pushtv");
    op(F_XLATE, DIF_OP_XLATE, "xlate", DIF_OP_XLARG, "xlarg");
  }

  private DifOps() {}

  private static void op(int format, Object... pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      int op = (Integer) pairs[i];
      FORMAT[op] = format;
      NAME[op] = (String) pairs[i + 1];
    }
  }

  /** @return the operand format of {@code op} ({@code F_NONE} if unknown) */
  static int format(int op) {
    return FORMAT[op & 0xff];
  }

  /** @return dt_dis.c's mnemonic of {@code op}, or "op N" */
  public static String name(int op) {
    String n = NAME[op & 0xff];
    return n != null ? n : "op " + op;
  }
}

package org.hypertrace.kernel.ebpf;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/**
 * The opcode table shared by {@link BpfDisassembler} and {@link BpfTextParser}: operator spellings
 * of ALU and jump operations, size names and helper names, in the syntax of the kernel verifier's
 * log and llvm-objdump ({@code r1 += r2}, {@code if w1 s> 5 goto L},
 * {@code *(u32 *)(r10 - 4) = r1}).
 */
final class BpfSyntax implements Opcodes {
  private static final String[] ALU = new String[16];
  private static final String[] JMP = new String[16];
  private static final String[] ATOMIC_NAMES = new String[256];
  private static final Map<String, Integer> HELPERS = new HashMap<>();
  private static final Map<Integer, String> HELPER_NAMES = new HashMap<>();

  static {
    ALU[BPF_ADD >> 4] = "+=";
    ALU[BPF_SUB >> 4] = "-=";
    ALU[BPF_MUL >> 4] = "*=";
    ALU[BPF_DIV >> 4] = "/=";
    ALU[BPF_OR >> 4] = "|=";
    ALU[BPF_AND >> 4] = "&=";
    ALU[BPF_LSH >> 4] = "<<=";
    ALU[BPF_RSH >> 4] = ">>=";
    ALU[BPF_MOD >> 4] = "%=";
    ALU[BPF_XOR >> 4] = "^=";
    ALU[BPF_MOV >> 4] = "=";
    ALU[BPF_ARSH >> 4] = "s>>=";
    JMP[BPF_JEQ >> 4] = "==";
    JMP[BPF_JGT >> 4] = ">";
    JMP[BPF_JGE >> 4] = ">=";
    JMP[BPF_JSET >> 4] = "&";
    JMP[BPF_JNE >> 4] = "!=";
    JMP[BPF_JSGT >> 4] = "s>";
    JMP[BPF_JSGE >> 4] = "s>=";
    JMP[BPF_JLT >> 4] = "<";
    JMP[BPF_JLE >> 4] = "<=";
    JMP[BPF_JSLT >> 4] = "s<";
    JMP[BPF_JSLE >> 4] = "s<=";
    ATOMIC_NAMES[BPF_ADD] = "add";
    ATOMIC_NAMES[BPF_OR] = "or";
    ATOMIC_NAMES[BPF_AND] = "and";
    ATOMIC_NAMES[BPF_XOR] = "xor";
    ATOMIC_NAMES[BPF_ADD | BPF_FETCH] = "fetch_add";
    ATOMIC_NAMES[BPF_OR | BPF_FETCH] = "fetch_or";
    ATOMIC_NAMES[BPF_AND | BPF_FETCH] = "fetch_and";
    ATOMIC_NAMES[BPF_XOR | BPF_FETCH] = "fetch_xor";
    ATOMIC_NAMES[BPF_XCHG] = "xchg";
    ATOMIC_NAMES[BPF_CMPXCHG] = "cmpxchg";
    for (Field f : Opcodes.class.getFields()) {
      if (f.getName().startsWith("BPF_FUNC_") && Modifier.isStatic(f.getModifiers())) {
        try {
          String n = "bpf_" + f.getName().substring("BPF_FUNC_".length());
          int id = f.getInt(null);
          HELPERS.put(n, id);
          HELPER_NAMES.put(id, n);
        } catch (IllegalAccessException e) {
          throw new ExceptionInInitializerError(e);
        }
      }
    }
  }

  private BpfSyntax() {}

  static String aluOperator(int op) {
    return ALU[(op >> 4) & 0xf];
  }

  static int aluOp(String operator) {
    for (int i = 0; i < ALU.length; i++) {
      if (operator.equals(ALU[i])) {
        return i << 4;
      }
    }
    return -1;
  }

  static String jumpOperator(int op) {
    return JMP[(op >> 4) & 0xf];
  }

  static int jumpOp(String operator) {
    for (int i = 0; i < JMP.length; i++) {
      if (operator.equals(JMP[i])) {
        return i << 4;
      }
    }
    return -1;
  }

  static String atomicName(int imm) {
    return imm >= 0 && imm < 256 ? ATOMIC_NAMES[imm] : null;
  }

  static int atomicOp(String name) {
    for (int i = 0; i < ATOMIC_NAMES.length; i++) {
      if (name.equals(ATOMIC_NAMES[i])) {
        return i;
      }
    }
    return -1;
  }

  /** @return "u8".."u64" for a BPF_B/H/W/DW size */
  static int bits(int size) {
    switch (size) {
      case BPF_B: return 8;
      case BPF_H: return 16;
      case BPF_W: return 32;
      default: return 64;
    }
  }

  static int size(int bits) {
    switch (bits) {
      case 8: return BPF_B;
      case 16: return BPF_H;
      case 32: return BPF_W;
      case 64: return BPF_DW;
      default: return -1;
    }
  }

  static String helperName(int id) {
    String n = HELPER_NAMES.get(id);
    return n != null ? n : Integer.toString(id);
  }

  /** @return the helper id of a name or decimal number, -1 if unknown */
  static int helperId(String name) {
    Integer id = HELPERS.get(name);
    if (id != null) {
      return id;
    }
    try {
      return Integer.parseInt(name);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}

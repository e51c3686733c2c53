package org.hypertrace.kernel.ebpf;

/**
 * Prints an instruction stream in the verifier-log syntax that {@link BpfTextParser} reads back:
 * one instruction per line, labels on their own lines as {@code L0:}. Use with
 * {@link BpfReader#accept} (as ASM's {@code Textifier} with {@code ClassReader}).
 */
public final class BpfDisassembler extends BpfVisitor {
  private final StringBuilder out = new StringBuilder();

  /** @return the disassembly of code, one line per instruction or label */
  public static String disassemble(byte[] code) {
    BpfDisassembler d = new BpfDisassembler();
    new BpfReader(code).accept(d);
    return d.toString();
  }

  private void line(String s) {
    out.append("  ").append(s).append('\n');
  }

  private static String reg(int cls, int r) {
    return (cls == BPF_ALU || cls == BPF_JMP32 ? "w" : "r") + r;
  }

  private static String mem(String type, int base, int off) {
    return "*(" + type + " *)(r" + base + (off < 0 ? " - " + -(long) off : " + " + off) + ")";
  }

  @Override
  public void visitAluInsn(int opcode, int dst, int src, int imm) {
    int cls = opcode & 7;
    int op = opcode & 0xf0;
    String d = reg(cls, dst);
    if (op == BPF_NEG) {
      line(d + " = -" + d);
    } else if (op == BPF_END) {
      line("r" + dst + " = " + ((opcode & BPF_X) != 0 ? "be" : "le") + imm + " r" + dst);
    } else {
      String operator = BpfSyntax.aluOperator(op);
      if (operator == null) {
        throw new IllegalArgumentException(String.format("unknown ALU opcode 0x%02x", opcode));
      }
      String right = (opcode & BPF_X) != 0 ? reg(cls, src) : Integer.toString(imm);
      line(d + " " + operator + " " + right);
    }
  }

  @Override
  public void visitJumpInsn(int opcode, int dst, int src, int imm, Label target) {
    if ((opcode & 0xf0) == BPF_JA) {
      line("goto " + target);
      return;
    }
    int cls = opcode & 7;
    String operator = BpfSyntax.jumpOperator(opcode & 0xf0);
    if (operator == null) {
      throw new IllegalArgumentException(String.format("unknown jump opcode 0x%02x", opcode));
    }
    String right = (opcode & BPF_X) != 0 ? reg(cls, src) : Integer.toString(imm);
    line("if " + reg(cls, dst) + " " + operator + " " + right + " goto " + target);
  }

  @Override
  public void visitCallInsn(int helper) {
    line("call " + BpfSyntax.helperName(helper));
  }

  @Override
  public void visitExitInsn() {
    line("exit");
  }

  @Override
  public void visitLoadInsn(int opcode, int dst, int src, int off) {
    String t = ((opcode & 0xe0) == BPF_MEMSX ? "s" : "u") + BpfSyntax.bits(opcode & 0x18);
    line("r" + dst + " = " + mem(t, src, off));
  }

  @Override
  public void visitStoreInsn(int opcode, int dst, int src, int off, int imm) {
    String right = (opcode & 7) == BPF_STX ? "r" + src : Integer.toString(imm);
    line(mem("u" + BpfSyntax.bits(opcode & 0x18), dst, off) + " = " + right);
  }

  @Override
  public void visitAtomicInsn(int opcode, int dst, int src, int off, int imm) {
    String name = BpfSyntax.atomicName(imm);
    if (name == null) {
      throw new IllegalArgumentException("unknown atomic operation " + imm);
    }
    line("lock " + name + " " + mem("u" + BpfSyntax.bits(opcode & 0x18), dst, off) + ", r" + src);
  }

  @Override
  public void visitLdImm64Insn(int dst, int pseudo, long imm) {
    if (pseudo == BPF_PSEUDO_MAP_FD) {
      line("r" + dst + " = map[" + imm + "] ll");
    } else if (pseudo == 0) {
      line("r" + dst + " = " + imm + " ll");
    } else {
      throw new IllegalArgumentException("unsupported ld_imm64 pseudo source " + pseudo);
    }
  }

  @Override
  public void visitLabel(Label label) {
    out.append(label).append(":\n");
  }

  @Override
  public String toString() {
    return out.toString();
  }
}

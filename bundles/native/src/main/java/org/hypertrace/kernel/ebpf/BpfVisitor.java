package org.hypertrace.kernel.ebpf;

/**
 * Visits an eBPF instruction stream, one method per operand format (as ASM's {@code MethodVisitor}
 * and dt_dis.c's per-format printers): the assembler, the disassembler and the reader's clients
 * all implement or drive it. Opcodes are full opcode bytes built from {@link Opcodes}.
 */
public abstract class BpfVisitor implements Opcodes {
  /** ALU or ALU64 (class | op | source): {@code dst op= src} or {@code dst op= imm}; NEG, END. */
  public abstract void visitAluInsn(int opcode, int dst, int src, int imm);

  /** JMP or JMP32 conditional or BPF_JA to a label; src or imm is the right operand. */
  public abstract void visitJumpInsn(int opcode, int dst, int src, int imm, Label target);

  /** BPF_JMP | BPF_CALL of a helper id. */
  public abstract void visitCallInsn(int helper);

  /** BPF_JMP | BPF_EXIT. */
  public abstract void visitExitInsn();

  /** LDX | size | MEM (or MEMSX): {@code dst = *(size *)(src + off)}. */
  public abstract void visitLoadInsn(int opcode, int dst, int src, int off);

  /** ST | size | MEM ({@code *(dst + off) = imm}) or STX | size | MEM ({@code = src}). */
  public abstract void visitStoreInsn(int opcode, int dst, int src, int off, int imm);

  /** STX | size | ATOMIC: imm is the atomic operation (BPF_ADD, BPF_ADD | BPF_FETCH ...). */
  public abstract void visitAtomicInsn(int opcode, int dst, int src, int off, int imm);

  /** LD | IMM | DW (two slots): {@code dst = imm}, or a map fd when pseudo is BPF_PSEUDO_MAP_FD. */
  public abstract void visitLdImm64Insn(int dst, int pseudo, long imm);

  /** Places a label at the next instruction. */
  public abstract void visitLabel(Label label);

  /** End of the stream. */
  public void visitEnd() {}
}

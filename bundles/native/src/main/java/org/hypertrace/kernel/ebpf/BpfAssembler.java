package org.hypertrace.kernel.ebpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes eBPF instructions as the kernel loads them (8 bytes each, little-endian): the
 * {@code ClassWriter} of this instruction set. Jumps to labels are resolved in a second pass once
 * every label is placed (as dt_as.c resolves DIF branch labels). Convenience methods below the
 * visitor methods spell the common instructions ({@link #mov}, {@link #ldx}, {@link #jeq} ...), so
 * kernel programs read like assembly listings.
 */
public class BpfAssembler extends BpfVisitor {
  private long[] slots = new long[64];
  private int count;
  private final List<Object[]> fixups = new ArrayList<>();

  // ---------------------------------------------------------------- encoding

  private static long encode(int opcode, int dst, int src, int off, int imm) {
    return (opcode & 0xffL) | (long) (dst & 0xf) << 8 | (long) (src & 0xf) << 12
        | (long) (off & 0xffff) << 16 | (imm & 0xffffffffL) << 32;
  }

  private void emit(long insn) {
    if (count == slots.length) {
      slots = Arrays.copyOf(slots, count * 2);
    }
    slots[count++] = insn;
  }

  private static void checkReg(int r) {
    if (r < 0 || r > 10) {
      throw new IllegalArgumentException("no register r" + r + " (r0..r10)");
    }
  }

  @Override
  public void visitAluInsn(int opcode, int dst, int src, int imm) {
    checkReg(dst);
    checkReg(src);
    emit(encode(opcode, dst, src, 0, imm));
  }

  @Override
  public void visitJumpInsn(int opcode, int dst, int src, int imm, Label target) {
    checkReg(dst);
    checkReg(src);
    fixups.add(new Object[] {count, target});
    emit(encode(opcode, dst, src, 0, imm));
  }

  @Override
  public void visitCallInsn(int helper) {
    emit(encode(BPF_JMP | BPF_CALL, 0, 0, 0, helper));
  }

  @Override
  public void visitExitInsn() {
    emit(encode(BPF_JMP | BPF_EXIT, 0, 0, 0, 0));
  }

  @Override
  public void visitLoadInsn(int opcode, int dst, int src, int off) {
    checkReg(dst);
    checkReg(src);
    emit(encode(opcode, dst, src, off, 0));
  }

  @Override
  public void visitStoreInsn(int opcode, int dst, int src, int off, int imm) {
    checkReg(dst);
    checkReg(src);
    emit(encode(opcode, dst, src, off, imm));
  }

  @Override
  public void visitAtomicInsn(int opcode, int dst, int src, int off, int imm) {
    checkReg(dst);
    checkReg(src);
    emit(encode(opcode, dst, src, off, imm));
  }

  @Override
  public void visitLdImm64Insn(int dst, int pseudo, long imm) {
    checkReg(dst);
    emit(encode(BPF_LD | BPF_IMM | BPF_DW, dst, pseudo, 0, (int) imm));
    emit(encode(0, 0, 0, 0, (int) (imm >>> 32)));
  }

  @Override
  public void visitLabel(Label label) {
    if (label.position >= 0) {
      throw new IllegalStateException("label " + label + " placed twice");
    }
    label.position = count;
  }

  /** @return the number of 8-byte slots written so far */
  public int size() {
    return count;
  }

  /**
   * Resolves labels and returns the instructions.
   *
   * @return 8 bytes per slot, little-endian, ready for BPF_PROG_LOAD
   * @throws IllegalStateException for a jump to a label never placed, or out of 16-bit reach
   */
  public byte[] toByteArray() {
    long[] out = Arrays.copyOf(slots, count);
    for (Object[] f : fixups) {
      int at = (Integer) f[0];
      Label l = (Label) f[1];
      if (l.position < 0) {
        throw new IllegalStateException("jump at " + at + " to label " + l + " never placed");
      }
      int off = l.position - (at + 1);
      if (off < Short.MIN_VALUE || off > Short.MAX_VALUE) {
        throw new IllegalStateException("jump at " + at + " to " + l + " out of reach: " + off);
      }
      out[at] = (out[at] & ~(0xffffL << 16)) | (long) (off & 0xffff) << 16;
    }
    ByteBuffer b = ByteBuffer.allocate(count * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long insn : out) {
      b.putLong(insn);
    }
    return b.array();
  }

  // ---------------------------------------------------------------- convenience forms

  /** {@code dst = imm} (64-bit, sign-extended). */
  public BpfAssembler mov(int dst, int imm) {
    visitAluInsn(BPF_ALU64 | BPF_MOV | BPF_K, dst, 0, imm);
    return this;
  }

  /** {@code dst = src} (64-bit). */
  public BpfAssembler movReg(int dst, int src) {
    visitAluInsn(BPF_ALU64 | BPF_MOV | BPF_X, dst, src, 0);
    return this;
  }

  /** 64-bit {@code dst op= imm} with op a BPF_* ALU operation. */
  public BpfAssembler alu(int op, int dst, int imm) {
    visitAluInsn(BPF_ALU64 | op | BPF_K, dst, 0, imm);
    return this;
  }

  /** 64-bit {@code dst op= src}. */
  public BpfAssembler aluReg(int op, int dst, int src) {
    visitAluInsn(BPF_ALU64 | op | BPF_X, dst, src, 0);
    return this;
  }

  /** {@code dst = imm64}. */
  public BpfAssembler ldImm64(int dst, long imm) {
    visitLdImm64Insn(dst, 0, imm);
    return this;
  }

  /** {@code dst = map fd} for helper calls. */
  public BpfAssembler ldMap(int dst, int mapFd) {
    visitLdImm64Insn(dst, BPF_PSEUDO_MAP_FD, mapFd);
    return this;
  }

  /** {@code dst = *(size *)(src + off)}, size BPF_B/H/W/DW. */
  public BpfAssembler ldx(int size, int dst, int src, int off) {
    visitLoadInsn(BPF_LDX | size | BPF_MEM, dst, src, off);
    return this;
  }

  /** {@code *(size *)(dst + off) = src}. */
  public BpfAssembler stx(int size, int dst, int off, int src) {
    visitStoreInsn(BPF_STX | size | BPF_MEM, dst, src, off, 0);
    return this;
  }

  /** {@code *(size *)(dst + off) = imm}. */
  public BpfAssembler st(int size, int dst, int off, int imm) {
    visitStoreInsn(BPF_ST | size | BPF_MEM, dst, 0, off, imm);
    return this;
  }

  /** {@code lock *(u64 *)(dst + off) += src}. */
  public BpfAssembler atomicAdd64(int dst, int off, int src) {
    visitAtomicInsn(BPF_STX | BPF_DW | BPF_ATOMIC, dst, src, off, BPF_ADD);
    return this;
  }

  /** {@code if dst op imm goto target} (64-bit compare), op a BPF_J* operation. */
  public BpfAssembler jmp(int op, int dst, int imm, Label target) {
    visitJumpInsn(BPF_JMP | op | BPF_K, dst, 0, imm, target);
    return this;
  }

  /** {@code if dst op src goto target}. */
  public BpfAssembler jmpReg(int op, int dst, int src, Label target) {
    visitJumpInsn(BPF_JMP | op | BPF_X, dst, src, 0, target);
    return this;
  }

  /** {@code if dst == imm goto target}. */
  public BpfAssembler jeq(int dst, int imm, Label target) {
    return jmp(BPF_JEQ, dst, imm, target);
  }

  /** {@code goto target}. */
  public BpfAssembler ja(Label target) {
    visitJumpInsn(BPF_JMP | BPF_JA, 0, 0, 0, target);
    return this;
  }

  /** {@code call helper}. */
  public BpfAssembler call(int helper) {
    visitCallInsn(helper);
    return this;
  }

  /** {@code exit}. */
  public BpfAssembler exit() {
    visitExitInsn();
    return this;
  }

  /** Places a label here. */
  public BpfAssembler label(Label l) {
    visitLabel(l);
    return this;
  }
}

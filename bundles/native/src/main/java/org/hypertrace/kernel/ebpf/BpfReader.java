package org.hypertrace.kernel.ebpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.TreeMap;

/**
 * Reads loadable eBPF bytes and replays them into a {@link BpfVisitor}: the {@code ClassReader} of
 * this instruction set. A first pass finds jump targets and names them L0, L1 ... in address
 * order, so that reader, disassembler and text parser round-trip.
 */
public final class BpfReader implements Opcodes {
  private final long[] insns;

  /** @param code instructions, 8 bytes each, little-endian */
  public BpfReader(byte[] code) {
    if (code.length % 8 != 0) {
      throw new IllegalArgumentException("eBPF code length " + code.length
          + " is not a multiple of 8");
    }
    ByteBuffer b = ByteBuffer.wrap(code).order(ByteOrder.LITTLE_ENDIAN);
    insns = new long[code.length / 8];
    for (int i = 0; i < insns.length; i++) {
      insns[i] = b.getLong();
    }
  }

  private static int opcode(long i) {
    return (int) (i & 0xff);
  }

  private static int dst(long i) {
    return (int) (i >>> 8) & 0xf;
  }

  private static int src(long i) {
    return (int) (i >>> 12) & 0xf;
  }

  private static int off(long i) {
    return (short) (i >>> 16);
  }

  private static int imm(long i) {
    return (int) (i >>> 32);
  }

  private static boolean isJump(int op) {
    int cls = op & 7;
    int code = op & 0xf0;
    return (cls == BPF_JMP || cls == BPF_JMP32) && code != BPF_CALL && code != BPF_EXIT;
  }

  /** Replays the instructions into v, labels first at their targets. */
  public void accept(BpfVisitor v) {
    TreeMap<Integer, Label> labels = new TreeMap<>();
    for (int i = 0; i < insns.length; i++) {
      int op = opcode(insns[i]);
      if (op == (BPF_LD | BPF_IMM | BPF_DW)) {
        i++;
      } else if (isJump(op)) {
        int t = i + 1 + off(insns[i]);
        if (t < 0 || t > insns.length) {
          throw new IllegalArgumentException("jump at " + i + " leaves the program: target " + t);
        }
        labels.put(t, null);
      }
    }
    int n = 0;
    for (Integer t : labels.keySet()) {
      labels.put(t, new Label("L" + n++));
    }
    for (int i = 0; i < insns.length; i++) {
      Label here = labels.get(i);
      if (here != null) {
        v.visitLabel(here);
      }
      i = visitInsn(v, i, labels);
    }
    Label end = labels.get(insns.length);
    if (end != null) {
      v.visitLabel(end);
    }
    v.visitEnd();
  }

  private int visitInsn(BpfVisitor v, int i, TreeMap<Integer, Label> labels) {
    long in = insns[i];
    int op = opcode(in);
    switch (op & 7) {
      case BPF_ALU:
      case BPF_ALU64:
        v.visitAluInsn(op, dst(in), src(in), imm(in));
        return i;
      case BPF_JMP:
      case BPF_JMP32:
        if ((op & 0xf0) == BPF_CALL) {
          v.visitCallInsn(imm(in));
        } else if ((op & 0xf0) == BPF_EXIT) {
          v.visitExitInsn();
        } else {
          v.visitJumpInsn(op, dst(in), src(in), imm(in), labels.get(i + 1 + off(in)));
        }
        return i;
      case BPF_LDX:
        v.visitLoadInsn(op, dst(in), src(in), off(in));
        return i;
      case BPF_ST:
        v.visitStoreInsn(op, dst(in), src(in), off(in), imm(in));
        return i;
      case BPF_STX:
        if ((op & 0xe0) == BPF_ATOMIC) {
          v.visitAtomicInsn(op, dst(in), src(in), off(in), imm(in));
        } else {
          v.visitStoreInsn(op, dst(in), src(in), off(in), imm(in));
        }
        return i;
      default:
        if (op != (BPF_LD | BPF_IMM | BPF_DW) || i + 1 >= insns.length) {
          throw new IllegalArgumentException(String.format(
              "unsupported eBPF opcode 0x%02x at instruction %d", op, i));
        }
        long hi = insns[i + 1];
        v.visitLdImm64Insn(dst(in), src(in), (imm(in) & 0xffffffffL) | (long) imm(hi) << 32);
        return i + 1;
    }
  }
}

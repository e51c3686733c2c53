package org.hypertrace.kernel.ebpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fragment of a kernel program assembled ahead of time (kernel-modules/*.s, see
 * {@link BpfTemplateParser}), with what only load time knows left open: the eBPF relocatable
 * object of this project, after an ELF .o's text with its relocations. It holds
 * <ul>
 *   <li>the instructions, assembled with every hole 0 and every splice empty (so they
 *       disassemble as they are);</li>
 *   <li>holes: instruction fields (imm, off, or a ld_imm64 pair) filled with a named value plus
 *       an addend, e.g. a map fd, a probe id, a task_struct member offset;</li>
 *   <li>marks, in text order: labels and splice points where the loader inserts generated code
 *       (a guard, the memory captures) or another fragment, handing it labels of this one;</li>
 *   <li>jumps by label name, so that inserted code moves their targets correctly.</li>
 * </ul>
 * {@link #emit} replays it into an assembler: the loader's link step.
 *
 * @param name   fragment name
 * @param params labels the caller passes in (a guard's "skip"), by name
 * @param code   instructions, 8 bytes each, little-endian
 * @param holes  fields to fill
 * @param marks  labels and splices, in text order
 * @param jumps  the target of every jump instruction
 */
public record BpfTemplate(String name, List<String> params, byte[] code, List<Hole> holes,
    List<Mark> marks, List<Jump> jumps) {
  /** {@link Hole#field}: the 32-bit immediate. */
  public static final int FIELD_IMM = 0;
  /** {@link Hole#field}: the 16-bit memory offset. */
  public static final int FIELD_OFF = 1;
  /** {@link Hole#field}: the 64-bit immediate of a two-slot ld_imm64 (a map fd too). */
  public static final int FIELD_IMM64 = 2;

  /**
   * @param insn   instruction slot
   * @param field  {@link #FIELD_IMM}, {@link #FIELD_OFF} or {@link #FIELD_IMM64}
   * @param name   the value's name
   * @param addend added to the value
   */
  public record Hole(int insn, int field, String name, long addend) {}

  /**
   * @param insn   instruction slot before which the mark stands
   * @param splice a splice point (else a label)
   * @param name   label or splice name
   * @param args   labels handed to the splice
   */
  public record Mark(int insn, boolean splice, String name, List<String> args) {}

  /**
   * @param insn  slot of a jump instruction
   * @param label its target
   */
  public record Jump(int insn, String label) {}

  /** Code inserted at a splice point. */
  @FunctionalInterface
  public interface Splice {
    /**
     * @param a      the assembler, positioned at the splice point
     * @param labels the labels the splice point names, in order
     */
    void emit(BpfAssembler a, Label[] labels);
  }

  /** Copies the arrays and lists so the record stays immutable. */
  public BpfTemplate {
    params = List.copyOf(params);
    code = code.clone();
    holes = List.copyOf(holes);
    marks = List.copyOf(marks);
    jumps = List.copyOf(jumps);
  }

  @Override
  public byte[] code() {
    return code.clone();
  }

  /**
   * Appends the fragment to a, holes filled from values and splice points from splices.
   *
   * @param values  hole values by name
   * @param splices code for every splice point, by name
   * @param args    labels for {@link #params}, in order
   * @throws IllegalArgumentException for a missing value or splice, or a value out of its field
   */
  public void emit(BpfAssembler a, Map<String, Long> values, Map<String, Splice> splices,
      Label... args) {
    if (args.length != params.size()) {
      throw new IllegalArgumentException(name + ": takes " + params.size() + " labels, not "
          + args.length);
    }
    Map<String, Label> labels = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      labels.put(params.get(i), args[i]);
    }
    new BpfReader(fill(values)).accept(new Linker(a, labels, splices));
  }

  /** @return the code with every hole filled */
  private byte[] fill(Map<String, Long> values) {
    ByteBuffer b = ByteBuffer.wrap(code.clone()).order(ByteOrder.LITTLE_ENDIAN);
    for (Hole h : holes) {
      Long v = values.get(h.name);
      if (v == null) {
        throw new IllegalArgumentException(name + ": no value for ${" + h.name + "}");
      }
      long x = v + h.addend;
      int at = 8 * h.insn;
      if (h.field == FIELD_OFF) {
        if (x < Short.MIN_VALUE || x > Short.MAX_VALUE) {
          throw new IllegalArgumentException(name + ": ${" + h.name + "} = " + x
              + " does not fit a 16-bit offset");
        }
        b.putShort(at + 2, (short) x);
      } else if (h.field == FIELD_IMM) {
        if (x < Integer.MIN_VALUE || x > 0xffffffffL) {
          throw new IllegalArgumentException(name + ": ${" + h.name + "} = " + x
              + " does not fit a 32-bit immediate");
        }
        b.putInt(at + 4, (int) x);
      } else {
        b.putInt(at + 4, (int) x);
        b.putInt(at + 12, (int) (x >>> 32));
      }
    }
    return b.array();
  }

  /** Replays the reader's events, placing this fragment's labels and splices by the marks. */
  private final class Linker extends BpfVisitor {
    private final BpfAssembler a;
    private final Map<String, Label> labels;
    private final Map<String, Splice> splices;
    private final Map<Integer, String> targets = new HashMap<>();
    private int insn;
    private int mark;

    Linker(BpfAssembler a, Map<String, Label> labels, Map<String, Splice> splices) {
      this.a = a;
      this.labels = labels;
      this.splices = splices;
      for (Jump j : jumps) {
        targets.put(j.insn, j.label);
      }
    }

    private Label label(String n) {
      return labels.computeIfAbsent(n, Label::new);
    }

    /** Places the marks standing before the current slot, then advances by slots. */
    private void at(int slots) {
      while (mark < marks.size() && marks.get(mark).insn <= insn) {
        Mark m = marks.get(mark++);
        if (!m.splice) {
          a.label(label(m.name));
          continue;
        }
        Splice s = splices.get(m.name);
        if (s == null) {
          throw new IllegalArgumentException(name + ": nothing for splice point " + m.name);
        }
        Label[] ls = new Label[m.args.size()];
        for (int i = 0; i < ls.length; i++) {
          ls[i] = label(m.args.get(i));
        }
        s.emit(a, ls);
      }
      insn += slots;
    }

    @Override
    public void visitAluInsn(int opcode, int dst, int src, int imm) {
      at(1);
      a.visitAluInsn(opcode, dst, src, imm);
    }

    @Override
    public void visitJumpInsn(int opcode, int dst, int src, int imm, Label target) {
      String t = targets.get(insn);
      at(1);
      a.visitJumpInsn(opcode, dst, src, imm, label(t));
    }

    @Override
    public void visitCallInsn(int helper) {
      at(1);
      a.visitCallInsn(helper);
    }

    @Override
    public void visitExitInsn() {
      at(1);
      a.visitExitInsn();
    }

    @Override
    public void visitLoadInsn(int opcode, int dst, int src, int off) {
      at(1);
      a.visitLoadInsn(opcode, dst, src, off);
    }

    @Override
    public void visitStoreInsn(int opcode, int dst, int src, int off, int imm) {
      at(1);
      a.visitStoreInsn(opcode, dst, src, off, imm);
    }

    @Override
    public void visitAtomicInsn(int opcode, int dst, int src, int off, int imm) {
      at(1);
      a.visitAtomicInsn(opcode, dst, src, off, imm);
    }

    @Override
    public void visitLdImm64Insn(int dst, int pseudo, long imm) {
      at(2);
      a.visitLdImm64Insn(dst, pseudo, imm);
    }

    @Override
    public void visitLabel(Label label) {
      // the fragment's own labels come from its marks, by name
    }

    @Override
    public void visitEnd() {
      at(0);
    }
  }
}

package org.hypertrace.kernel.ebpf;

/**
 * A position in an instruction stream, target of jumps: like ASM's {@code Label}, bound by
 * {@link BpfVisitor#visitLabel} and resolved by the assembler once every label is placed.
 */
public final class Label {
  /** Instruction slot index once placed, -1 before. */
  int position = -1;
  /** Name given by the text form, or null. */
  final String name;

  public Label() {
    this(null);
  }

  /** @param name name for listings (the text assembler's label) */
  public Label(String name) {
    this.name = name;
  }

  /** @return the slot index, -1 when not yet placed */
  public int position() {
    return position;
  }

  @Override
  public String toString() {
    return name != null ? name : "L@" + position;
  }
}

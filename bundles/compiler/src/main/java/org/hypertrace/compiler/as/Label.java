package org.hypertrace.compiler.as;

/**
 * A branch target: port of libdtrace's IR labels ({@code dt_irlist_label}). DIF branches only go
 * forward; the assembler binds a label when it is placed and patches the branches that used it
 * in its second pass, as dt_as does.
 */
public final class Label {
  int offset = -1;

  /** @return the instruction index the label is bound to, or -1. */
  public int offset() {
    return offset;
  }
}

package org.hypertrace.linker.dif;

/**
 * A DIF object the linker cannot read or rewrite: an unknown opcode, a relocation naming an
 * instruction that is not its site, a malformed typecast window. The message names the DIF offset.
 */
public final class DifFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** DIF offset (instruction index) at fault. */
  private final int offset;

  /**
   * @param offset DIF offset at fault
   * @param detail what is wrong
   */
  public DifFormatException(int offset, String detail) {
    super("DIF offset " + offset + ": " + detail);
    this.offset = offset;
  }

  /** @return the DIF offset at fault */
  public int offset() {
    return offset;
  }
}

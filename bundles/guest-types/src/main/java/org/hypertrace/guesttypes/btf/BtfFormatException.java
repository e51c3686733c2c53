package org.hypertrace.guesttypes.btf;

/**
 * Malformed BTF or vmlinux data. The message names the field at fault ("btf_header.magic",
 * "type[17].name_off", "type[17].members[2].type", ...), as ASM's {@code InvalidClass} corpus
 * expects of every reader.
 */
public final class BtfFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** the field at fault. */
  private final String field;

  /**
   * @param field  the field at fault
   * @param detail what is wrong with it
   */
  public BtfFormatException(String field, String detail) {
    super("bad BTF: " + field + ": " + detail);
    this.field = field;
  }

  /** @return the field at fault */
  public String field() {
    return field;
  }
}

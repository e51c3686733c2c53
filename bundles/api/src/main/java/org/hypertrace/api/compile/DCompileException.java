package org.hypertrace.api.compile;

/**
 * A D compile error: the first error the compiler met (it never resynchronises). Port of the
 * error state libdtrace keeps in {@code dt_pcb_t} and prints through {@code dt_set_errmsg}.
 *
 * <p>{@link #getMessage()} is {@code "line N: message"} (without the line part when the line is
 * unknown); {@link #format(boolean)} adds {@code "[D_TAG] "} in front as {@code -xerrtags} does.
 * The {@code dtrace: failed to compile script X: } prefix belongs to the command line.
 */
public class DCompileException extends Exception {
  private static final long serialVersionUID = 1L;
  private final DErrorTag tag;
  private final String file;
  private final int line;
  private final String text;

  /**
   * @param tag  the D_* tag
   * @param file the source file name, or null for a probe specifier or string
   * @param line the line, 0 when unknown
   * @param text the message without location
   */
  public DCompileException(DErrorTag tag, String file, int line, String text) {
    super(line > 0 ? "line " + line + ": " + text : text);
    this.tag = tag;
    this.file = file;
    this.line = line;
    this.text = text;
  }

  /** @return the D_* tag. */
  public DErrorTag tag() {
    return tag;
  }

  /** @return the source file name, or null. */
  public String file() {
    return file;
  }

  /** @return the line number, 0 when unknown. */
  public int line() {
    return line;
  }

  /** @return the message without tag or location. */
  public String text() {
    return text;
  }

  /**
   * @param errtags whether {@code -xerrtags} is on
   * @return the message as dtrace(1) prints it after its prefix
   */
  public String format(boolean errtags) {
    return errtags ? "[" + tag.name() + "] " + getMessage() : getMessage();
  }
}

package org.hypertrace.compiler.lex;

import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DErrorTag;

/**
 * The error side of libdtrace's parser control block ({@code dt_pcb_t}): the file tag, whether
 * messages carry line numbers (only when compiling a file, as {@code pcb_fileptr} decides), the
 * current region label ({@code yylabel}) and the helpers that build {@code dt_set_errmsg}'s text
 * and throw at the first error ({@code xyerror}, {@code dnerror}, {@code yyerror}).
 */
public final class Pcb {
  private final String file;
  private final boolean fromFile;
  private String region;

  /**
   * @param file     the script name for messages, or null
   * @param fromFile true when the source is a file ({@code -s}): messages then carry lines
   */
  public Pcb(String file, boolean fromFile) {
    this.file = file;
    this.fromFile = fromFile;
  }

  /** Sets the region label ({@code yylabel}), shown when no line is known. */
  public void label(String r) {
    region = r;
  }

  /**
   * Throws the compile error {@code tag} at {@code line} (xyerror/dnerror).
   *
   * @param fmt a {@link String#format} pattern; a trailing newline is removed as dt_set_errmsg does
   */
  public DCompileException error(DErrorTag tag, int line, String fmt, Object... args)
      throws DCompileException {
    throw build(tag, line, args.length == 0 ? fmt : String.format(fmt, args));
  }

  /** @return the exception for {@code tag} without throwing it. */
  public DCompileException build(DErrorTag tag, int line, String msg) {
    int nl = msg.lastIndexOf('\n');
    if (nl >= 0) {
      msg = msg.substring(0, nl) + msg.substring(nl + 1);
    }
    int shown = fromFile ? line : 0;
    if (shown == 0 && region != null) {
      msg = "in " + region + ": " + msg;
    }
    return new DCompileException(tag, file, shown, msg);
  }

  /**
   * Throws a D_SYNTAX error as yyerror does: a message without newline gets
   * {@code near "tok"} appended ({@code near end of input} at EOF).
   *
   * @param near the lexeme, or null at end of input
   */
  public DCompileException syntax(int line, String msg, String near) throws DCompileException {
    if (!msg.endsWith("\n")) {
      if (near == null || near.isEmpty()) {
        msg += " near end of input";
      } else if (near.charAt(0) == '\n') {
        msg += " near end of line";
      } else {
        msg += " near \"" + near + "\"";
      }
    }
    throw build(DErrorTag.D_SYNTAX, line, msg);
  }
}

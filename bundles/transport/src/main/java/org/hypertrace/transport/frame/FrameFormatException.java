package org.hypertrace.transport.frame;

import java.io.IOException;

/**
 * A frame or message that does not follow the format. The message names the offending field, so
 * that a log line says what a peer got wrong ({@code magic}, {@code version}, {@code kind},
 * {@code length}, {@code payload}, or a message field).
 */
public class FrameFormatException extends IOException {
  private static final long serialVersionUID = 1L;
  private final String field;

  /**
   * @param field  the offending field
   * @param detail what is wrong with it
   */
  public FrameFormatException(String field, String detail) {
    super(field + ": " + detail);
    this.field = field;
  }

  /** @return the offending field */
  public String field() {
    return field;
  }
}

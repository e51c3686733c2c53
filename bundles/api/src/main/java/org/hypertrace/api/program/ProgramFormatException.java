package org.hypertrace.api.program;

/** A malformed program container; the message names the section and field at fault. */
public class ProgramFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong, naming the field */
  public ProgramFormatException(String message) {
    super(message);
  }
}

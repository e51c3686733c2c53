package org.hypertrace.dtraced.remote;

/** Bytes from a minion that are not firing records; the message names the field. */
public final class FiringFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong */
  public FiringFormatException(String message) {
    super(message);
  }
}

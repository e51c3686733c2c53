package org.hypertrace.dtraced.sub.proto;

/** A malformed sub.sock message; the message names the field at fault. */
public final class SubProtocolException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong, naming the field */
  public SubProtocolException(String message) {
    super(message);
  }
}

package org.hypertrace.dtraced.spool;

/** Why a base directory cannot be claimed, as one line. */
public final class BaseDirectoryException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param message the one-line reason */
  public BaseDirectoryException(String message) {
    super(message);
  }
}

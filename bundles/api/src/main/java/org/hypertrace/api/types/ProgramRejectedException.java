package org.hypertrace.api.types;

/**
 * A relocated program that differs from its base anywhere but at relocation sites (and appended
 * integer-table entries). The message names the statement, the action (or predicate) and the DIF
 * offset of the first difference. Rejections are security events.
 */
public class ProgramRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param message the first difference found, and where */
  public ProgramRejectedException(String message) {
    super(message);
  }
}

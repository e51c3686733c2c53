package org.hypertrace.shell.upgrade;

/** Why an upgrade was refused or failed, as one line. */
public final class UpgradeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param message the one-line reason */
  public UpgradeException(String message) {
    super(message);
  }
}

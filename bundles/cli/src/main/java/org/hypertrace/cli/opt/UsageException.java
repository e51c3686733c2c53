package org.hypertrace.cli.opt;

/**
 * A command line dtrace(1) rejects before doing anything: the message (may be null when only the
 * usage text is due) is printed, then the usage text, and the exit status is 2.
 */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean withUsage;

  /** @param message the one-line message without newline, or null */
  public UsageException(String message) {
    this(message, true);
  }

  /**
   * @param message   the one-line message without newline, or null
   * @param withUsage whether the usage text follows the message
   */
  public UsageException(String message, boolean withUsage) {
    super(message, null, false, false);
    this.withUsage = withUsage;
  }

  /** @return whether the usage text follows the message */
  public boolean withUsage() {
    return withUsage;
  }
}

package org.hypertrace.cli;

/**
 * A failure dtrace(1) reports in one line on standard error before exiting: dtrace.c's
 * {@code fatal()}/{@code dfatal()}. The message excludes the {@code dtrace: } prefix.
 */
final class CliException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int status;

  /**
   * @param message the line after {@code dtrace: }, without newline
   * @param status  the exit status (1 failure, 2 usage)
   */
  CliException(String message, int status) {
    super(message, null, false, false);
    this.status = status;
  }

  /** @param message the line after {@code dtrace: }; exit status 1 */
  CliException(String message) {
    this(message, DTraceCommand.E_ERROR);
  }

  /** @return the exit status */
  int status() {
    return status;
  }
}

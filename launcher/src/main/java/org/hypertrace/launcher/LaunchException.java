package org.hypertrace.launcher;

/** Why the launcher cannot start, as one line. */
final class LaunchException extends Exception {
  private static final long serialVersionUID = 1L;

  LaunchException(String message) {
    super(message);
  }
}

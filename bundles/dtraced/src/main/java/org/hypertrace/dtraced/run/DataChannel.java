package org.hypertrace.dtraced.run;

/**
 * The first byte of a DATA payload on sub.sock: which stream of the consumer the rest goes to.
 * {@link #EXIT} carries the trace's exit status as a big-endian int.
 */
public final class DataChannel {
  private DataChannel() {}

  /** Text for the consumer's standard output. */
  public static final int STDOUT = 1;
  /** Text for the consumer's standard error. */
  public static final int STDERR = 2;
  /** The trace ended; four bytes of exit status follow. */
  public static final int EXIT = 3;
}

package org.hypertrace.dtraced.minion;

import java.util.List;

/**
 * What a minion does with a program it received: the seam where the engine plugs in. The minion
 * calls {@link #start} once per identity ever ({@code resumed = false}) and again after each of
 * its own restarts while the program is still active ({@code resumed = true}); {@link #stop} when
 * the program ends. Calls come from the minion's receive thread: return quickly.
 */
public interface ProgramRunner {
  /** Where a running program sends its records (DATA going up to the overlord). */
  interface DataSink {
    /**
     * @param identity the program
     * @param bytes    the records (opaque to the transport)
     * @return false when the record was dropped (queue full or overlord away); it is counted
     */
    boolean emit(String identity, byte[] bytes);
  }

  /**
   * A program as the minion holds it.
   *
   * @param identity the program identity
   * @param targets  target globs it was published with
   * @param program  the program bytes (ELF container)
   */
  record Program(String identity, List<String> targets, byte[] program) {}

  /**
   * @param p       the program
   * @param resumed true when the minion restarted and the program was already applied before
   * @param sink    where its records go
   */
  void start(Program p, boolean resumed, DataSink sink);

  /** @param identity a program to stop (no-op when unknown) */
  void stop(String identity);

  /** Stops everything (the minion is stopping; programs stay in the spool). */
  void close();
}

package org.hypertrace.api.engine;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A running enabling of one program: port of the life of a {@code dtrace_hdl_t} from
 * {@code dtrace_go} to {@code dtrace_stop}.
 */
@ProviderType
public interface TraceSession extends AutoCloseable {
  /**
   * HyperTrace option (a key of {@link DTraceEngine#open}'s options): the program keeps its
   * relocation sites and each target's relocated version is added with {@link #link}.
   */
  String OPTION_PER_TARGET = "hypertrace.pertarget";

  /**
   * HyperTrace option: the host's node name, which {@code vmname} gives for firings of the host
   * itself (its END, ERROR and ticks), as the host's node firings carry it.
   */
  String OPTION_NODE_NAME = "hypertrace.nodename";

  /** Enables the probes and fires BEGIN. */
  void go();

  /**
   * Ends tracing as dtrace does on SIGINT or {@code exit()}: fires END, prints aggregations,
   * disables every probe. Idempotent.
   */
  void stop();

  /**
   * Waits until the program calls {@code exit()} or {@link #stop()} completes.
   *
   * @param millis how long to wait at most, 0 for ever
   * @return true if the session has ended
   * @throws InterruptedException if interrupted
   */
  boolean awaitEnd(long millis) throws InterruptedException;

  /** @return the exit status: the value passed to {@code exit()}, 1 on error, 0 otherwise. */
  int exitStatus();

  /** @return counters of this session. */
  TraceStats stats();

  /** Same as {@link #stop()}. */
  @Override
  void close();

  /**
   * HyperTrace: runs, for the firings of one target ({@link
   * org.hypertrace.api.provider.ProbeContext#vmname}), that target's relocated version of the
   * program this session was opened with (same statements, actions and variables; DIF that the
   * target's linker resolved and the host verified). Firings of a target without a relocated
   * program run the program as opened; its unresolved relocation sites fault.
   *
   * @param target    the node name firings of that target carry as vmname
   * @param relocated the program relocated for that target
   * @throws IllegalArgumentException if {@code relocated} does not have the program's shape or
   *     fails validation; the message names statement and action
   */
  default void link(String target, org.hypertrace.api.program.DProgram relocated) {
    throw new UnsupportedOperationException("per-target programs");
  }
}

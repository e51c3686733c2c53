package org.hypertrace.cli;

import java.time.Instant;

/**
 * Start-up measurement for {@code scripts/dtrace}: with {@code DTRACE_TIMING} set, reports on
 * standard error how long after the wrapper's exec a point was reached. The wrapper exports its
 * start as {@code DTRACE_EXEC_T0} (bash's {@code EPOCHREALTIME}, seconds with microseconds);
 * without it the process start time is used.
 */
final class Timing {
  private Timing() {}

  static void report(String what, StreamOutput console) {
    if (System.getenv("DTRACE_TIMING") == null) {
      return;
    }
    double now = System.currentTimeMillis() / 1000.0;
    double t0;
    String env = System.getenv("DTRACE_EXEC_T0");
    try {
      t0 = env != null ? Double.parseDouble(env.replace(',', '.')) : start();
    } catch (NumberFormatException e) {
      t0 = start();
    }
    console.err(String.format("dtrace: timing: %s %.1f ms after exec%n", what,
        (now - t0) * 1000).replace(System.lineSeparator(), "\n"));
  }

  private static double start() {
    return ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
        .orElse(System.currentTimeMillis()) / 1000.0;
  }
}

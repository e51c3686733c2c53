package org.hypertrace.dtraced.log;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One-line log records on the daemon's standard error (the launcher sends it to the log file).
 * JUL's default format takes two lines per record; operators grep one.
 */
public final class DaemonLog {
  private static final PrintStream ERR = System.err;

  private DaemonLog() {}

  /** @param msg one line */
  public static void info(String msg) {
    log("INFO", msg);
  }

  /** @param msg one line */
  public static void warn(String msg) {
    log("WARN", msg);
  }

  /** @param msg one line */
  public static void error(String msg) {
    log("ERROR", msg);
  }

  private static void log(String level, String msg) {
    ERR.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " dtraced " + level + ": " + msg);
    ERR.flush();
  }
}

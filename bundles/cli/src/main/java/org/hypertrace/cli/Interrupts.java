package org.hypertrace.cli;

import org.hypertrace.api.engine.TraceSession;

/**
 * SIGINT and SIGTERM during tracing, as dtrace.c's {@code intr()}: the first prints a newline and
 * ends tracing (END fires, aggregations print), a second one while that runs abandons the output
 * and exits at once.
 * Uses {@code sun.misc.Signal} where the JVM has it; otherwise a shutdown hook stops the session.
 */
final class Interrupts {
  private final TraceSession session;
  private final StreamOutput console;
  private Object oldInt;
  private Object oldTerm;
  private Thread hook;
  private int count;

  private Interrupts(TraceSession session, StreamOutput console) {
    this.session = session;
    this.console = console;
  }

  static Interrupts install(TraceSession session, StreamOutput console) {
    Interrupts i = new Interrupts(session, console);
    try {
      i.oldInt = sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> i.interrupted());
      i.oldTerm = sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> i.interrupted());
    } catch (IllegalArgumentException | LinkageError e) {
      i.hook = new Thread(session::stop, "dtrace-shutdown");
      Runtime.getRuntime().addShutdownHook(i.hook);
    }
    return i;
  }

  private synchronized void interrupted() {
    if (count++ > 0) {
      // impatient: the user pressed ^C twice
      console.flush();
      Runtime.getRuntime().halt(session.exitStatus());
    }
    // dtrace ends the line ^C left on the terminal, in quiet mode too, before END's output
    console.out("\n");
    Thread t = new Thread(session::stop, "dtrace-interrupt");
    t.setDaemon(true);
    t.start();
  }

  void uninstall() {
    try {
      if (oldInt != null) {
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), (sun.misc.SignalHandler) oldInt);
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), (sun.misc.SignalHandler) oldTerm);
      }
      if (hook != null) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    } catch (IllegalArgumentException | IllegalStateException | LinkageError e) {
      // the JVM is shutting down or the signal is taken: nothing to restore
      return;
    }
  }
}

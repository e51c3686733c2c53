package org.hypertrace.shell.remote;

/** Runs one command line for a client of the command socket. */
public interface CommandRunner {
  /** The outcome of one command. */
  record Result(int status, String output) {}

  /** A session: commands of one connection share variables. */
  interface Session extends AutoCloseable {
    /** @param line the command line @return status 0 (ok) or 1 (failed) and the output */
    Result execute(String line);

    @Override
    void close();
  }

  /** @return a new session for one connection */
  Session open();
}

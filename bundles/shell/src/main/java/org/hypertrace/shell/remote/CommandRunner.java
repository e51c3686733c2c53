package org.hypertrace.shell.remote;

import java.io.OutputStream;

/** Runs one command line for a client of the command socket. */
public interface CommandRunner {
  /** A session: commands of one connection share variables. */
  interface Session extends AutoCloseable {
    /**
     * @param line the command line
     * @param out  where the command's output goes, as it is produced
     * @return status 0 (ok) or 1 (failed)
     */
    int execute(String line, OutputStream out);

    @Override
    void close();
  }

  /** @return a new session for one connection */
  Session open();
}

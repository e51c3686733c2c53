package org.hypertrace.cli.conformance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Runs one dtrace(1) invocation of a test: in its own process or in a batch worker JVM. */
interface Runner extends AutoCloseable {
  /** Status reported for a run that overstayed its limit. */
  int TIMEOUT = -2;

  /**
   * @param dir       the test's folder (working directory)
   * @param args      dtrace's arguments
   * @param out       file for standard output
   * @param err       file for standard error
   * @param timeoutMs the limit
   * @return the exit status, or {@link #TIMEOUT}
   * @throws IOException if the run could not even start
   */
  int run(Path dir, List<String> args, Path out, Path err, long timeoutMs) throws IOException;

  @Override
  void close();
}

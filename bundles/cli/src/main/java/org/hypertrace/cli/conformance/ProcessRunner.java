package org.hypertrace.cli.conformance;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link Runner} that starts the dtrace command once per test, as dtest.pl does. */
final class ProcessRunner implements Runner {
  private final String dtrace;
  private final String classpath;

  /**
   * @param dtrace    path of the dtrace command
   * @param classpath the class path it runs on (scripts/dtrace's DTRACE_CP), or null for its own
   */
  ProcessRunner(String dtrace, String classpath) {
    this.dtrace = dtrace;
    this.classpath = classpath;
  }

  @Override
  public int run(Path dir, List<String> args, Path out, Path err, long timeoutMs)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(dtrace);
    cmd.addAll(args);
    return exec(cmd, dir, new File("/dev/null"), out, err, classpath, timeoutMs);
  }

  /**
   * Runs a command with its standard input from a file, its output into files, and the class
   * path for scripts/dtrace in its environment; kills it and its children at the limit.
   *
   * @return the exit status, or {@link Runner#TIMEOUT}
   */
  static int exec(List<String> cmd, Path dir, File in, Path out, Path err, String classpath,
      long timeoutMs) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectInput(in)
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    if (classpath != null) {
      pb.environment().put("DTRACE_CP", classpath);
    }
    Process p = pb.start();
    try {
      if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor();
        return TIMEOUT;
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      return TIMEOUT;
    }
  }

  @Override
  public void close() {
    // nothing stays running between tests
  }
}

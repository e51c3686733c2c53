package org.hypertrace.cli;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Many dtrace(1) runs in one JVM, for the conformance harness: each line on standard input is one
 * run, {@code DIR TAB OUT TAB ERR TAB TIMEOUT_MS TAB ARG...}; the run's standard output and error
 * go to the files OUT and ERR, relative paths resolve against DIR, and its exit status is
 * answered as one line {@code STATUS} on standard output.
 *
 * <p>Isolation: every run gets fresh services from the class path (new compiler and engine
 * instances) and its own streams; {@code System.out}/{@code System.err} are diverted so a stray
 * print of a service can never corrupt the answers. A run that overstays its limit is stopped like
 * SIGINT and fails; one that does not even stop then makes the harness replace this JVM.
 */
final class BatchRunner {
  private BatchRunner() {}

  static int main(String[] args) {
    PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
        StandardCharsets.UTF_8);
    PrintStream stray = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
        StandardCharsets.UTF_8);
    System.setOut(stray);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        answers.println(runOne(line.split("\t", -1)));
      }
    } catch (IOException e) {
      return 1;
    }
    return 0;
  }

  /** @return the exit status of one run, or -1 if the job line is malformed */
  static int runOne(String[] job) {
    if (job.length < 4) {
      return -1;
    }
    Path dir = Path.of(job[0]);
    long timeout;
    try {
      timeout = Long.parseLong(job[3]);
    } catch (NumberFormatException e) {
      return -1;
    }
    String[] args = Arrays.copyOfRange(job, 4, job.length);
    try (OutputStream out = Files.newOutputStream(dir.resolve(job[1]));
        OutputStream err = Files.newOutputStream(dir.resolve(job[2]))) {
      return new DTraceCommand(new ClasspathServices(), out, err, dir, "dtrace")
          .embedded(timeout).run(args);
    } catch (IOException e) {
      return -1;
    }
  }
}

package org.hypertrace.cli.conformance;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Runner} that keeps one JVM running {@code DTraceMain --batch} and sends it one test at a
 * time (see {@code BatchRunner}). A run that does not answer within its limit plus a grace
 * period costs the worker its JVM; the next test starts a fresh one.
 */
final class BatchWorker implements Runner {
  private static final long GRACE_MS = 10_000;
  private final List<String> command;
  private Process process;
  private Writer jobs;
  private BlockingQueue<String> answers;

  /**
   * @param classpath the class path holding the cli, compiler, engine and providers
   * @param jvmOptions options of the worker JVMs
   */
  BatchWorker(String classpath, List<String> jvmOptions) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add("org.hypertrace.cli.DTraceMain");
    command.add("--batch");
  }

  @Override
  public int run(Path dir, List<String> args, Path out, Path err, long timeoutMs)
      throws IOException {
    for (String a : args) {
      if (a.contains("\t") || a.contains("\n")) {
        throw new IOException("argument not expressible in batch mode: " + a);
      }
    }
    if (process == null || !process.isAlive()) {
      start();
    }
    StringBuilder job = new StringBuilder();
    job.append(dir).append('\t').append(out).append('\t').append(err).append('\t')
        .append(timeoutMs);
    for (String a : args) {
      job.append('\t').append(a);
    }
    jobs.write(job.append('\n').toString());
    jobs.flush();
    String answer;
    try {
      answer = answers.poll(timeoutMs + GRACE_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer = null;
    }
    if (answer == null || answer.equals("EOF")) {
      close();
      return TIMEOUT;
    }
    return Integer.parseInt(answer.trim());
  }

  private void start() throws IOException {
    process = new ProcessBuilder(command).redirectError(new File("/dev/null")).start();
    jobs = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    answers = new ArrayBlockingQueue<>(16);
    BlockingQueue<String> q = answers;
    BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8));
    Thread reader = new Thread(() -> {
      try {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (line.matches("-?[0-9]+")) {
            q.put(line);
          }
        }
        q.put("EOF");
      } catch (IOException | InterruptedException e) {
        q.offer("EOF");
      }
    }, "batch-answers");
    reader.setDaemon(true);
    reader.start();
  }

  @Override
  public void close() {
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }
}

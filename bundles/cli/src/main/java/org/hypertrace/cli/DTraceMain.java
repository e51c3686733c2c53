package org.hypertrace.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The entry point of dtrace(1) on a plain class path ({@code scripts/dtrace}): finds the services
 * with {@link java.util.ServiceLoader} and runs one {@link DTraceCommand}. With
 * {@code --batch} as first argument it runs {@link BatchRunner} instead (the conformance
 * harness's many-tests-per-JVM mode).
 */
public final class DTraceMain {
  private DTraceMain() {}

  /**
   * @param args dtrace(1) arguments
   */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("--batch")) {
      System.exit(BatchRunner.main(args));
    }
    OutputStream out = new FileOutputStream(FileDescriptor.out);
    OutputStream err = new FileOutputStream(FileDescriptor.err);
    // a failure on a thread of the engine or a provider is one line too, never a stack trace
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
      String line = "dtrace: internal error on thread " + t.getName() + ": "
          + DTraceCommand.describe(e) + "\n";
      try {
        err.write(line.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      } catch (java.io.IOException ignored) {
        // standard error is gone: nothing left to report to
        return;
      }
    });
    String argv0 = System.getProperty("dtrace.argv0", "dtrace");
    int status = new DTraceCommand(new ClasspathServices(), out, err, Path.of("").toAbsolutePath(),
        argv0).run(args);
    System.exit(status);
  }
}

package org.hypertrace.cli.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Runs one test and judges it with dtest.pl's rules, in its order: the exit status, then stdout
 * against {@code FILE.out} byte for byte, stderr against {@code FILE.err}, then the error tag on
 * the first stderr line or the drop tag on any. A failing test leaves its output and the reason
 * under the failures folder.
 */
final class Judge {
  private final SuiteTest test;
  private final Path work;
  private final Path failures;
  private final boolean compileOnly;
  private final Shell shell;

  /** How ksh tests run: {@code ksh /dev/stdin DTRACE}, dtrace on the class-path snapshot. */
  record Shell(String ksh, String dtrace, String classpath) {}

  Judge(SuiteTest test, Path work, Path failures, boolean compileOnly, Shell shell) {
    this.test = test;
    this.work = work;
    this.failures = failures;
    this.compileOnly = compileOnly;
    this.shell = shell;
  }

  Outcome run(Runner runner, long timeoutMs) throws IOException {
    String id = test.category().replace('/', '_') + "." + test.file().getFileName();
    Path out = work.resolve(id + ".stdout");
    Path err = work.resolve(id + ".stderr");
    long t0 = System.nanoTime();
    int status;
    try {
      if (test.shell()) {
        status = ProcessRunner.exec(java.util.List.of(shell.ksh(), "/dev/stdin", shell.dtrace()),
            test.file().getParent(), test.file().toFile(), out, err, shell.classpath(),
            timeoutMs);
      } else {
        status = runner.run(test.file().getParent(), Conformance.argsOf(test, compileOnly), out,
            err, timeoutMs);
      }
    } catch (IOException e) {
      return new Outcome(test, Outcome.Result.FAIL, "could not run: " + e.getMessage(), 0);
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    String reason = judge(status, out, err);
    if (reason != null) {
      keep(id, out, err, reason);
    }
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    return new Outcome(test, reason == null ? Outcome.Result.PASS : Outcome.Result.FAIL,
        reason == null ? "" : reason, ms);
  }

  /** @return null when the test passes, else dtest's reason */
  String judge(int status, Path out, Path err) throws IOException {
    if (status == Runner.TIMEOUT) {
      return "timed out";
    }
    int expected = test.expectedStatus();
    if (status != expected) {
      return "returned " + status + " instead of " + expected;
    }
    if (compileOnly) {
      return null;
    }
    if (test.hasGolden() && !same(test.goldenOut(), out)) {
      return "stdout mismatch";
    }
    if (Files.isRegularFile(test.goldenErr()) && !same(test.goldenErr(), err)) {
      return "stderr mismatch";
    }
    String stderr = Files.exists(err)
        ? new String(Files.readAllBytes(err), StandardCharsets.ISO_8859_1) : "";
    if (test.kind() == SuiteTest.Kind.ERR_TAG) {
      String first = stderr.lines().findFirst().orElse("");
      Pattern p = Pattern.compile(": \\[" + Pattern.quote(test.tag()) + "\\] line \\d+:");
      if (!p.matcher(first).find()) {
        return "errtag mismatch";
      }
    }
    if (test.kind() == SuiteTest.Kind.DRP && test.tag() != null
        && stderr.lines().noneMatch(l -> l.contains("[" + test.tag() + "] "))) {
      return "droptag mismatch";
    }
    return null;
  }

  private static boolean same(Path a, Path b) throws IOException {
    return Files.exists(b) && Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  private void keep(String id, Path out, Path err, String reason) throws IOException {
    Path dir = Files.createDirectories(failures);
    if (Files.exists(out)) {
      Files.copy(out, dir.resolve(id + ".stdout"), StandardCopyOption.REPLACE_EXISTING);
    }
    if (Files.exists(err)) {
      Files.copy(err, dir.resolve(id + ".stderr"), StandardCopyOption.REPLACE_EXISTING);
    }
    Files.writeString(dir.resolve(id + ".why"), test.file() + ": " + reason + "\n");
  }
}

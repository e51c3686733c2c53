package org.hypertrace.cli.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The harness's report: a table per category (passed, failed, not run because ksh or kernel),
 * the figures the issues ask for (byte-exact golden outputs, kernel-independent {@code tst.*},
 * error tags), and a tab-separated file with one line per test.
 */
final class Report {
  private final List<Outcome> outcomes;
  private final boolean compileOnly;

  Report(List<Outcome> outcomes, boolean compileOnly) {
    this.outcomes = outcomes;
    this.compileOnly = compileOnly;
  }

  long passed() {
    return count(o -> o.result() == Outcome.Result.PASS);
  }

  long failed() {
    return count(o -> o.result() == Outcome.Result.FAIL);
  }

  private long count(Predicate<Outcome> p) {
    return outcomes.stream().filter(p).count();
  }

  void print(PrintStream out, boolean verbose) {
    Map<String, long[]> rows = new TreeMap<>();
    for (Outcome o : outcomes) {
      long[] r = rows.computeIfAbsent(o.test().category(), k -> new long[4]);
      switch (o.result()) {
        case PASS -> r[0]++;
        case FAIL -> r[1]++;
        case SKIP_KSH -> r[2]++;
        case SKIP_KERNEL -> r[3]++;
        default -> { }
      }
    }
    out.printf("%-16s %7s %7s %7s %7s%n", "CATEGORY", "PASSED", "FAILED", "KSH", "KERNEL");
    long[] sum = new long[4];
    for (Map.Entry<String, long[]> e : rows.entrySet()) {
      long[] r = e.getValue();
      out.printf("%-16s %7d %7d %7d %7d%n", e.getKey(), r[0], r[1], r[2], r[3]);
      for (int i = 0; i < 4; i++) {
        sum[i] += r[i];
      }
    }
    out.printf("%-16s %7d %7d %7d %7d%n", "TOTAL", sum[0], sum[1], sum[2], sum[3]);
    out.println();
    if (verbose) {
      for (Outcome o : outcomes) {
        if (o.result() == Outcome.Result.FAIL) {
          out.println("FAIL " + o.test().category() + "/" + o.test().file().getFileName() + ": "
              + o.reason());
        }
      }
    }
    if (compileOnly) {
      figure(out, "kernel-independent tst.* compiled by dtrace -e, exit 0", o -> independent(o)
          && o.test().kind() == SuiteTest.Kind.TST);
      return;
    }
    figure(out, "kernel-independent tst.* with golden .out, byte-exact",
        o -> independent(o) && o.test().kind() == SuiteTest.Kind.TST && o.test().hasGolden());
    figure(out, "kernel-independent tst.*", o -> independent(o)
        && o.test().kind() == SuiteTest.Kind.TST);
    figure(out, "kernel-independent err.D_* (tag and exit 1)", o -> independent(o)
        && o.test().kind() == SuiteTest.Kind.ERR_TAG);
    figure(out, "kernel-independent err.* untagged", o -> independent(o)
        && o.test().kind() == SuiteTest.Kind.ERR);
    figure(out, "kernel-independent drp.*", o -> independent(o)
        && o.test().kind() == SuiteTest.Kind.DRP);
    figure(out, "kernel-bound (--all): providers, kernel types, helpers", o -> !o.test().shell()
        && o.test().scope() == SuiteTest.Scope.KERNEL);
    figure(out, "kernel-independent ksh tests (--ksh)", o -> o.test().shell()
        && o.test().scope() == SuiteTest.Scope.INDEPENDENT);
    figure(out, "kernel-bound ksh tests (--ksh --all)", o -> o.test().shell()
        && o.test().scope() == SuiteTest.Scope.KERNEL);
  }

  private static boolean independent(Outcome o) {
    return o.test().scope() == SuiteTest.Scope.INDEPENDENT && !o.test().shell();
  }

  private void figure(PrintStream out, String what, Predicate<Outcome> which) {
    long total = count(which.and(o -> o.result() == Outcome.Result.PASS
        || o.result() == Outcome.Result.FAIL));
    if (total == 0) {
      return;
    }
    long pass = count(which.and(o -> o.result() == Outcome.Result.PASS));
    out.printf("%-56s %4d/%-4d %5.1f%%%n", what + ":", pass, total, 100.0 * pass / total);
  }

  void write(Path file) throws IOException {
    StringBuilder b =
        new StringBuilder("category\ttest\tkind\tscope\tgolden\tresult\tms\treason\n");
    for (Outcome o : outcomes) {
      SuiteTest t = o.test();
      b.append(t.category()).append('\t').append(t.file().getFileName()).append('\t')
          .append(t.kind()).append('\t').append(t.shell() ? "KSH-" + t.scope() : t.scope()).append('\t')
          .append(t.hasGolden()).append('\t').append(o.result()).append('\t').append(o.millis())
          .append('\t').append(o.reason()).append('\n');
    }
    Files.writeString(file, b);
  }
}

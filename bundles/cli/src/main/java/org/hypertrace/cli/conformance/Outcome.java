package org.hypertrace.cli.conformance;

/**
 * What became of one test.
 *
 * @param test   the test
 * @param result passed, failed or why it was not run
 * @param reason dtest's words for a failure ("returned 0 instead of 1", "stdout mismatch" ...)
 * @param millis how long the run took
 */
record Outcome(SuiteTest test, Result result, String reason, long millis) {
  /** The result classes of the report. */
  enum Result { PASS, FAIL, SKIP_KSH, SKIP_KERNEL, SKIP_MODE }

  static Outcome skipped(SuiteTest t, boolean kshRun) {
    Result r = t.shell() && !kshRun ? Result.SKIP_KSH
        : t.scope() == SuiteTest.Scope.KERNEL ? Result.SKIP_KERNEL : Result.SKIP_MODE;
    return new Outcome(t, r, "", 0);
  }
}

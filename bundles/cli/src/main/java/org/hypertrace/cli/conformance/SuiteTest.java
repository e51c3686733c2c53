package org.hypertrace.cli.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One test of the DTrace test suite and what dtest.pl expects of it, read from its file name:
 * {@code tst.*} exits 0 (stdout equal to {@code FILE.out} when present), {@code err.D_TAG.*} exits
 * 1 with {@code [D_TAG] line N:} on its first stderr line ({@code -xerrtags}), {@code err.*}
 * exits 1,
 * {@code drp.TAG.*} exits 0 with {@code [TAG] } on a stderr line ({@code -xdroptags}).
 *
 * @param file      the test script
 * @param category  its folder under tst/common
 * @param kind      what dtest makes of its name
 * @param tag       the D_* or drop tag, or null
 * @param shell     a {@code .ksh} test (run as {@code ksh /dev/stdin DTRACE}, only with --ksh)
 * @param helper    a {@code .exe} helper the test needs running beside it
 * @param scope     the probes it needs
 */
public record SuiteTest(Path file, String category, Kind kind, String tag, boolean shell,
    boolean helper, Scope scope) {

  /** The test kinds of dtest.pl. */
  public enum Kind { TST, ERR_TAG, ERR, DRP }

  /** What a test needs to run. */
  public enum Scope {
    /** only dtrace:::BEGIN/END/ERROR and profile/tick probes: runs on any engine. */
    INDEPENDENT,
    /** kernel providers, kernel types or symbols, a helper process or ksh. */
    KERNEL
  }

  private static final Pattern NAME = Pattern.compile("^(tst|err|drp)\\..+\\.(d|ksh)$");
  private static final Pattern ERR_TAG = Pattern.compile("^err\\.(D_[A-Z0-9_]+)\\.");
  private static final Pattern DRP_TAG = Pattern.compile("^drp\\.([A-Z0-9_]+)\\.");

  /** @param name a file name @return whether dtest runs it */
  public static boolean wanted(String name) {
    return NAME.matcher(name).matches();
  }

  /**
   * @param file     a test file whose name is {@link #wanted}
   * @param category its category
   * @param source   its text (for the scope), or null for a ksh test
   * @return the test
   */
  public static SuiteTest of(Path file, String category, String source) {
    String name = file.getFileName().toString();
    // dtest runs only tst.*.ksh through ksh; err.*.ksh go to dtrace -C -s like any script
    boolean ksh = name.endsWith(".ksh") && name.startsWith("tst.");
    String base = name.substring(0, name.lastIndexOf('.'));
    boolean exe = Files.isRegularFile(file.resolveSibling(base + ".exe"));
    Kind kind;
    String tag = null;
    Matcher m;
    if (name.startsWith("tst.")) {
      kind = Kind.TST;
    } else if ((m = ERR_TAG.matcher(name)).find()) {
      kind = Kind.ERR_TAG;
      tag = m.group(1);
    } else if (name.startsWith("err.")) {
      kind = Kind.ERR;
    } else {
      kind = Kind.DRP;
      m = DRP_TAG.matcher(name);
      tag = m.find() ? m.group(1) : null;
    }
    Scope scope = exe || source == null ? Scope.KERNEL
        : ksh ? ProbeScope.ofShell(source) : ProbeScope.of(source);
    return new SuiteTest(file, category, kind, tag, ksh, exe, scope);
  }

  /** @return the exit status dtest expects */
  public int expectedStatus() {
    return kind == Kind.ERR || kind == Kind.ERR_TAG ? 1 : 0;
  }

  /** @return the golden stdout file beside the test */
  public Path goldenOut() {
    return file.resolveSibling(file.getFileName() + ".out");
  }

  /** @return the golden stderr file beside the test */
  public Path goldenErr() {
    return file.resolveSibling(file.getFileName() + ".err");
  }

  /** @return whether the test has a golden stdout */
  public boolean hasGolden() {
    return Files.isRegularFile(goldenOut());
  }
}

package org.hypertrace.cli.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgeTest {
  @TempDir
  Path dir;

  private SuiteTest test(String name, String text) throws IOException {
    Path f = Files.writeString(dir.resolve(name), text);
    return SuiteTest.of(f, "cat", text);
  }

  private String judge(SuiteTest t, int status, String out, String err) throws IOException {
    Path o = Files.writeString(dir.resolve("o"), out);
    Path e = Files.writeString(dir.resolve("e"), err);
    return new Judge(t, dir, dir.resolve("fail"), false, null).judge(status, o, e);
  }

  @Test
  void testJudge_goldenOutputByteExact() throws IOException {
    SuiteTest t = test("tst.a.d", "BEGIN { exit(0); }\n");
    Files.writeString(dir.resolve("tst.a.d.out"), "hello\n\n");
    assertNull(judge(t, 0, "hello\n\n", ""));
    assertEquals("stdout mismatch", judge(t, 0, "hello\n", ""));
    assertEquals("returned 1 instead of 0", judge(t, 1, "hello\n\n", ""));
  }

  @Test
  void testJudge_errTagOnFirstLine() throws IOException {
    SuiteTest t = test("err.D_SYNTAX.x.d", "BEGIN {");
    assertEquals(SuiteTest.Kind.ERR_TAG, t.kind());
    assertEquals("D_SYNTAX", t.tag());
    assertNull(judge(t, 1, "", "dtrace: failed to compile script err.D_SYNTAX.x.d: "
        + "[D_SYNTAX] line 1: syntax error near end of input\n"));
    assertEquals("errtag mismatch", judge(t, 1, "", "dtrace: failed: [D_SYNTAX] line x:\n"));
    assertEquals("errtag mismatch", judge(t, 1, "", "warning\n: [D_SYNTAX] line 1:\n"));
  }

  @Test
  void testJudge_dropTagOnAnyLine() throws IOException {
    SuiteTest t = test("drp.DTRACEDROP_DBLERROR.d", "BEGIN {}");
    assertEquals(0, t.expectedStatus());
    assertNull(judge(t, 0, "", "x\ndtrace: [DTRACEDROP_DBLERROR] 1 drop\n"));
    assertEquals("droptag mismatch", judge(t, 0, "", "nothing\n"));
  }

  @Test
  void testArgs_dtestCommandLine() throws IOException {
    assertEquals(List.of("-xerrtags", "-C", "-s", "err.D_SYNTAX.x.d"),
        Conformance.argsOf(test("err.D_SYNTAX.x.d", "x"), false));
    assertEquals(List.of("-e", "-C", "-s", "tst.b.d"),
        Conformance.argsOf(test("tst.b.d", "BEGIN{}"), true));
  }

  @Test
  void testRun_kshTestGetsDtracePathAndStdin() throws IOException {
    Path script = Files.writeString(dir.resolve("tst.k.d.ksh"),
        "dtrace=$1\necho \"$dtrace\"\nexit 0\n");
    SuiteTest t = SuiteTest.of(script, "cat", Files.readString(script));
    Files.writeString(dir.resolve("tst.k.d.ksh.out"), "/path/to/dtrace\n");
    Judge.Shell sh = new Judge.Shell("bash", "/path/to/dtrace", null);
    Outcome o = new Judge(t, dir, dir.resolve("fail"), false, sh).run(null, 10_000);
    assertEquals(Outcome.Result.PASS, o.result(), o.reason());
  }

  @Test
  void testOfShell_kernelProvidersAndTools() {
    assertEquals(SuiteTest.Scope.KERNEL, ProbeScope.ofShell("$dtrace -n syscall::read:entry\n"));
    assertEquals(SuiteTest.Scope.KERNEL, ProbeScope.ofShell("gcc -o x x.c\n"));
    assertEquals(SuiteTest.Scope.INDEPENDENT,
        ProbeScope.ofShell("# fbt:: in a comment\n$dtrace -b 1k -e\nexit $?\n"));
  }

  @Test
  void testWanted_namesDtestRuns() {
    assertEquals(true, SuiteTest.wanted("tst.foo.ksh"));
    assertEquals(false, SuiteTest.wanted("tst.foo.d.out"));
    assertEquals(false, SuiteTest.wanted("foo.d"));
  }
}

package org.hypertrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hypertrace.api.compile.CompileRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DTraceCommandTest {
  @TempDir
  Path dir;
  final Fakes.Svc svc = new Fakes.Svc();
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return new DTraceCommand(svc, out, err, dir, "/usr/sbin/dtrace").embedded(5000).run(args);
  }

  private String out() {
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  private String err() {
    return err.toString(StandardCharsets.ISO_8859_1);
  }

  private void script(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.ISO_8859_1);
  }

  @Test
  void testRun_noArgumentsPrintsUsage() {
    assertEquals(2, run());
    assertTrue(err().startsWith("Usage: dtrace [-32|-64] [-aACeEFGhHlqSvVwZ] [-b bufsz]"));
    assertTrue(err().contains("\t-Z  permit probe descriptions that match zero probes\n"));
    assertEquals("", out());
  }

  @Test
  void testRun_version() {
    assertEquals(0, run("-V"));
    assertEquals("dtrace: Sun D 1.14\n", out());
  }

  @Test
  void testRun_illegalOptionIsUsageError() {
    assertEquals(2, run("-k"));
    assertTrue(err().startsWith("dtrace: illegal option -- k\nUsage: dtrace "));
  }

  @Test
  void testRun_missingArgumentIsUsageError() {
    assertEquals(2, run("-q", "-s"));
    assertTrue(err().startsWith("dtrace: option requires an argument -- s\nUsage: "));
  }

  @Test
  void testRun_twoModesRefused() {
    assertEquals(2, run("-l", "-V"));
    assertEquals("dtrace: only one of the [-AGhlV] options can be specified at a time\n", err());
  }

  @Test
  void testRun_dataModels() {
    assertEquals(0, run("-64", "-e", "-n", "BEGIN"));
    assertEquals(1, run("-32", "-e", "-n", "BEGIN"));
    assertEquals("dtrace: failed to initialize dtrace: the 32-bit data model (-32) is not "
        + "supported\n", err());
  }

  @Test
  void testRun_bad32() {
    assertEquals(2, run("-33"));
    assertTrue(err().startsWith("dtrace: illegal option -- 33\n"));
  }

  @Test
  void testRun_unknownXOption() {
    assertEquals(1, run("-x", "bogus=1", "-n", "BEGIN"));
    assertEquals("dtrace: failed to set -x bogus: Invalid option name\n", err());
  }

  @Test
  void testRun_badBufferSize() {
    assertEquals(1, run("-b", "lots", "-n", "BEGIN"));
    assertEquals("dtrace: failed to set -b lots: Invalid value for specified option\n", err());
  }

  @Test
  void testRun_compileErrorWithoutTag() throws IOException {
    script("x.d", "BEGIN\n{ @@ }\n");
    assertEquals(1, run("-s", "x.d"));
    assertEquals("dtrace: failed to compile script x.d: line 2: syntax error near \"@@\"\n",
        err());
  }

  @Test
  void testRun_compileErrorWithErrtags() throws IOException {
    script("x.d", "BEGIN\n{ @@ }\n");
    assertEquals(1, run("-xerrtags", "-C", "-s", "x.d"));
    assertEquals(
        "dtrace: failed to compile script x.d: [D_SYNTAX] line 2: syntax error near \"@@\"\n",
        err());
    assertTrue(svc.compiler.requests.get(0).cpp());
  }

  @Test
  void testRun_invalidProbeSpecifier() {
    assertEquals(1, run("-n", "BEGIN { @@ }"));
    assertEquals("dtrace: invalid probe specifier BEGIN { @@ }: line 2: syntax error near \"@@\"\n",
        err());
  }

  @Test
  void testRun_missingScript() {
    assertEquals(1, run("-s", "nothere.d"));
    assertEquals("dtrace: failed to open nothere.d: No such file or directory\n", err());
  }

  @Test
  void testRun_compilerBugIsOneLine() {
    assertEquals(1, run("-n", "BEGIN { BUG }"));
    assertEquals("dtrace: invalid probe specifier BEGIN { BUG }: internal compiler error: "
        + "NullPointerException: boom\n", err());
  }

  @Test
  void testRun_compileOnlyNeverOpensEngine() throws IOException {
    script("ok.d", "BEGIN { exit(0); }\n");
    assertEquals(0, run("-e", "-s", "ok.d"));
    assertNull(svc.engine.opened);
    assertEquals("", err());
  }

  @Test
  void testRun_traceStreamsAndNotices() {
    svc.engine.status = 3;
    assertEquals(3, run("-n", "BEGIN { exit(3); }"));
    assertEquals("hello\n\n", out());
    assertEquals("dtrace: description 'BEGIN ' matched 1 probe\n", err());
  }

  @Test
  void testRun_quietSuppressesNotice() {
    assertEquals(0, run("-qn", "BEGIN,END { exit(0); }"));
    assertEquals("", err());
    assertEquals("", svc.engine.options.get("quiet"));
    assertEquals(2, svc.engine.opened.statements().size());
  }

  @Test
  void testRun_pragmaQuietSuppressesNotice() {
    assertEquals(0, run("-n", "BEGIN { quietly }"));
    assertEquals("", err());
  }

  @Test
  void testRun_scriptNoticeAndPlural() throws IOException {
    script("two.d", "BEGIN,END {}\n");
    assertEquals(0, run("-s", "two.d"));
    assertEquals("dtrace: script 'two.d' matched 2 probes\n", err());
  }

  @Test
  void testRun_macroArguments() throws IOException {
    script("m.d", "BEGIN {}\n");
    assertEquals(0, run("-s", "m.d", "one", "two", "-q"));
    CompileRequest r = svc.compiler.requests.get(0);
    assertEquals(List.of("m.d", "one", "two"), r.macroArgs());
    assertEquals("m.d", r.fileName());
  }

  @Test
  void testRun_dollarZeroOfDescriptionIsCommand() {
    assertEquals(0, run("-q", "-n", "BEGIN {}"));
    assertEquals("/usr/sbin/dtrace", svc.compiler.requests.get(0).macroArgs().get(0));
  }

  @Test
  void testRun_providerSpecIsPadded() {
    run("-e", "-Z", "-P", "dtrace", "-m", "p:mod { x }", "-f", "fn");
    List<CompileRequest> r = svc.compiler.requests;
    assertEquals("dtrace:::", r.get(0).source());
    assertEquals("p:mod:: { x }", r.get(1).source());
    assertEquals("fn:", r.get(2).source());
  }

  @Test
  void testRun_probeIdIsResolved() {
    assertEquals(0, run("-q", "-i", "2 { exit(0); }"));
    assertEquals("dtrace:::END { exit(0); }", svc.compiler.requests.get(0).source());
  }

  @Test
  void testRun_noProbesSpecified() {
    assertEquals(1, run("-q"));
    assertEquals("dtrace: no probes specified\n", err());
  }

  @Test
  void testRun_descriptionMatchingNothing() {
    assertEquals(1, run("-xerrtags", "-n", "nosuch:::entry"));
    assertEquals("dtrace: invalid probe specifier nosuch:::entry: [D_PDESC_ZERO] line 1: "
        + "probe description nosuch:::entry does not match any probes\n", err());
  }

  @Test
  void testRun_descriptionMatchingNothingWithZ() {
    assertEquals(0, run("-Z", "-n", "nosuch:::entry", "-n", "BEGIN"));
    assertEquals("dtrace: description 'nosuch:::entry' matched 0 probes\n"
        + "dtrace: description 'BEGIN' matched 1 probe\n", err());
    assertEquals(1, svc.engine.opened.statements().size());
  }

  @Test
  void testRun_pdescZeroLineInScript() throws IOException {
    script("z.d", "/* tick-1 */\n\ntick-1\n{\n}\n");
    assertEquals(1, run("-xerrtags", "-s", "z.d"));
    assertEquals("dtrace: failed to compile script z.d: [D_PDESC_ZERO] line 3: "
        + "probe description :::tick-1 does not match any probes\n", err());
  }

  @Test
  void testRun_builtInProbesLoadNoProvider() {
    assertEquals(0, run("-q", "-n", "BEGIN, tick-1s, dtrace:::END, :::ERROR"));
    assertEquals(0, svc.providerLoads);
    assertTrue(svc.engine.used.isEmpty());
  }

  @Test
  void testRun_otherProbesLoadProvidersOnce() {
    assertEquals(0, run("-q", "-Z", "-n", "syscall:::entry, *:::", "-n", "BEGIN"));
    assertEquals(1, svc.providerLoads);
  }

  @Test
  void testRun_foreignTargetLocallyIsOverspecified() {
    assertEquals(1, run("-xerrtags", "-n", "profile::::tick-1sec"));
    assertEquals("dtrace: invalid probe specifier profile::::tick-1sec: [D_PDESC_INVAL] line 1: "
        + "invalid probe description \"profile::::tick-1sec\": Overspecified probe description\n",
        err());
  }

  @Test
  void testRun_localTargetIsDropped() {
    assertEquals(0, run("-q", "-n", "localhost:dtrace:::BEGIN"));
    assertEquals("", svc.engine.opened.statements().get(0).probe().target());
  }

  @Test
  void testRun_providerProbesMatchAndAreHandedOver() {
    assertEquals(0, run("-n", "syscall::read:entry"));
    assertEquals("dtrace: description 'syscall::read:entry' matched 1 probe\n", err());
    assertEquals(1, svc.engine.used.size());
  }

  @Test
  void testRun_listAll() {
    assertEquals(0, run("-l"));
    String[] lines = out().split("\n");
    assertEquals("   ID   PROVIDER            MODULE                          FUNCTION NAME",
        lines[0]);
    assertEquals("    1     dtrace                                                     BEGIN",
        lines[1]);
    assertEquals(6, lines.length);
    assertTrue(lines[5].contains("syscall"));
  }

  @Test
  void testRun_listMatchingAndFailing() {
    assertEquals(0, run("-l", "-n", "tick-*", "-n", "nosuch:::"));
    assertEquals(2, out().split("\n").length);
    assertTrue(out().contains("profile"));
    assertEquals("dtrace: failed to match nosuch:::: No probe matches description\n", err());
    assertTrue(svc.compiler.requests.isEmpty());
  }

  @Test
  void testRun_listScriptCompiles() throws IOException {
    script("l.d", "BEGIN, END { }\n");
    assertEquals(0, run("-l", "-s", "l.d", "-P", "profile"));
    assertEquals(4, out().split("\n").length);
    assertEquals(1, svc.compiler.requests.size());
  }

  @Test
  void testRun_listTooManyFields() {
    assertEquals(1, run("-l", "-n", "a:b:c:d:e:f"));
    assertEquals("dtrace: invalid probe specifier a:b:c:d:e:f: invalid probe description "
        + "\"a:b:c:d:e:f\"\n", err());
  }

  @Test
  void testRun_outputFileAppends() throws IOException {
    Files.writeString(dir.resolve("o.txt"), "old\n");
    assertEquals(0, run("-q", "-o", "o.txt", "-n", "BEGIN"));
    assertEquals("old\nhello\n\n", Files.readString(dir.resolve("o.txt")));
    assertEquals("", out());
  }

  @Test
  void testRun_remoteWithoutDaemon() {
    assertEquals(1, run("-E", "-n", "BEGIN"));
    assertEquals("dtrace: -E requires a running dtraced (no dtraced client is installed)\n",
        err());
    assertTrue(svc.compiler.requests.get(0).hyperTrace());
  }

  @Test
  void testRun_badTypeFileSuffix() {
    assertEquals(2, run("-Y", "t.btf,moon", "-n", "BEGIN"));
    assertEquals("dtrace: -Y requires file[,host|guest]: t.btf,moon\n", err());
  }

  @Test
  void testRun_missingTypeFile() {
    assertEquals(1, run("-E", "-y", "nothere.btf", "-n", "BEGIN"));
    assertEquals("dtrace: failed to open nothere.btf: No such file or directory\n", err());
  }

  @Test
  void testRun_disassemblyOnStderr() {
    assertEquals(0, run("-e", "-S", "-n", "BEGIN"));
    assertEquals("DIFO listing\n", err());
  }

  @Test
  void testRun_unsupportedMode() {
    assertEquals(1, run("-G", "-n", "BEGIN"));
    assertEquals("dtrace: -G is not supported by HyperTrace/J\n", err());
  }

  @Test
  void testRun_cppArgumentsInOrder() {
    run("-e", "-C", "-DX=1", "-UY", "-I/inc", "-H", "-n", "BEGIN");
    CompileRequest r = svc.compiler.requests.get(0);
    assertEquals(List.of("-DX=1", "-UY", "-I/inc", "-H"), r.cppArgs());
    assertFalse(r.hyperTrace());
  }

  @Test
  void testRun_missingEngineIsOneLine() {
    Services none = new ClasspathServices();
    int s = new DTraceCommand(none, out, err, dir, "dtrace").run(new String[] {"-n", "BEGIN"});
    assertEquals(1, s);
    // the test class path has the compiler (HostLinkTest) but no engine
    assertEquals("dtrace: failed to initialize dtrace: no DTrace engine is installed\n", err());
  }
}

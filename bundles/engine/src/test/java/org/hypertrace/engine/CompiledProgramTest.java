package org.hypertrace.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.hypertrace.api.compile.CompileRequest;
import org.hypertrace.api.compile.DCompiler;
import org.hypertrace.api.engine.TraceSession;
import org.hypertrace.api.program.DProgram;
import org.junit.jupiter.api.Test;

/**
 * Real D through bundles/compiler, run by the engine, compared byte for byte with what
 * dtrace(1) prints by dt_consume.c's and dtrace.c's rules.
 */
class CompiledProgramTest {
  private static final String HEADING = "CPU     ID                    FUNCTION:NAME\n";

  private static DProgram compile(String d) throws Exception {
    DCompiler c = ServiceLoader.load(DCompiler.class).findFirst().orElseThrow();
    return c.compile(new CompileRequest(d, "test.d", CompileRequest.Context.PROGRAM,
        List.of("test.d"), Map.of(), false, List.of(), false)).program();
  }

  private static Prog.Capture run(String d, boolean quiet) throws Exception {
    Map<String, String> opts = new HashMap<>();
    if (quiet) {
      opts.put("quiet", "");
    }
    Prog.Capture c = new Prog.Capture();
    try (TraceSession s = new HyperTraceEngine().open(compile(d), opts, c)) {
      s.go();
      assertTrue(s.awaitEnd(5000), "program did not end");
    }
    return c;
  }

  @Test
  void testPrintf_probeLineAndTrailingNewlines() throws Exception {
    Prog.Capture c = run("BEGIN { printf(\"%s-%d\\n\", \"a\", 42); exit(0); }", false);
    assertEquals(HEADING + String.format("%3d %6d %32s ", 0, 1, ":BEGIN") + "a-42\n\n\n",
        c.out.toString());
  }

  @Test
  void testAggregations_finalPrintSortedByValue() throws Exception {
    Prog.Capture c = run("BEGIN { @[\"b\"] = count(); @[\"b\"] = count(); @[\"a\"] = count();"
        + " @s = sum(3); exit(0); }", true);
    assertEquals("\n" + String.format("  %-50s %16d\n", "a", 1)
        + String.format("  %-50s %16d\n", "b", 2) + String.format(" %16d\n", 3),
        c.out.toString());
  }

  @Test
  void testQuantize_histogram() throws Exception {
    Prog.Capture c = run("BEGIN { @q = quantize(1); @q = quantize(2); @q = quantize(2);"
        + " exit(0); }", true);
    String expect = "\n" + String.format("\n%16s %41s %-9s\n", "value",
        "------------- Distribution -------------", "count")
        + String.format("%16d |%-40s %-9d\n", 0, "", 0)
        + String.format("%16d |%-40s %-9d\n", 1, "@".repeat(13), 1)
        + String.format("%16d |%-40s %-9d\n", 2, "@".repeat(27), 2)
        + String.format("%16d |%-40s %-9d\n", 4, "", 0) + "\n";
    assertEquals(expect, c.out.toString());
  }

  @Test
  void testFault_errorLineLikeDtrace() throws Exception {
    Prog.Capture c = run("BEGIN { trace(*(int *)0); } BEGIN { exit(0); }", true);
    assertTrue(c.err.toString().matches("dtrace: error on enabled probe ID 1 \\(ID 1: "
        + "dtrace:::BEGIN\\): invalid address \\(0x0\\) in action #1 at DIF offset \\d+\n"),
        c.err.toString());
  }

  @Test
  void testThreadLocal_predicate() throws Exception {
    Prog.Capture c = run("BEGIN { self->x = 5; } BEGIN /self->x == 5/ { printf(\"ok\\n\");"
        + " exit(0); }", true);
    assertEquals("ok\n\n", c.out.toString());
  }

  @Test
  void testStringSubroutines() throws Exception {
    Prog.Capture c = run("BEGIN { printf(\"%s|%s|%d|%s\\n\", substr(\"hello world\", 6),"
        + " strjoin(\"a\", \"b\"), strlen(\"abc\"), lltostr(-12)); exit(0); }", true);
    assertEquals("world|ab|3|-12\n\n", c.out.toString());
  }

  @Test
  void testStrtok_resumesWithNull() throws Exception {
    Prog.Capture c = run("BEGIN { a = strtok(\"a,b,,c\", \",\"); b = strtok(NULL, \",\");"
        + " d = strtok(NULL, \",\"); printf(\"%s %s %s\\n\", a, b, d); exit(0); }", true);
    assertEquals("a b c\n\n", c.out.toString());
  }

  @Test
  void testPrinta_format() throws Exception {
    Prog.Capture c = run("BEGIN { @a[\"k\"] = sum(7); printa(\"%s=%@d\\n\", @a); exit(0); }",
        true);
    assertEquals("k=7\n\n", c.out.toString());
  }

  @Test
  void testTick_countsToExit() throws Exception {
    Prog.Capture c = run("tick-10ms /i++ == 3/ { printf(\"%d\\n\", i); exit(0); }", true);
    assertEquals("4\n\n", c.out.toString());
  }

  @Test
  void testStringVariable_assignedNullLoadsAsNull() throws Exception {
    Prog.Capture c = run("BEGIN { s = \"x\"; s = NULL; this->t = \"y\"; this->t = NULL;"
        + " printf(\"%d %d\\n\", s == NULL, this->t == NULL); s = \"z\";"
        + " printf(\"%s\\n\", s); exit(0); }", true);
    assertEquals("1 1\nz\n\n", c.out.toString());
  }

  @Test
  void testStrtoll_baseOutOfRangeIsAnIllegalOperation() throws Exception {
    Prog.Capture c = run("BEGIN { trace(strtoll(\"10\", 37)); } BEGIN { exit(0); }", true);
    assertTrue(c.err.toString().contains("illegal operation in action #1"), c.err.toString());
  }

  @Test
  void testJson_selectsFromAString() throws Exception {
    Prog.Capture c = run("BEGIN { printf(\"%s\\n\", json(\"{\\\"a\\\":[1,{\\\"b\\\":7}]}\","
        + " \"a[1].b\")); exit(0); }", true);
    assertEquals("7\n\n", c.out.toString());
  }
}

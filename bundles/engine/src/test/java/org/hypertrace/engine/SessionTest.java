package org.hypertrace.engine;

import static org.hypertrace.api.dif.DifConstants.*;
import static org.hypertrace.api.dtrace.DTraceConstants.*;
import static org.hypertrace.engine.DifAsm.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifType;
import org.hypertrace.api.engine.TraceSession;
import org.junit.jupiter.api.Test;

class SessionTest {
  private static final String HEADING = "CPU     ID                    FUNCTION:NAME\n";

  private static String line(int id, String fn) {
    return String.format("%3d %6d %32s ", 0, id, fn);
  }

  @Test
  void testPrintf_defaultRecordLine() throws Exception {
    Prog.Capture c = new Prog().printf("hello %d\n", constant(42, INT)).exit(0).clause("BEGIN")
        .run();
    assertEquals(HEADING + line(1, ":BEGIN") + "hello 42\n\n\n", c.out.toString());
    assertEquals("", c.err.toString());
  }

  @Test
  void testEmptyClause_printsProbeLine() throws Exception {
    Prog.Capture c = new Prog().clause("BEGIN").exit(0).clause("BEGIN").run();
    assertEquals(HEADING + line(1, ":BEGIN") + "\n" + line(1, ":BEGIN") + "\n\n",
        c.out.toString());
  }

  @Test
  void testTrace_quietAndNot() throws Exception {
    Prog.Capture q = new Prog().option("quiet", "").trace(constant(7, INT))
        .trace(DifAsm.string("abc")).exit(0).clause("BEGIN").run();
    assertEquals("7abc\n", q.out.toString());
    Prog.Capture n = new Prog().trace(constant(7, INT)).trace(constant(-1, DifType.INT64))
        .trace(DifAsm.string("abc")).exit(0).clause("BEGIN").run();
    assertEquals(HEADING + line(1, ":BEGIN") + "        7               -1  abc"
        + " ".repeat(30) + "\n\n", n.out.toString());
  }

  @Test
  void testExit_statusAndEndFires() throws Exception {
    Prog p = new Prog().option("quiet", "").exit(3).clause("BEGIN")
        .printf("end\n").clause("END");
    Prog.Capture c = new Prog.Capture();
    try (TraceSession s = new HyperTraceEngine().open(p.build(), Map.of(), c)) {
      s.go();
      assertTrue(s.awaitEnd(1000));
      assertEquals(3, s.exitStatus());
    }
    assertEquals("end\n\n", c.out.toString());
  }

  @Test
  void testFault_errorMessageAndRecordDiscarded() throws Exception {
    DifObject bad = new DifAsm().setx(0, 1).emit(op(DIF_OP_LDSW, 1, 0, 2), ret(2)).build(INT);
    Prog.Capture c = new Prog().option("quiet", "").printf("before\n").trace(bad)
        .clause("BEGIN").exit(0).clause("BEGIN").run();
    assertEquals("dtrace: error on enabled probe ID 1 (ID 1: dtrace:::BEGIN): invalid address "
        + "(0x0) in action #2 at DIF offset 4\n", c.err.toString());
    assertEquals("\n", c.out.toString());
  }

  @Test
  void testFault_firesErrorProbe() throws Exception {
    DifObject bad = new DifAsm().setx(0, 1).emit(op(DIF_OP_LDSW, 1, 0, 2), ret(2)).build(INT);
    DifObject arg1 = builtin(DIF_VAR_ARG1, DifType.INT64);
    DifObject arg4 = builtin(DIF_VAR_ARG4, DifType.INT64);
    Prog.Capture c = new Prog().option("quiet", "").trace(bad).clause("BEGIN")
        .printf("epid %d fault %d\n", arg1, arg4).exit(0).clause("ERROR").run();
    assertEquals("epid 1 fault 1\n\n", c.out.toString());
  }

  @Test
  void testCount_keyedByStringSortedByValue() throws Exception {
    DifObject exec = builtin(DIF_VAR_EXECNAME, STRING);
    Prog.Capture c = new Prog().option("quiet", "")
        .agg(1, "", DTRACEAGG_COUNT, 0, null, null, exec)
        .agg(1, "", DTRACEAGG_COUNT, 0, null, null, DifAsm.string("b"))
        .agg(1, "", DTRACEAGG_COUNT, 0, null, null, DifAsm.string("b"))
        .exit(0).clause("BEGIN").run();
    assertEquals("\n" + String.format("  %-50s %16d\n", "dtrace", 1)
        + String.format("  %-50s %16d\n", "b", 2), c.out.toString());
  }

  @Test
  void testSumAvgMinMax_intKeys() throws Exception {
    Prog p = new Prog().option("quiet", "");
    for (int v : new int[] {5, 10, 30}) {
      p.agg(1, "s", DTRACEAGG_SUM, 0, constant(v, DifType.INT64), null, constant(1, INT))
          .agg(2, "a", DTRACEAGG_AVG, 0, constant(v, DifType.INT64), null)
          .agg(3, "mn", DTRACEAGG_MIN, 0, constant(v, DifType.INT64), null)
          .agg(4, "mx", DTRACEAGG_MAX, 0, constant(v, DifType.INT64), null);
    }
    Prog.Capture c = p.exit(0).clause("BEGIN").run();
    assertEquals("\n" + String.format(" %8d %16d\n", 1, 45) + String.format(" %16d\n", 15)
        + String.format(" %16d\n", 5) + String.format(" %16d\n", 30), c.out.toString());
  }

  @Test
  void testQuantize_bars() throws Exception {
    Prog p = new Prog().option("quiet", "");
    for (int v : new int[] {1, 2, 3}) {
      p.agg(1, "q", DTRACEAGG_QUANTIZE, 0, constant(v, DifType.INT64), null);
    }
    Prog.Capture c = p.exit(0).clause("BEGIN").run();
    String hdr = String.format("\n%16s %41s %-9s\n", "value",
        "------------- Distribution -------------", "count");
    String expect = "\n" + hdr
        + String.format("%16d |%-40s %-9d\n", 0, "", 0)
        + String.format("%16d |%-40s %-9d\n", 1, "@".repeat(13), 1)
        + String.format("%16d |%-40s %-9d\n", 2, "@".repeat(27), 2)
        + String.format("%16d |%-40s %-9d\n", 4, "", 0) + "\n";
    assertEquals(expect, c.out.toString());
  }

  @Test
  void testLquantize_bounds() throws Exception {
    long arg = (10L << 48) | (10L << 32) | 0;
    Prog p = new Prog().option("quiet", "");
    for (int v : new int[] {-5, 15, 15, 200}) {
      p.agg(1, "l", DTRACEAGG_LQUANTIZE, arg, constant(v, DifType.INT64), null);
    }
    Prog.Capture c = p.exit(0).clause("BEGIN").run();
    String out = c.out.toString();
    assertTrue(out.contains(String.format("%16s |%-40s %-9d\n", "< 0", "@".repeat(10), 1)), out);
    assertTrue(out.contains(String.format("%16d |%-40s %-9d\n", 10, "@".repeat(20), 2)), out);
    assertTrue(out.contains(String.format("%16s |%-40s %-9d\n", ">= 100", "@".repeat(10), 1)),
        out);
  }

  @Test
  void testPrinta_withFormatMarksPrinted() throws Exception {
    Prog.Capture c = new Prog().option("quiet", "")
        .agg(1, "a", DTRACEAGG_SUM, 0, constant(5, DifType.INT64), null, DifAsm.string("x"))
        .printa("%s %@d\n", 1).exit(0).clause("BEGIN").run();
    assertEquals("x 5\n\n", c.out.toString());
  }

  @Test
  void testPrinta_withoutFormat() throws Exception {
    Prog.Capture c = new Prog().option("quiet", "")
        .agg(1, "a", DTRACEAGG_COUNT, 0, null, null, constant(3, INT))
        .printa(null, 1).exit(0).clause("BEGIN").run();
    assertEquals("\n" + String.format(" %8d %16d\n", 3, 1) + "\n", c.out.toString());
  }

  @Test
  void testSpeculation_commitAndDiscard() throws Exception {
    int spec = DIF_VAR_OTHER_UBASE;
    DifObject newSpec = new DifAsm().declare("s", spec, DIFV_KIND_SCALAR, DIFV_SCOPE_GLOBAL,
        DifType.INT64).emit(var(DIF_OP_CALL, DIF_SUBR_SPECULATION, 1), var(DIF_OP_STGS, spec, 1),
        ret(0)).build(VOID);
    DifObject getSpec = new DifAsm().declare("s", spec, DIFV_KIND_SCALAR, DIFV_SCOPE_GLOBAL,
        DifType.INT64).emit(var(DIF_OP_LDGS, spec, 1), ret(1)).build(DifType.INT64);
    Prog.Capture c = new Prog().option("quiet", "").trace(newSpec).clause("BEGIN")
        .action(DTRACEACT_SPECULATE, getSpec, 0).printf("kept\n").clause("BEGIN")
        .printf("first\n").clause("BEGIN")
        .action(DTRACEACT_COMMIT, getSpec, 0).exit(0).clause("BEGIN").run();
    assertEquals("first\nkept\n\n", c.out.toString());
  }

  @Test
  void testTick_firesUntilExit() throws Exception {
    int n = DIF_VAR_OTHER_UBASE;
    DifObject incr = new DifAsm().declare("n", n, DIFV_KIND_SCALAR, DIFV_SCOPE_GLOBAL,
        DifType.INT64).setx(1, 2).emit(var(DIF_OP_LDGS, n, 1), op(DIF_OP_ADD, 1, 2, 1),
        var(DIF_OP_STGS, n, 1), ret(1)).build(VOID);
    DifObject three = new DifAsm().declare("n", n, DIFV_KIND_SCALAR, DIFV_SCOPE_GLOBAL,
        DifType.INT64).setx(3, 2).emit(var(DIF_OP_LDGS, n, 1), op(DIF_OP_CMP, 1, 2, 0),
        branch(DIF_OP_BE, 5), ret(0), ret(2)).build(DifType.INT64);
    Prog p = new Prog().option("quiet", "").trace(incr).clause("", "tick-10ms", null)
        .printf("done\n").exit(0).clause("", "tick-10ms", three);
    Prog.Capture c = new Prog.Capture();
    try (TraceSession s = new HyperTraceEngine().open(p.build(), Map.of(), c)) {
      s.go();
      assertTrue(s.awaitEnd(3000));
    }
    assertEquals("done\n\n", c.out.toString());
  }

  @Test
  void testBufpolicyFill_stopsWhenFull() throws Exception {
    // each record: 12-byte header + a 4-byte int = 16 bytes; 64 bytes hold four
    Prog p = new Prog().option("quiet", "").option("bufpolicy", "fill").option("bufsize", "64");
    for (int i = 0; i < 6; i++) {
      p.printf("%d\n", constant(i, INT)).clause("BEGIN");
    }
    Prog.Capture c = p.run();
    assertEquals("0\n1\n2\n3\n\n", c.out.toString());
  }

  @Test
  void testBufpolicyRing_keepsNewest() throws Exception {
    Prog p = new Prog().option("quiet", "").option("bufpolicy", "ring").option("bufsize", "32");
    for (int i = 0; i < 5; i++) {
      p.printf("%d\n", constant(i, INT)).clause("BEGIN");
    }
    Prog.Capture c = p.exit(0).clause("BEGIN").run();
    // the exit() record (16 bytes) is the newest: it leaves room for "4" only
    assertEquals("4\n\n", c.out.toString());
  }

  @Test
  void testDynamicDrops_reportedWithDroptags() throws Exception {
    int a = DIF_VAR_OTHER_UBASE;
    Prog p = new Prog().option("quiet", "").option("dynvarsize", "144").option("droptags", "");
    for (int i = 0; i < 4; i++) {
      DifObject store = new DifAsm().setx(i, 1).setx(1, 2)
          .declare("a", a, DIFV_KIND_ARRAY, DIFV_SCOPE_GLOBAL, DifType.INT64)
          .emit(op(DIF_OP_PUSHTV, 0, 0, 1), var(DIF_OP_STGAA, a, 2), ret(2)).build(VOID);
      p.trace(store);
    }
    Prog.Capture c = p.exit(0).clause("BEGIN").run();
    assertEquals("dtrace: [DTRACEDROP_DYNAMIC] 2 dynamic variable drops\n", c.err.toString());
  }

  @Test
  void testGo_providerThatCannotEnableFailsBeforeBegin() {
    org.hypertrace.api.provider.ProbeInfo probe = new org.hypertrace.api.provider.ProbeInfo(7,
        "broken", "", "", "fire", java.util.List.of());
    org.hypertrace.api.provider.ProbeProvider broken =
        new org.hypertrace.api.provider.ProbeProvider() {
          @Override public String name() {
            return "broken";
          }

          @Override public java.util.List<org.hypertrace.api.provider.ProbeInfo> probes(
              org.hypertrace.api.program.ProbeDescription p) {
            return "broken".equals(p.provider()) ? java.util.List.of(probe) : java.util.List.of();
          }

          @Override public Enabling enable(java.util.List<org.hypertrace.api.provider.ProbeInfo> l,
              org.hypertrace.api.provider.ProbeListener listener) {
            throw new IllegalStateException("no privilege");
          }
        };
    HyperTraceEngine engine = new HyperTraceEngine();
    engine.addProvider(broken);
    Prog p = new Prog().printf("begin\n").clause("BEGIN").printf("x\n")
        .clause("broken", "fire", null);
    Prog.Capture c = new Prog.Capture();
    TraceSession s = engine.open(p.build(), Map.of(), c);
    assertThrows(IllegalStateException.class, s::go);
    assertEquals("", c.out.toString());
  }

  @Test
  void testProbes_kernelProfileProviderSupersedesTimers() {
    org.hypertrace.api.program.ProbeDescription tick =
        new org.hypertrace.api.program.ProbeDescription("", "", "", "", "tick-1s");
    HyperTraceEngine engine = new HyperTraceEngine();
    assertEquals(1, engine.probes(tick).size());
    org.hypertrace.api.provider.ProbeInfo k = new org.hypertrace.api.provider.ProbeInfo(42,
        "profile", "", "", "tick-1s", java.util.List.of());
    engine.addProvider(new org.hypertrace.api.provider.ProbeProvider() {
      @Override public String name() {
        return "profile";
      }

      @Override public java.util.List<org.hypertrace.api.provider.ProbeInfo> probes(
          org.hypertrace.api.program.ProbeDescription p) {
        return java.util.List.of(k);
      }

      @Override public Enabling enable(java.util.List<org.hypertrace.api.provider.ProbeInfo> l,
          org.hypertrace.api.provider.ProbeListener listener) {
        return () -> { };
      }
    });
    assertEquals(java.util.List.of(k), engine.probes(tick));
  }

  @Test
  void testProbeDescription_noMatchRejected() {
    Prog p = new Prog().clause("dtrace", "NOSUCH", null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new HyperTraceEngine().open(p.build(), Map.of(), new Prog.Capture()));
    assertTrue(e.getMessage().contains("does not match any probes"));
  }
}

package org.hypertrace.compiler;

import static org.hypertrace.api.dtrace.DTraceConstants.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.hypertrace.api.compile.CompileRequest;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DErrorTag;
import org.hypertrace.api.dif.DifConstants;
import org.hypertrace.api.program.ActionDescription;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.Statement;
import org.hypertrace.compiler.ident.DtAct;
import org.junit.jupiter.api.Test;

class DTraceCompilerTest {
  static DProgram compile(String src) throws DCompileException {
    return new DTraceCompiler().compile(new CompileRequest(src, "test.d",
        CompileRequest.Context.PROGRAM, List.of("test.d"), Map.of(), false, List.of(), false))
        .program();
  }

  static DCompileException error(String src) {
    return assertThrows(DCompileException.class, () -> compile(src));
  }

  @Test
  void testStatements_onePerProbeDescription() throws Exception {
    DProgram p = compile("BEGIN, END { trace(1); }\ntick-1s { exit(0); }");
    assertEquals(3, p.statements().size());
    Statement s0 = p.statements().get(0);
    assertEquals("BEGIN", s0.probe().name());
    assertEquals("", s0.probe().provider());
    assertEquals("END", p.statements().get(1).probe().name());
    assertEquals(0, p.statements().get(1).clause());
    assertEquals(1, p.statements().get(2).clause());
    assertEquals(DTRACEACT_EXIT, p.statements().get(2).actions().get(0).kind());
    assertEquals(4, p.statements().get(2).actions().get(0).difo().returnType().size());
  }

  @Test
  void testEmptyClause_hasNoActions() throws Exception {
    DProgram p = compile("BEGIN {}");
    assertTrue(p.statements().get(0).actions().isEmpty());
  }

  @Test
  void testTrace_isDifexprWithTypedReturn() throws Exception {
    ActionDescription a = compile("BEGIN { trace(\"hi\"); }").statements().get(0).actions()
        .get(0);
    assertEquals(DTRACEACT_DIFEXPR, a.kind());
    assertTrue(a.difo().returnType().isString());
    assertEquals(256, a.difo().returnType().size());
  }

  @Test
  void testPrintf_oneActionPerArgumentFormatOnFirst() throws Exception {
    List<ActionDescription> acts = compile("BEGIN { printf(\"%d %s\\n\", 1, \"x\"); }")
        .statements().get(0).actions();
    assertEquals(2, acts.size());
    assertEquals(DTRACEACT_PRINTF, acts.get(0).kind());
    assertEquals("%i %s\n", acts.get(0).format());
    assertEquals(DTRACEACT_PRINTF, acts.get(1).kind());
    assertNull(acts.get(1).format());
  }

  @Test
  void testPrintf_formatPickledAsDtracePrintfFormat() throws Exception {
    List<ActionDescription> acts = compile("BEGIN { printf(\"a%-08d|%?p|%.0x %%|%s z\", "
        + "(unsigned char)1, 2, 3L, \"s\"); }").statements().get(0).actions();
    assertEquals("a%08u|%16x|%llx %%|%s z", acts.get(0).format());
  }

  @Test
  void testPrintf_withoutArgumentsReturnsR0() throws Exception {
    ActionDescription a = compile("BEGIN { printf(\"x\"); }").statements().get(0).actions()
        .get(0);
    assertEquals(1, a.difo().text().length);
    assertEquals(DifConstants.DIF_OP_RET, a.difo().text()[0] >>> 24);
  }

  @Test
  void testAggregation_tupleThenAggregatingAction() throws Exception {
    List<ActionDescription> acts = compile("BEGIN { @c[1, \"a\"] = lquantize(3, 0, 10, 2); }")
        .statements().get(0).actions();
    assertEquals(4, acts.size());
    assertEquals(DTRACEACT_DIFEXPR, acts.get(0).kind());
    assertEquals(1L, acts.get(0).difo().intTab()[0]);
    ActionDescription agg = acts.get(3);
    assertEquals(DTRACEAGG_LQUANTIZE, agg.kind());
    assertEquals(3, agg.ntuple());
    assertEquals((2L << 48) | (5L << 32), agg.arg());
    assertEquals("c", agg.aggregation().name());
    assertEquals(1, agg.aggregation().id());
    assertEquals(2, agg.aggregation().keyTypes().size());
  }

  @Test
  void testPrinta_carriesAggregationId() throws Exception {
    DProgram p = compile("BEGIN { @a = count(); @b = sum(1); } END { printa(\"%@d\", @b); }");
    ActionDescription a = p.statements().get(1).actions().get(0);
    assertEquals(DTRACEACT_PRINTA, a.kind());
    assertEquals(2, a.uarg());
    assertEquals("%@lli", a.format());
  }

  @Test
  void testClear_isLibact() throws Exception {
    DProgram p = compile("BEGIN { @a = count(); } END { clear(@a); }");
    ActionDescription a = p.statements().get(1).actions().get(0);
    assertEquals(DTRACEACT_LIBACT, a.kind());
    assertEquals(DtAct.DT_ACT_CLEAR, a.arg());
  }

  @Test
  void testPragmaOption_goesIntoOptions() throws Exception {
    DProgram p = compile("#pragma D option quiet\n#pragma D option bufsize=4m\nBEGIN {}");
    assertEquals("", p.options().get("quiet"));
    assertEquals("4m", p.options().get("bufsize"));
  }

  @Test
  void testSyntaxError_nearToken() {
    DCompileException e = error("BEGIN\n{\n  x = ;\n}");
    assertEquals(DErrorTag.D_SYNTAX, e.tag());
    assertEquals(3, e.line());
    assertEquals("line 3: syntax error near \";\"", e.getMessage());
  }

  @Test
  void testPrototypeMismatch_tagsAndLine() {
    DCompileException e = error("BEGIN\n{\n  trace(strlen(\"a\", \"b\"));\n}");
    assertEquals(DErrorTag.D_PROTO_LEN, e.tag());
    assertEquals(3, e.line());
    assertEquals("strlen( ) prototype mismatch: 2 args passed, 1 expected", e.text());
  }

  @Test
  void testUnknownProbe_isPdescZero() {
    DCompileException e = error("#pragma D option quiet\ntick-n\n{ exit(0); }");
    assertEquals(DErrorTag.D_PDESC_ZERO, e.tag());
    assertEquals(2, e.line());
  }

  @Test
  void testIncompatibleOperands_isOpIncompat() {
    DCompileException e = error("BEGIN { x = \"a\"; x = 1; }");
    assertEquals(DErrorTag.D_OP_INCOMPAT, e.tag());
  }

  @Test
  void testUndeclaredThreadLocalRead_isVarUndef() {
    DCompileException e = error("BEGIN { trace(self->x); }");
    assertEquals(DErrorTag.D_VAR_UNDEF, e.tag());
    assertEquals("self->x has not yet been declared or assigned", e.text());
  }

  @Test
  void testAggregationAfterSpeculate_isAggSpec() {
    DCompileException e = error("BEGIN { speculate(1); @a = count(); }");
    assertEquals(DErrorTag.D_AGG_SPEC, e.tag());
  }

  @Test
  void testDivisionByZeroConstant_isDivZero() {
    assertEquals(DErrorTag.D_DIV_ZERO, error("BEGIN { x = 1 / 0; }").tag());
  }

  @Test
  void testStructsAndTypedefs_compile() throws Exception {
    DProgram p = compile("struct s { int a; char b : 3; long c; };\n"
        + "typedef struct s s_t;\nthis s_t v;\n"
        + "BEGIN { this->v.a = 1; this->v.b = 2; trace(sizeof (s_t)); "
        + "trace(offsetof(s_t, c)); }");
    List<ActionDescription> acts = p.statements().get(0).actions();
    assertEquals(4, acts.size());
    assertEquals(16L, acts.get(2).difo().intTab()[0]);
    assertEquals(8L, acts.get(3).difo().intTab()[0]);
  }

  @Test
  void testMacroArguments_substituted() throws Exception {
    DProgram p = new DTraceCompiler().compile(new CompileRequest(
        "BEGIN { trace($1 + 1); trace($$2); }", "t.d", CompileRequest.Context.PROGRAM,
        List.of("t.d", "41", "str"), Map.of(), false, List.of(), false)).program();
    assertEquals(42L, p.statements().get(0).actions().get(0).difo().intTab()[0]);
  }

  @Test
  void testCpp_definesAndPragmaSurvive() throws Exception {
    DProgram p = new DTraceCompiler().compile(new CompileRequest(
        "#define N 7\n#pragma D option quiet\nBEGIN { trace(N); }", "t.d",
        CompileRequest.Context.PROGRAM, List.of("t.d"), Map.of(), true, List.of(), false))
        .program();
    assertEquals(7L, p.statements().get(0).actions().get(0).difo().intTab()[0]);
    assertTrue(p.options().containsKey("quiet"));
  }

  @Test
  void testDeepNesting_isADError() {
    String src = "BEGIN { x = " + "(".repeat(20000) + "1" + ")".repeat(20000) + "; }";
    DCompileException e = error(src);
    assertEquals(DErrorTag.D_SYNTAX, e.tag());
  }

  @Test
  void testHyperTrace_kernelMembersBecomeRelocations() throws Exception {
    // without a type registry: the opaque struct task_struct of -E
    DProgram p = new DTraceCompiler(() -> null).compile(new CompileRequest(
        "BEGIN { trace(curthread->pid); }", "t.d", CompileRequest.Context.PROGRAM,
        List.of("t.d"), Map.of(), false, List.of(), true)).program();
    org.hypertrace.api.dif.DifObject d = p.statements().get(0).actions().get(0).difo();
    assertEquals(2, d.relocations().size());
    assertEquals(DifConstants.DIF_OP_USETX, d.relocations().get(0).opcode());
    assertEquals("struct task_struct", d.relocations().get(0).typeName());
    assertEquals("pid", d.relocations().get(0).memberPath());
    int site = d.relocations().get(0).offset();
    assertEquals(DifConstants.DIF_OP_USETX, d.text()[site] >>> 24);
    assertEquals(DifConstants.DIF_OP_ULOAD, d.text()[d.relocations().get(1).offset()] >>> 24);
  }

  @Test
  void testLocal_unknownKernelMemberIsTypeMember() {
    DCompileException e = assertThrows(DCompileException.class, () -> new DTraceCompiler(
        () -> null).compile(new CompileRequest("BEGIN { trace(curthread->pid); }", "test.d",
        CompileRequest.Context.PROGRAM, List.of("test.d"), Map.of(), false, List.of(), false)));
    assertEquals(DErrorTag.D_TYPE_MEMBER, e.tag(), "without a type registry: illumos kthread");
  }
}

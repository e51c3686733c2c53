package org.hypertrace.compiler.dis;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.hypertrace.api.compile.CompileRequest;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.compiler.DTraceCompiler;
import org.junit.jupiter.api.Test;

class DifDisassemblerTest {
  static DifObject difo(String src, int action) throws Exception {
    return new DTraceCompiler().compile(new CompileRequest(src, "t.d",
        CompileRequest.Context.PROGRAM, List.of("t.d"), Map.of(), false, List.of(), false))
        .program().statements().get(0).actions().get(action).difo();
  }

  @Test
  void testListing_formatsLikeDtDis() throws Exception {
    String s = DifDisassembler.disassemble(difo("BEGIN { x = strlen(execname) + 1; }", 0));
    String[] lines = s.split("\n");
    assertTrue(lines[1].startsWith("DIFO 0x"), lines[1]);
    assertTrue(lines[1].endsWith("returns D type (integer) (size 0)"), lines[1]);
    assertEquals("OFF OPCODE      INSTRUCTION", lines[2]);
    assertEquals("00: 29011801    ldgs DT_VAR(280), %r1\t\t! DT_VAR(280) = \"execname\"",
        lines[3]);
    assertTrue(s.contains("call DIF_SUBR(12), %r1\t\t! strlen"), s);
    assertTrue(s.contains("pushtr DT_TYPE(1), %r2, %r1\t! DT_TYPE(1) = string"), s);
    assertTrue(s.contains("x                500  scl glb w    D type (integer) (size 8)"), s);
    assertTrue(s.contains("execname         118  scl glb r    string (unknown) by ref (size 256)"),
        s);
  }

  @Test
  void testBranches_printTargets() throws Exception {
    String s = DifDisassembler.disassemble(difo("BEGIN { trace(timestamp > 5 ? 1 : 2); }", 0));
    assertTrue(s.matches("(?s).*bgu  \\d+.*"), s);
    assertTrue(s.contains("tst  %r1"), s);
  }
}

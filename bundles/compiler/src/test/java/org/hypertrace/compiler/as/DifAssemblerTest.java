package org.hypertrace.compiler.as;

import static org.hypertrace.api.dif.DifConstants.*;
import static org.junit.jupiter.api.Assertions.*;

import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifType;
import org.junit.jupiter.api.Test;

class DifAssemblerTest {
  @Test
  void testForwardBranch_resolvedInSecondPass() {
    DifAssembler as = new DifAssembler();
    Label l = new Label();
    as.visitTst(1);
    as.visitBranch(DIF_OP_BE, l);
    as.visitSetx(5, 1);
    as.visitLabel(l);
    as.visitRet(1);
    as.visitEnd(DifType.INT64);
    DifObject d = as.result();
    assertEquals((DIF_OP_BE << 24) | 3, d.text()[1]);
    assertEquals((DIF_OP_SETX << 24) | 1, d.text()[2]);
  }

  @Test
  void testTables_deduplicated() {
    DifAssembler as = new DifAssembler();
    as.visitSetx(7, 1);
    as.visitSetx(7, 2);
    as.visitSets("ab", 3);
    as.visitSets("ab", 4);
    as.visitEnd(DifType.INT64);
    DifObject d = as.result();
    assertEquals(1, d.intTab().length);
    assertArrayEquals(new byte[] {0, 'a', 'b', 0}, d.strTab());
    assertEquals((DIF_OP_SETS << 24) | (1 << 8) | 4, d.text()[3]);
  }

  @Test
  void testEncodings_matchDtraceH() {
    DifAssembler as = new DifAssembler();
    as.visitLog(DIF_OP_ADD, 1, 2, 3);
    as.visitLdv(DIF_OP_LDGS, 0x500, 2);
    as.visitPushts(DIF_OP_PUSHTR, DIF_TYPE_STRING, 3, 1);
    as.visitCall(DIF_SUBR_STRLEN, 1);
    as.visitEnd(DifType.INT64);
    int[] t = as.result().text();
    assertEquals(0x07010203, t[0]);
    assertEquals((DIF_OP_LDGS << 24) | (0x500 << 8) | 2, t[1]);
    assertEquals((DIF_OP_PUSHTR << 24) | (1 << 16) | (3 << 8) | 1, t[2]);
    assertEquals((DIF_OP_CALL << 24) | (DIF_SUBR_STRLEN << 8) | 1, t[3]);
  }
}

package org.hypertrace.linker.dif;

import static org.hypertrace.api.dif.DifConstants.*;

import java.util.ArrayList;
import java.util.List;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifRelocation;

/**
 * Decodes a DIF object's text into {@link DifVisitor} calls with the field layouts of sys/dtrace.h
 * ({@code DIF_INSTR_*}); the formats follow dt_dis.c's opcode table. Each relocation is announced
 * just before the instruction it names, after checking that the instruction carries the
 * relocation's opcode.
 */
public final class DifReader {
  private DifReader() {}

  /**
   * @param difo the object
   * @param v    the visitor
   * @throws DifFormatException on an unknown opcode or a relocation that does not name its site
   */
  public static void accept(DifObject difo, DifVisitor v) {
    int[] text = difo.text();
    List<List<DifRelocation>> at = sites(difo);
    for (int pc = 0; pc < text.length; pc++) {
      int instr = text[pc];
      for (DifRelocation r : at.get(pc)) {
        v.visitRelocation(r);
      }
      decode(pc, instr, v);
    }
  }

  private static List<List<DifRelocation>> sites(DifObject difo) {
    int n = difo.text().length;
    List<List<DifRelocation>> at = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      at.add(new ArrayList<>(0));
    }
    for (DifRelocation r : difo.relocations()) {
      if (r.offset() < 0 || r.offset() >= n) {
        throw new DifFormatException(r.offset(), "relocation outside the object (" + n
            + " instructions)");
      }
      int op = difo.text()[r.offset()] >>> 24;
      if (op != r.opcode()) {
        throw new DifFormatException(r.offset(), "relocation for " + DifOps.name(r.opcode())
            + " names a " + DifOps.name(op) + " instruction");
      }
      if (!at.get(r.offset()).isEmpty()) {
        throw new DifFormatException(r.offset(), "two relocations name one instruction");
      }
      at.get(r.offset()).add(r);
    }
    return at;
  }

  private static void decode(int pc, int i, DifVisitor v) {
    int op = i >>> 24;
    int r1 = (i >>> 16) & 0xff;
    int r2 = (i >>> 8) & 0xff;
    int rd = i & 0xff;
    int v16 = (i >>> 8) & 0xffff;
    switch (DifOps.format(op)) {
      case DifOps.F_LOG -> v.visitLog(op, r1, r2, rd);
      case DifOps.F_BRANCH -> v.visitBranch(op, i & 0xffffff);
      case DifOps.F_LOAD -> v.visitLoad(op, r1, rd);
      case DifOps.F_STORE -> v.visitStore(op, r1, rd);
      case DifOps.F_INSN -> v.visitInsn(op);
      case DifOps.F_R1RD -> v.visitR1Rd(op, r1, rd);
      case DifOps.F_CMP -> v.visitCmp(op, r1, r2);
      case DifOps.F_TST -> v.visitTst(r1);
      case DifOps.F_LDA -> v.visitLda(op, r1, r2, rd);
      case DifOps.F_LDV -> v.visitLdv(op, v16, rd);
      case DifOps.F_STV -> v.visitStv(op, v16, rd);
      case DifOps.F_STA -> v.visitSta(op, r1, r2, rd);
      case DifOps.F_SETX -> v.visitSetx(op, v16, rd);
      case DifOps.F_SETS -> v.visitSets(v16, rd);
      case DifOps.F_RET -> v.visitRet(rd);
      case DifOps.F_CALL -> v.visitCall(v16, rd);
      case DifOps.F_PUSHTS -> v.visitPushts(op, r1, r2, rd);
      case DifOps.F_XLATE -> v.visitXlate(op, v16, rd);
      default -> throw new DifFormatException(pc, "unknown opcode " + op);
    }
  }
}

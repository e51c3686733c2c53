package org.hypertrace.linker.dif;

import org.hypertrace.api.dif.DifRelocation;

/**
 * A visitor of one DIF object's instruction stream, one method per operand format of dt_dis.c
 * (the {@code dt_dis_*} printers), not per opcode. The linker's own small copy of the compiler's
 * visitor, working on decoded fields and raw indices (branch targets stay instruction offsets,
 * since linking never changes an object's length), so the linker depends on the api alone.
 * {@link DifReader} drives it, {@link DifWriter} encodes it back, and the linker sits between.
 */
public interface DifVisitor {
  /** A HyperTrace relocation that applies to the next instruction visited. */
  void visitRelocation(DifRelocation relocation);

  /** Three registers: or, xor, and, sll, srl, sra, sub, add, mul, sdiv, udiv, srem, urem, copys,
   *  and HyperTrace's typecast. */
  void visitLog(int op, int r1, int r2, int rd);

  /** Branch to an instruction offset: ba, be, bne, bg, bgu, bge, bgeu, bl, blu, ble, bleu. */
  void visitBranch(int op, int label);

  /** Load {@code [r1]} into rd: ld*, uld*, rld*, and HyperTrace's uload, uuload. */
  void visitLoad(int op, int r1, int rd);

  /** Store rs to {@code [rd]}: stb, sth, stw, stx. */
  void visitStore(int op, int rs, int rd);

  /** Opcode alone: nop, popts, flushts. */
  void visitInsn(int op);

  /** r1 to rd: not, mov, allocs. */
  void visitR1Rd(int op, int r1, int rd);

  /** Compare: cmp, scmp. */
  void visitCmp(int op, int r1, int r2);

  /** tst r1. */
  void visitTst(int r1);

  /** Array element load: ldga, ldta (8-bit variable field, index register, destination). */
  void visitLda(int op, int var, int r2, int rd);

  /** Variable load: ldgs, ldts, ldls, ldgaa, ldtaa. */
  void visitLdv(int op, int var, int rd);

  /** Variable store: stgs, stts, stls, stgaa, sttaa. */
  void visitStv(int op, int var, int rs);

  /** Array element store: stga. */
  void visitSta(int op, int var, int r2, int rd);

  /** setx (or HyperTrace's usetx): integer-table index and destination. */
  void visitSetx(int op, int index, int rd);

  /** sets: string-table offset and destination. */
  void visitSets(int offset, int rd);

  /** ret rd. */
  void visitRet(int rd);

  /** call a subroutine. */
  void visitCall(int subr, int rd);

  /** pushtr / pushtv. */
  void visitPushts(int op, int type, int r2, int rs);

  /** xlate / xlarg. */
  void visitXlate(int op, int xlref, int rd);
}

package org.hypertrace.compiler.as;

import org.hypertrace.api.dif.DifType;

/**
 * A visitor of DIF instruction streams with one method per operand format of dt_dis.c (the
 * {@code dt_dis_*} printers), not per opcode. The code generator emits into it; the assembler,
 * the disassembler and test checkers implement it.
 */
public interface DifVisitor {
  /** Three registers: or, xor, and, sll, srl, sra, sub, add, mul, sdiv, udiv, srem, urem, copys. */
  void visitLog(int op, int r1, int r2, int rd);

  /** Branch to a label: ba, be, bne, bg, bgu, bge, bgeu, bl, blu, ble, bleu. */
  void visitBranch(int op, Label target);

  /** Load {@code [r1]} into rd: ld*, uld*, rld*. */
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

  /** Array element load: ldga, ldta (variable, index register, destination). */
  void visitLda(int op, int var, int r2, int rd);

  /** Variable load: ldgs, ldts, ldls, ldgaa, ldtaa. */
  void visitLdv(int op, int var, int rd);

  /** Variable store: stgs, stts, stls, stgaa, sttaa. */
  void visitStv(int op, int var, int rs);

  /** Array element store: stga. */
  void visitSta(int op, int var, int r2, int rd);

  /** setx: the assembler places {@code value} in the integer table. */
  void visitSetx(long value, int rd);

  /** sets: the assembler places {@code s} in the string table. */
  void visitSets(String s, int rd);

  /** ret rd. */
  void visitRet(int rd);

  /** call a subroutine. */
  void visitCall(int subr, int rd);

  /** pushtr / pushtv. */
  void visitPushts(int op, int type, int r2, int rs);

  /** xlate / xlarg. */
  void visitXlate(int op, int xlref, int rd);

  /** usetx rd: a setx whose value (offset or size) only the target knows. */
  void visitUsetx(int rd);

  /** uload / uuload [r1], rd: a load whose width and signedness only the target knows. */
  void visitUload(int op, int r1, int rd);

  /** Binds {@code l} to the next instruction. */
  void visitLabel(Label l);

  /** A variable table entry. */
  void visitVariable(String name, int id, int kind, int scope, int flags, DifType type);

  /**
   * A HyperTrace relocation at the next instruction.
   *
   * @param opcode relocation opcode (DIF_OP_USETX, DIF_OP_ULOAD, ...)
   */
  void visitRelocation(int opcode, String typeName, String memberPath);

  /** Ends the object. */
  void visitEnd(DifType returnType);
}

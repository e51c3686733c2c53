package org.hypertrace.linker.dif;

import static org.hypertrace.api.dif.DifConstants.*;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifRelocation;

/**
 * Encodes {@link DifVisitor} calls back into a DIF object with the {@code DIF_INSTR_*} layouts of
 * sys/dtrace.h. It starts from a base object whose integer table, string table, variables and
 * return type it keeps; {@link #appendInteger} adds integer-table entries after the base's (the
 * only table change linking may make). Relocations passing through are dropped: the written
 * object is plain DIF.
 */
public final class DifWriter implements DifVisitor {
  private final DifObject base;
  private int[] text;
  private int len;
  private long[] ints;
  private int nints;
  private final Map<Long, Integer> appended = new HashMap<>();

  /** @param base the object whose tables the written object keeps */
  public DifWriter(DifObject base) {
    this.base = base;
    this.text = new int[Math.max(4, base.text().length)];
    this.ints = Arrays.copyOf(base.intTab(), base.intTab().length + 4);
    this.nints = base.intTab().length;
  }

  /**
   * Adds {@code value} after the base's integer table (once per distinct value).
   *
   * @return its index
   * @throws DifFormatException if the table would pass DIF_INTOFF_MAX
   */
  public int appendInteger(long value) {
    Integer at = appended.get(value);
    if (at != null) {
      return at;
    }
    if (nints > DIF_INTOFF_MAX) {
      throw new DifFormatException(len, "integer table full (" + nints + " entries)");
    }
    if (nints == ints.length) {
      ints = Arrays.copyOf(ints, nints * 2);
    }
    ints[nints] = value;
    appended.put(value, nints);
    return nints++;
  }

  /** @return the number of instructions written so far */
  public int length() {
    return len;
  }

  /** @return the written object: base tables, appended integers, no relocations */
  public DifObject toDifObject() {
    return new DifObject(Arrays.copyOf(text, len), Arrays.copyOf(ints, nints), base.strTab(),
        base.varTab(), base.returnType(), List.of());
  }

  private void emit(int instr) {
    if (len == text.length) {
      text = Arrays.copyOf(text, len * 2);
    }
    text[len++] = instr;
  }

  private static int fmt(int op, int r1, int r2, int rd) {
    return (op << 24) | ((r1 & 0xff) << 16) | ((r2 & 0xff) << 8) | (rd & 0xff);
  }

  private static int wide(int op, int v16, int rd) {
    return (op << 24) | ((v16 & 0xffff) << 8) | (rd & 0xff);
  }

  @Override
  public void visitRelocation(DifRelocation relocation) {
    // plain DIF carries no relocations
  }

  @Override
  public void visitLog(int op, int r1, int r2, int rd) {
    emit(fmt(op, r1, r2, rd));
  }

  @Override
  public void visitBranch(int op, int label) {
    emit((op << 24) | (label & 0xffffff));
  }

  @Override
  public void visitLoad(int op, int r1, int rd) {
    emit(fmt(op, r1, 0, rd));
  }

  @Override
  public void visitStore(int op, int rs, int rd) {
    emit(fmt(op, rs, 0, rd));
  }

  @Override
  public void visitInsn(int op) {
    emit(op << 24);
  }

  @Override
  public void visitR1Rd(int op, int r1, int rd) {
    emit(fmt(op, r1, 0, rd));
  }

  @Override
  public void visitCmp(int op, int r1, int r2) {
    emit(fmt(op, r1, r2, 0));
  }

  @Override
  public void visitTst(int r1) {
    emit(fmt(DIF_OP_TST, r1, 0, 0));
  }

  @Override
  public void visitLda(int op, int var, int r2, int rd) {
    emit(fmt(op, var, r2, rd));
  }

  @Override
  public void visitLdv(int op, int var, int rd) {
    emit(wide(op, var, rd));
  }

  @Override
  public void visitStv(int op, int var, int rs) {
    emit(wide(op, var, rs));
  }

  @Override
  public void visitSta(int op, int var, int r2, int rd) {
    emit(fmt(op, var, r2, rd));
  }

  @Override
  public void visitSetx(int op, int index, int rd) {
    emit(wide(op, index, rd));
  }

  @Override
  public void visitSets(int offset, int rd) {
    emit(wide(DIF_OP_SETS, offset, rd));
  }

  @Override
  public void visitRet(int rd) {
    emit(fmt(DIF_OP_RET, 0, 0, rd));
  }

  @Override
  public void visitCall(int subr, int rd) {
    emit(wide(DIF_OP_CALL, subr, rd));
  }

  @Override
  public void visitPushts(int op, int type, int r2, int rs) {
    emit(fmt(op, type, r2, rs));
  }

  @Override
  public void visitXlate(int op, int xlref, int rd) {
    emit(wide(op, xlref, rd));
  }
}

package org.hypertrace.engine;

import static org.hypertrace.api.dif.DifConstants.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifType;
import org.hypertrace.api.dif.DifVariable;

/** Test-side DIF assembler: builds DIF objects by hand, as dt_as.c would encode them. */
public final class DifAsm {
  /** A string (by reference) return type of size 256. */
  public static final DifType STRING = new DifType(DIF_TYPE_STRING, 0, DIF_TF_BYREF, 256);
  /** int (4 bytes). */
  public static final DifType INT = new DifType(DIF_TYPE_CTF, 1, 0, 4);
  /** void: an expression statement. */
  public static final DifType VOID = new DifType(DIF_TYPE_CTF, 0, 0, 0);

  private final List<Integer> text = new ArrayList<>();
  private final List<Long> ints = new ArrayList<>();
  private final ByteArrayOutputStream strs = new ByteArrayOutputStream();
  private final List<DifVariable> vars = new ArrayList<>();

  public static int op(int op, int r1, int r2, int rd) {
    return op << 24 | r1 << 16 | r2 << 8 | rd;
  }

  public static int branch(int op, int label) {
    return op << 24 | label;
  }

  public static int var(int op, int id, int reg) {
    return op << 24 | id << 8 | reg;
  }

  public static int ret(int rd) {
    return op(DIF_OP_RET, 0, 0, rd);
  }

  public DifAsm emit(int... instrs) {
    for (int i : instrs) {
      text.add(i);
    }
    return this;
  }

  /** setx of a new integer table entry. */
  public DifAsm setx(long v, int rd) {
    ints.add(v);
    return emit(var(DIF_OP_SETX, ints.size() - 1, rd));
  }

  /** sets of a new string table entry. */
  public DifAsm sets(String s, int rd) {
    int off = strs.size();
    strs.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    strs.write(0);
    return emit(var(DIF_OP_SETS, off, rd));
  }

  /** Declares a variable in the variable table. */
  public DifAsm declare(String name, int id, int kind, int scope, DifType t) {
    vars.add(new DifVariable(name, id, kind, scope, DIFV_F_REF | DIFV_F_MOD, t));
    return this;
  }

  /** @return the object */
  public DifObject build(DifType rtype) {
    int[] t = text.stream().mapToInt(Integer::intValue).toArray();
    long[] it = ints.stream().mapToLong(Long::longValue).toArray();
    return new DifObject(t, it, strs.toByteArray(), List.copyOf(vars), rtype, List.of());
  }

  /** @return a DIF object returning a constant */
  public static DifObject constant(long v, DifType t) {
    return new DifAsm().setx(v, 1).emit(ret(1)).build(t);
  }

  /** @return a DIF object returning a constant string */
  public static DifObject string(String s) {
    return new DifAsm().sets(s, 1).emit(ret(1)).build(STRING);
  }

  /** @return a DIF object returning a built-in variable */
  public static DifObject builtin(int id, DifType t) {
    return new DifAsm().emit(var(DIF_OP_LDGS, id, 1), ret(1)).build(t);
  }
}

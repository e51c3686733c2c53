package org.hypertrace.compiler.as;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hypertrace.api.dif.DifConstants;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifRelocation;
import org.hypertrace.api.dif.DifType;
import org.hypertrace.api.dif.DifVariable;

/**
 * The DIF assembler: port of dt_as.c {@code dt_as}. Encodes instructions with the dtrace.h
 * {@code DIF_INSTR_*} layouts, builds the deduplicated integer table ({@code dt_inttab}) and
 * string table ({@code dt_strtab}, offset 0 is the empty string), resolves forward branch labels
 * in a second pass, and produces the {@link DifObject}.
 */
public final class DifAssembler implements DifVisitor {
  /** Limit on instructions per object (the kernel's dtrace_difo_maxsize is 256 KiB). */
  public static final int MAX_INSTRUCTIONS = 256 * 1024 / 4;

  private int[] text = new int[16];
  private int len;
  private final List<Object[]> fixups = new ArrayList<>();
  private final List<Long> ints = new ArrayList<>();
  private final Map<Long, Integer> intIndex = new HashMap<>();
  private final ByteArrayOutputStream strtab = new ByteArrayOutputStream();
  private final Map<String, Integer> strIndex = new HashMap<>();
  private final List<DifVariable> vars = new ArrayList<>();
  private final List<DifRelocation> relocs = new ArrayList<>();
  private DifObject result;

  public DifAssembler() {
    strtab.write(0);
    strIndex.put("", 0);
  }

  private void emit(int instr) {
    if (len == text.length) {
      text = java.util.Arrays.copyOf(text, len * 2);
    }
    text[len++] = instr;
  }

  private static int fmt(int op, int r1, int r2, int d) {
    return (op << 24) | ((r1 & 0xff) << 16) | ((r2 & 0xff) << 8) | (d & 0xff);
  }

  /** @return the string table offset of {@code s}, inserting it. */
  public int string(String s) {
    Integer off = strIndex.get(s);
    if (off != null) {
      return off;
    }
    int o = strtab.size();
    byte[] b = encode(s);
    strtab.write(b, 0, b.length);
    strtab.write(0);
    strIndex.put(s, o);
    return o;
  }

  /** D strings are byte strings: chars below 256 are bytes, others UTF-8. */
  static byte[] encode(String s) {
    boolean narrow = true;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xff) {
        narrow = false;
        break;
      }
    }
    return s.getBytes(narrow ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  private int integer(long v) {
    return intIndex.computeIfAbsent(v, k -> {
      ints.add(k);
      return ints.size() - 1;
    });
  }

  @Override
  public void visitLog(int op, int r1, int r2, int rd) {
    emit(fmt(op, r1, r2, rd));
  }

  @Override
  public void visitBranch(int op, Label target) {
    fixups.add(new Object[] {len, target});
    emit(op << 24);
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
    emit(fmt(DifConstants.DIF_OP_TST, r1, 0, 0));
  }

  @Override
  public void visitLda(int op, int var, int r2, int rd) {
    emit(fmt(op, var, r2, rd));
  }

  @Override
  public void visitLdv(int op, int var, int rd) {
    emit((op << 24) | ((var & 0xffff) << 8) | (rd & 0xff));
  }

  @Override
  public void visitStv(int op, int var, int rs) {
    emit((op << 24) | ((var & 0xffff) << 8) | (rs & 0xff));
  }

  @Override
  public void visitSta(int op, int var, int r2, int rd) {
    emit(fmt(op, var, r2, rd));
  }

  @Override
  public void visitSetx(long value, int rd) {
    emit((DifConstants.DIF_OP_SETX << 24) | (integer(value) << 8) | (rd & 0xff));
  }

  @Override
  public void visitSets(String s, int rd) {
    emit((DifConstants.DIF_OP_SETS << 24) | ((string(s) & 0xffff) << 8) | (rd & 0xff));
  }

  @Override
  public void visitRet(int rd) {
    emit(fmt(DifConstants.DIF_OP_RET, 0, 0, rd));
  }

  @Override
  public void visitCall(int subr, int rd) {
    emit((DifConstants.DIF_OP_CALL << 24) | ((subr & 0xffff) << 8) | (rd & 0xff));
  }

  @Override
  public void visitPushts(int op, int type, int r2, int rs) {
    emit(fmt(op, type, r2, rs));
  }

  @Override
  public void visitXlate(int op, int xlref, int rd) {
    emit((op << 24) | ((xlref & 0xffff) << 8) | (rd & 0xff));
  }

  @Override
  public void visitUsetx(int rd) {
    emit((DifConstants.DIF_OP_USETX << 24) | (rd & 0xff));
  }

  @Override
  public void visitUload(int op, int r1, int rd) {
    emit(fmt(op, r1, 0, rd));
  }

  @Override
  public void visitLabel(Label l) {
    l.offset = len;
  }

  @Override
  public void visitVariable(String name, int id, int kind, int scope, int flags, DifType type) {
    string(name);
    vars.add(new DifVariable(name, id, kind, scope, flags, type));
  }

  @Override
  public void visitRelocation(int opcode, String typeName, String memberPath) {
    relocs.add(new DifRelocation(len, opcode, typeName, memberPath));
  }

  @Override
  public void visitEnd(DifType returnType) {
    for (Object[] f : fixups) {
      int at = (Integer) f[0];
      Label l = (Label) f[1];
      text[at] |= l.offset & 0xffffff;
    }
    long[] it = new long[ints.size()];
    for (int i = 0; i < it.length; i++) {
      it[i] = ints.get(i);
    }
    byte[] st = strtab.size() == 1 ? new byte[0] : strtab.toByteArray();
    result = new DifObject(java.util.Arrays.copyOf(text, len), it, st, List.copyOf(vars),
        returnType, List.copyOf(relocs));
  }

  /** @return the number of instructions so far. */
  public int length() {
    return len;
  }

  /** @return the assembled object (after {@link #visitEnd}). */
  public DifObject result() {
    return result;
  }
}

package org.hypertrace.engine.vm;

import static org.hypertrace.api.dif.DifConstants.*;
import static org.hypertrace.api.dtrace.DTraceConstants.*;
import static org.hypertrace.engine.DifAsm.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifType;
import org.hypertrace.engine.DifAsm;
import org.junit.jupiter.api.Test;

class DifInterpreterTest {
  private static final int X = DIF_VAR_OTHER_UBASE;

  @Test
  void testArithmetic_signAndWidth() {
    DifObject d = new DifAsm().setx(-7, 1).setx(2, 2)
        .emit(op(DIF_OP_SDIV, 1, 2, 3), op(DIF_OP_UDIV, 1, 2, 4), op(DIF_OP_SRA, 1, 2, 5),
            op(DIF_OP_SRL, 1, 2, 6), op(DIF_OP_SUB, 3, 4, 3), op(DIF_OP_ADD, 3, 5, 3),
            ret(3))
        .build(DifType.INT64);
    TestVm t = new TestVm(d);
    long expect = (-7L / 2) - Long.divideUnsigned(-7L, 2) + (-7L >> 2);
    assertEquals(expect, t.run(d));
    assertEquals(0, t.ms.fault);
  }

  @Test
  void testBranches_signedAndUnsigned() {
    // r1 = -1, r2 = 1: bl taken (signed), blu not taken (unsigned)
    DifObject d = new DifAsm().setx(-1, 1).setx(1, 2).setx(10, 3).setx(20, 4)
        .emit(op(DIF_OP_CMP, 1, 2, 0), branch(DIF_OP_BLU, 8), branch(DIF_OP_BL, 9),
            ret(0), ret(4), ret(3))
        .build(DifType.INT64);
    TestVm t = new TestVm(d);
    assertEquals(10, t.run(d));
  }

  @Test
  void testDivide_byZeroFaults() {
    DifObject d = new DifAsm().setx(5, 1).emit(op(DIF_OP_SDIV, 1, 0, 2), ret(2))
        .build(DifType.INT64);
    TestVm t = new TestVm(d);
    t.run(d);
    assertEquals(DTRACEFLT_DIVZERO, t.ms.fault);
    assertEquals(4, t.ms.faultPc);
  }

  @Test
  void testLoad_nullPointerFaultsWithAddress() {
    DifObject d = new DifAsm().emit(op(DIF_OP_LDSW, 0, 0, 1), ret(1)).build(DifType.INT64);
    TestVm t = new TestVm(d);
    assertEquals(0, t.run(d));
    assertEquals(DTRACEFLT_BADADDR, t.ms.fault);
    assertEquals(0, t.ms.illval);
    assertEquals(0, t.ms.faultPc);
  }

  @Test
  void testStrings_scmpAndStrlen() {
    DifObject d = new DifAsm().sets("abc", 1).sets("abd", 2).setx(1, 3).setx(2, 4)
        .emit(op(DIF_OP_SCMP, 1, 2, 0), branch(DIF_OP_BL, 7), ret(4),
            op(DIF_OP_PUSHTR, DIF_TYPE_STRING, 0, 1), var(DIF_OP_CALL, DIF_SUBR_STRLEN, 5),
            ret(5))
        .build(DifType.INT64);
    TestVm t = new TestVm(d);
    assertEquals(3, t.run(d));
  }

  @Test
  void testGlobals_scalarAndString() {
    DifObject store = new DifAsm().setx(41, 1).sets("hello", 2)
        .declare("x", X, DIFV_KIND_SCALAR, DIFV_SCOPE_GLOBAL, DifType.INT64)
        .declare("s", X + 1, DIFV_KIND_SCALAR, DIFV_SCOPE_GLOBAL, STRING)
        .emit(var(DIF_OP_STGS, X, 1), var(DIF_OP_STGS, X + 1, 2), ret(0)).build(VOID);
    DifObject load = new DifAsm()
        .declare("x", X, DIFV_KIND_SCALAR, DIFV_SCOPE_GLOBAL, DifType.INT64)
        .emit(var(DIF_OP_LDGS, X, 1), ret(1)).build(DifType.INT64);
    DifObject loadS = new DifAsm()
        .declare("s", X + 1, DIFV_KIND_SCALAR, DIFV_SCOPE_GLOBAL, STRING)
        .emit(var(DIF_OP_LDGS, X + 1, 1), ret(1)).build(STRING);
    TestVm t = new TestVm(store, load, loadS);
    t.run(store);
    assertEquals(41, t.run(load));
    assertEquals("hello", t.ms.string(t.run(loadS)));
  }

  @Test
  void testThreadLocals_keyedByThreadAndVm() {
    DifObject store = new DifAsm().setx(5, 1)
        .declare("ts", X, DIFV_KIND_SCALAR, DIFV_SCOPE_THREAD, DifType.INT64)
        .emit(var(DIF_OP_STTS, X, 1), ret(0)).build(VOID);
    DifObject load = new DifAsm()
        .declare("ts", X, DIFV_KIND_SCALAR, DIFV_SCOPE_THREAD, DifType.INT64)
        .emit(var(DIF_OP_LDTS, X, 1), ret(1)).build(DifType.INT64);
    TestVm t = new TestVm(store, load);
    t.run(store);
    assertEquals(5, t.run(load));
    t.fc.vm = 3;
    assertEquals(0, t.run(load), "another VM's thread 7 has its own self->ts");
    t.fc.vm = 0;
    assertEquals(5, t.run(load));
  }

  @Test
  void testAssocArrays_storeLoadAndDelete() {
    DifObject store = new DifAsm().sets("k", 1).setx(9, 2)
        .declare("a", X, DIFV_KIND_ARRAY, DIFV_SCOPE_GLOBAL, DifType.INT64)
        .emit(op(DIF_OP_PUSHTR, DIF_TYPE_STRING, 0, 1), var(DIF_OP_STGAA, X, 2), ret(0))
        .build(VOID);
    DifObject del = new DifAsm().sets("k", 1)
        .declare("a", X, DIFV_KIND_ARRAY, DIFV_SCOPE_GLOBAL, DifType.INT64)
        .emit(op(DIF_OP_PUSHTR, DIF_TYPE_STRING, 0, 1), var(DIF_OP_STGAA, X, 0), ret(0))
        .build(VOID);
    DifObject load = new DifAsm().sets("k", 1)
        .declare("a", X, DIFV_KIND_ARRAY, DIFV_SCOPE_GLOBAL, DifType.INT64)
        .emit(op(DIF_OP_PUSHTR, DIF_TYPE_STRING, 0, 1), var(DIF_OP_LDGAA, X, 3), ret(3))
        .build(DifType.INT64);
    TestVm t = new TestVm(store, del, load);
    t.run(store);
    assertEquals(9, t.run(load));
    t.run(del);
    assertEquals(0, t.run(load));
  }

  @Test
  void testDynamicVariables_dropWhenFull() {
    // a[i] = 1 for distinct keys, with room for very few chunks
    DifObject store = new DifAsm().setx(1, 2)
        .declare("a", X, DIFV_KIND_ARRAY, DIFV_SCOPE_GLOBAL, DifType.INT64)
        .emit(var(DIF_OP_LDGS, DIF_VAR_ARG0, 1), op(DIF_OP_PUSHTV, 0, 0, 1),
            var(DIF_OP_STGAA, X, 2), ret(0))
        .build(VOID);
    TestVm t = new TestVm(256, 3 * 72, store);
    for (int i = 0; i < 5; i++) {
      t.ctx.setArg(0, i);
      t.run(store);
    }
    assertEquals(2, t.vars.drops());
  }

  @Test
  void testSubroutines_substrAndLltostr() {
    DifObject d = new DifAsm().sets("hello world", 1).setx(6, 2)
        .emit(op(DIF_OP_PUSHTR, DIF_TYPE_STRING, 0, 1), op(DIF_OP_PUSHTV, 0, 0, 2),
            var(DIF_OP_CALL, DIF_SUBR_SUBSTR, 3), ret(3))
        .build(STRING);
    DifObject n = new DifAsm().setx(-42, 1)
        .emit(op(DIF_OP_PUSHTV, 0, 0, 1), var(DIF_OP_CALL, DIF_SUBR_LLTOSTR, 3), ret(3))
        .build(STRING);
    TestVm t = new TestVm(d, n);
    assertEquals("world", t.ms.string(t.run(d)));
    assertEquals("-42", t.ms.string(t.run(n)));
  }

  @Test
  void testBuiltins_execnameAndArgs() {
    DifObject e = DifAsm.builtin(DIF_VAR_EXECNAME, STRING);
    DifObject a = new DifAsm().setx(1, 2).emit(op(DIF_OP_LDGA, DIF_VAR_ARGS, 2, 1), ret(1))
        .build(DifType.INT64);
    TestVm t = new TestVm(e, a);
    t.ctx.setArg(1, 99);
    assertEquals("java", t.ms.string(t.run(e)));
    assertEquals(99, t.run(a));
  }

  @Test
  void testStore_toConstantRegionFaults() {
    DifObject d = new DifAsm().sets("x", 1).setx(1, 2).emit(op(DIF_OP_STB, 2, 0, 1), ret(0))
        .build(VOID);
    TestVm t = new TestVm(d);
    t.run(d);
    assertEquals(DTRACEFLT_BADADDR, t.ms.fault);
  }

  /** The hot loop must stay small enough for the JIT: fail well before the 8,000-byte limit. */
  @Test
  void testRun_bytecodeBelow7000() throws IOException {
    int len = codeLength(DifInterpreter.class, "run");
    assertTrue(len > 0 && len < 7000, "DifInterpreter.run is " + len + " bytes of bytecode");
  }

  static int codeLength(Class<?> c, String method) throws IOException {
    try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
      DataInputStream d = new DataInputStream(in);
      d.readInt();
      d.readUnsignedShort();
      d.readUnsignedShort();
      int n = d.readUnsignedShort();
      String[] utf = new String[n];
      for (int i = 1; i < n; i++) {
        int tag = d.readUnsignedByte();
        switch (tag) {
          case 1 -> utf[i] = d.readUTF();
          case 3, 4 -> d.readInt();
          case 5, 6 -> {
            d.readLong();
            i++;
          }
          case 7, 8, 16, 19, 20 -> d.readUnsignedShort();
          case 9, 10, 11, 12, 17, 18 -> d.readInt();
          case 15 -> {
            d.readUnsignedByte();
            d.readUnsignedShort();
          }
          default -> throw new IOException("constant tag " + tag);
        }
      }
      d.readUnsignedShort();
      d.readUnsignedShort();
      d.readUnsignedShort();
      d.skipBytes(2 * d.readUnsignedShort());
      int fields = d.readUnsignedShort();
      for (int i = 0; i < fields; i++) {
        d.skipBytes(6);
        skipAttributes(d);
      }
      int methods = d.readUnsignedShort();
      for (int i = 0; i < methods; i++) {
        d.readUnsignedShort();
        String name = utf[d.readUnsignedShort()];
        d.readUnsignedShort();
        int attrs = d.readUnsignedShort();
        for (int k = 0; k < attrs; k++) {
          String an = utf[d.readUnsignedShort()];
          int alen = d.readInt();
          if (name.equals(method) && an.equals("Code")) {
            d.readUnsignedShort();
            d.readUnsignedShort();
            return d.readInt();
          }
          d.skipBytes(alen);
        }
      }
      return -1;
    }
  }

  private static void skipAttributes(DataInputStream d) throws IOException {
    int n = d.readUnsignedShort();
    for (int i = 0; i < n; i++) {
      d.readUnsignedShort();
      d.skipBytes(d.readInt());
    }
  }
}

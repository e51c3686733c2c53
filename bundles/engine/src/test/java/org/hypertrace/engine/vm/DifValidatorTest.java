package org.hypertrace.engine.vm;

import static org.hypertrace.api.dif.DifConstants.*;
import static org.hypertrace.engine.DifAsm.*;
import static org.junit.jupiter.api.Assertions.*;

import org.hypertrace.api.dif.DifType;
import org.hypertrace.engine.DifAsm;
import org.junit.jupiter.api.Test;

class DifValidatorTest {
  private static String reject(DifAsm a, boolean destructive) {
    return assertThrows(DifValidator.DifValidationException.class,
        () -> DifValidator.validate(a.build(DifType.INT64), destructive)).getMessage();
  }

  @Test
  void testValidate_acceptsConstant() {
    DifValidator.validate(DifAsm.constant(7, DifType.INT64), false);
  }

  @Test
  void testValidate_backwardBranch() {
    String m = reject(new DifAsm().emit(op(DIF_OP_NOP, 0, 0, 0), branch(DIF_OP_BA, 0), ret(0)),
        false);
    assertTrue(m.endsWith("backward branch to 0"), m);
  }

  @Test
  void testValidate_branchOutOfText() {
    String m = reject(new DifAsm().emit(branch(DIF_OP_BA, 9), ret(0)), false);
    assertTrue(m.endsWith("invalid branch target 9"), m);
  }

  @Test
  void testValidate_badRegisterAndR0() {
    assertTrue(reject(new DifAsm().emit(op(DIF_OP_ADD, 9, 1, 2), ret(2)), false)
        .endsWith("invalid register 9"));
    assertTrue(reject(new DifAsm().emit(op(DIF_OP_ADD, 1, 1, 0), ret(0)), false)
        .endsWith("cannot write to %r0"));
  }

  @Test
  void testValidate_missingRet() {
    assertTrue(reject(new DifAsm().emit(op(DIF_OP_MOV, 1, 0, 2)), false)
        .endsWith("expected 'ret' as last DIF instruction"));
  }

  @Test
  void testValidate_badReferences() {
    assertTrue(reject(new DifAsm().emit(var(DIF_OP_SETX, 3, 1), ret(1)), false)
        .endsWith("invalid integer ref 3"));
    assertTrue(reject(new DifAsm().emit(var(DIF_OP_SETS, 3, 1), ret(1)), false)
        .endsWith("invalid string ref 3"));
    DifValidator.validate(new DifAsm().emit(var(DIF_OP_SETS, 0, 1), ret(1))
        .build(DifType.INT64), false);
    assertTrue(reject(new DifAsm().emit(var(DIF_OP_CALL, 99, 1), ret(1)), false)
        .endsWith("invalid subr 99"));
    assertTrue(reject(new DifAsm().emit(var(DIF_OP_STGS, 0x10, 1), ret(1)), false)
        .endsWith("invalid variable 16"));
  }

  @Test
  void testValidate_destructiveNeedsW() {
    DifAsm a = new DifAsm().emit(var(DIF_OP_CALL, DIF_SUBR_COPYOUT, 1), ret(1));
    assertTrue(reject(a, false).contains("destructive"));
    DifValidator.validate(a.build(DifType.INT64), true);
  }

  @Test
  void testValidate_unlinkedRelocation() {
    assertTrue(reject(new DifAsm().emit(op(DIF_OP_ULOAD, 1, 0, 2), ret(2)), false)
        .contains("relocation"));
  }

  @Test
  void testValidate_badReturnSize() {
    DifAsm a = new DifAsm().emit(ret(0));
    assertThrows(DifValidator.DifValidationException.class,
        () -> DifValidator.validate(a.build(new DifType(DIF_TYPE_CTF, 1, 0, 3)), false));
  }
}

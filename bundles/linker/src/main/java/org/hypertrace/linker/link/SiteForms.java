package org.hypertrace.linker.link;

import static org.hypertrace.api.dif.DifConstants.*;

/**
 * What each relocation site becomes, shared by the linker (which writes it) and the verifier (which
 * accepts nothing else). Port of the rewrite rules of HyperTrace's {@code dt_prog_link} and the
 * checks of {@code dt_prog_verify}, with dt_cg_typecast's shift pair for narrowing casts.
 *
 * <ol>
 *   <li>usetx rd → setx [appended integer], rd</li>
 *   <li>uload [r1], rd → ldsb/ldsh/ldsw/ldx or ldub/lduh/lduw/ldx [r1], rd by size and
 *       signedness</li>
 *   <li>uuload [r1], rd → ldub/lduh/lduw/ldx [r1], rd by size</li>
 *   <li>typecast r1, r2, rd; nop; nop → setx [64 - 8 * size], r2; sll r1, r2, rd; sra|srl rd, r2,
 *       rd for sizes 1, 2, 4; otherwise mov r1, rd (nop when r1 == rd); nop; nop</li>
 * </ol>
 */
final class SiteForms {
  /** instructions a typecast site occupies. */
  static final int TYPECAST_WINDOW = 3;

  private SiteForms() {}

  /** @return the kernel load opcode for {@code size} bytes, or -1 if no load has that size */
  static int loadOp(long size, boolean signed) {
    if (size == 8) {
      return DIF_OP_LDX;
    }
    if (size == 4) {
      return signed ? DIF_OP_LDSW : DIF_OP_LDUW;
    }
    if (size == 2) {
      return signed ? DIF_OP_LDSH : DIF_OP_LDUH;
    }
    if (size == 1) {
      return signed ? DIF_OP_LDSB : DIF_OP_LDUB;
    }
    return -1;
  }

  /** @return true if {@code op} may replace a uload site */
  static boolean isLoad(int op) {
    return op >= DIF_OP_LDSB && op <= DIF_OP_LDX;
  }

  /** @return true if {@code op} may replace a uuload site */
  static boolean isUnsignedLoad(int op) {
    return op == DIF_OP_LDUB || op == DIF_OP_LDUH || op == DIF_OP_LDUW || op == DIF_OP_LDX;
  }

  /** @return the shift count of a cast to {@code size} bytes, or 0 when the cast is a no-op */
  static int castShift(long size) {
    return size == 1 || size == 2 || size == 4 ? (int) (64 - 8 * size) : 0;
  }

  /** @return true if {@code shift} is one a cast may use (56, 48, 32) */
  static boolean isCastShift(long shift) {
    return shift == 56 || shift == 48 || shift == 32;
  }
}

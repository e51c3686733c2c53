package org.hypertrace.linker.link;

import static org.hypertrace.api.dif.DifConstants.*;

import org.hypertrace.api.dif.DifRelocation;
import org.hypertrace.api.types.MemberAccess;
import org.hypertrace.api.types.TargetTypes;
import org.hypertrace.linker.dif.DifFormatException;
import org.hypertrace.linker.dif.DifOps;
import org.hypertrace.linker.dif.DifVisitor;
import org.hypertrace.linker.dif.DifWriter;

/**
 * The linking pass: sits between a {@link org.hypertrace.linker.dif.DifReader} and a
 * {@link DifWriter}, forwards every instruction unchanged except at relocation sites, which it
 * rewrites into plain DIF for one target by the rules of {@link SiteForms}. Port of the rewrite
 * loop of HyperTrace's {@code dt_prog_link}, on BTF instead of CTF.
 *
 * <p>Invariants:
 * <ol>
 *   <li>the written object has exactly the base's length, so branch targets stay valid;</li>
 *   <li>a relocation opcode without a relocation, or a typecast not followed by two nops, is a
 *       malformed site ({@link DifFormatException});</li>
 *   <li>a type or member the target lacks is a {@link org.hypertrace.api.types
 *       .TypeResolutionException} naming type, member and target digest.</li>
 * </ol>
 */
final class RelocatingVisitor implements DifVisitor {
  /** typeName of relocations that name a kernel symbol (memberPath) rather than a member. */
  static final String SYMBOL = "symbol";

  private final DifWriter out;
  private final TargetTypes target;
  private DifRelocation pending;
  private int nopsToSwallow;
  private int siteOffset;

  RelocatingVisitor(DifWriter out, TargetTypes target) {
    this.out = out;
    this.target = target;
  }

  /** Checks that the object did not end inside a typecast window. */
  void visitEnd() {
    if (nopsToSwallow > 0) {
      throw new DifFormatException(siteOffset, "typecast site runs past the end of the object");
    }
  }

  /** Called before every instruction that is not a nop. */
  private void plain(int op) {
    if (nopsToSwallow > 0) {
      throw new DifFormatException(out.length(), "typecast site at DIF offset " + siteOffset
          + " must be followed by two nops, found " + DifOps.name(op));
    }
    if (op >= DIF_OP_USETX && op <= DIF_OP_TYPECAST) {
      throw new DifFormatException(out.length(), DifOps.name(op) + " without a relocation");
    }
  }

  private DifRelocation take(int op) {
    if (nopsToSwallow > 0 || pending == null || pending.opcode() != op) {
      plain(op);
    }
    DifRelocation r = pending;
    pending = null;
    siteOffset = out.length();
    return r;
  }

  @Override
  public void visitRelocation(DifRelocation relocation) {
    pending = relocation;
  }

  @Override
  public void visitSetx(int op, int index, int rd) {
    if (op != DIF_OP_USETX) {
      plain(op);
      out.visitSetx(op, index, rd);
      return;
    }
    DifRelocation r = take(op);
    if (SYMBOL.equals(r.typeName())) {
      throw new DifFormatException(siteOffset, "usetx of kernel symbol `" + r.memberPath()
          + ": symbol addresses are not part of a target's types (BTF)");
    }
    out.visitSetx(DIF_OP_SETX, out.appendInteger(usetxValue(r)), rd);
  }

  /**
   * The value of a usetx site: {@code sizeof (typeName)} for an empty path, otherwise the offset
   * of the path's last member inside its immediate container, so that a code generator can name
   * each member node by its root type and the path written so far.
   */
  private long usetxValue(DifRelocation r) {
    String path = r.memberPath();
    MemberAccess a = target.require(r.typeName(), path);
    if (path.isEmpty()) {
      return a.size();
    }
    if (a.isBitfield()) {
      throw new DifFormatException(siteOffset, "usetx of bitfield " + path);
    }
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf("->"));
    if (cut <= 0) {
      return a.offset();
    }
    MemberAccess parent = target.require(r.typeName(), path.substring(0, cut));
    return a.dereferences() > parent.dereferences() ? a.offset() : a.offset() - parent.offset();
  }

  @Override
  public void visitLoad(int op, int r1, int rd) {
    if (op != DIF_OP_ULOAD && op != DIF_OP_UULOAD) {
      plain(op);
      out.visitLoad(op, r1, rd);
      return;
    }
    DifRelocation r = take(op);
    MemberAccess a = target.require(r.typeName(), r.memberPath());
    if (a.isBitfield()) {
      throw new DifFormatException(siteOffset, DifOps.name(op) + " of bitfield "
          + r.memberPath() + " (" + a.bitSize() + " bits)");
    }
    if (!a.type().isScalar()) {
      throw new DifFormatException(siteOffset, DifOps.name(op) + " of " + a.type().name()
          + ", which is not a scalar");
    }
    int load = SiteForms.loadOp(a.size(), op == DIF_OP_ULOAD && a.signed());
    if (load < 0) {
      throw new DifFormatException(siteOffset, DifOps.name(op) + " of " + a.size()
          + " bytes");
    }
    out.visitLoad(load, r1, rd);
  }

  @Override
  public void visitLog(int op, int r1, int r2, int rd) {
    if (op != DIF_OP_TYPECAST) {
      plain(op);
      out.visitLog(op, r1, r2, rd);
      return;
    }
    DifRelocation r = take(op);
    if (rd == 0 || r2 == 0 || r2 == r1 || r2 == rd) {
      throw new DifFormatException(siteOffset, "typecast needs a scratch register r2 distinct "
          + "from r1, rd and %r0 (r1=" + r1 + " r2=" + r2 + " rd=" + rd + ")");
    }
    MemberAccess a = target.require(r.typeName(), r.memberPath());
    int shift = a.type().isScalar() ? SiteForms.castShift(a.size()) : 0;
    if (shift != 0) {
      out.visitSetx(DIF_OP_SETX, out.appendInteger(shift), r2);
      out.visitLog(DIF_OP_SLL, r1, r2, rd);
      out.visitLog(a.signed() ? DIF_OP_SRA : DIF_OP_SRL, rd, r2, rd);
    } else {
      if (r1 == rd) {
        out.visitInsn(DIF_OP_NOP);
      } else {
        out.visitR1Rd(DIF_OP_MOV, r1, rd);
      }
      out.visitInsn(DIF_OP_NOP);
      out.visitInsn(DIF_OP_NOP);
    }
    nopsToSwallow = SiteForms.TYPECAST_WINDOW - 1;
  }

  @Override
  public void visitInsn(int op) {
    if (op == DIF_OP_NOP && nopsToSwallow > 0) {
      nopsToSwallow--;
      return;
    }
    plain(op);
    out.visitInsn(op);
  }

  @Override
  public void visitBranch(int op, int label) {
    plain(op);
    out.visitBranch(op, label);
  }

  @Override
  public void visitStore(int op, int rs, int rd) {
    plain(op);
    out.visitStore(op, rs, rd);
  }

  @Override
  public void visitR1Rd(int op, int r1, int rd) {
    plain(op);
    out.visitR1Rd(op, r1, rd);
  }

  @Override
  public void visitCmp(int op, int r1, int r2) {
    plain(op);
    out.visitCmp(op, r1, r2);
  }

  @Override
  public void visitTst(int r1) {
    plain(DIF_OP_TST);
    out.visitTst(r1);
  }

  @Override
  public void visitLda(int op, int var, int r2, int rd) {
    plain(op);
    out.visitLda(op, var, r2, rd);
  }

  @Override
  public void visitLdv(int op, int var, int rd) {
    plain(op);
    out.visitLdv(op, var, rd);
  }

  @Override
  public void visitStv(int op, int var, int rs) {
    plain(op);
    out.visitStv(op, var, rs);
  }

  @Override
  public void visitSta(int op, int var, int r2, int rd) {
    plain(op);
    out.visitSta(op, var, r2, rd);
  }

  @Override
  public void visitSets(int offset, int rd) {
    plain(DIF_OP_SETS);
    out.visitSets(offset, rd);
  }

  @Override
  public void visitRet(int rd) {
    plain(DIF_OP_RET);
    out.visitRet(rd);
  }

  @Override
  public void visitCall(int subr, int rd) {
    plain(DIF_OP_CALL);
    out.visitCall(subr, rd);
  }

  @Override
  public void visitPushts(int op, int type, int r2, int rs) {
    plain(op);
    out.visitPushts(op, type, r2, rs);
  }

  @Override
  public void visitXlate(int op, int xlref, int rd) {
    plain(op);
    out.visitXlate(op, xlref, rd);
  }
}

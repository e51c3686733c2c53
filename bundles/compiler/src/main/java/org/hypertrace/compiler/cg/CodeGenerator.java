package org.hypertrace.compiler.cg;

import static org.hypertrace.api.dif.DifConstants.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DErrorTag;
import org.hypertrace.api.dif.DifType;
import org.hypertrace.compiler.as.DifVisitor;
import org.hypertrace.compiler.as.Label;
import org.hypertrace.compiler.cook.T;
import org.hypertrace.compiler.decl.DType;
import org.hypertrace.compiler.decl.TypeRules;
import org.hypertrace.compiler.decl.TypeTable;
import org.hypertrace.compiler.ident.Ident;
import org.hypertrace.compiler.ident.IdentKind;
import org.hypertrace.compiler.lex.Pcb;
import org.hypertrace.compiler.parse.Node.Op;

/**
 * The DIF code generator: port of dt_cg.c. It walks a cooked expression, allocates registers
 * with {@link RegSet}, records instructions in an IR list (so that the ternary operator can
 * patch its first move, as dt_cg does) and finally replays the list into a {@link DifVisitor}
 * followed by the variable table and the return type.
 */
public final class CodeGenerator {
  private final Pcb pcb;
  private final TypeTable types;
  private final List<Consumer<DifVisitor>> ir = new ArrayList<>();
  private final RegSet regs = new RegSet(DIF_DIR_NREGS);
  private final Map<Ident, int[]> vars = new LinkedHashMap<>();
  private final Map<Ident, Integer> argRegs = new java.util.HashMap<>();
  private int curLine;

  public CodeGenerator(Pcb pcb, TypeTable types) {
    this.pcb = pcb;
    this.types = types;
  }

  /**
   * dt_cg + dt_as: generates the object computing {@code t} into {@code v}.
   *
   * @param rtype the object's return type, or null to derive it from {@code t}
   */
  public void generate(T t, DifVisitor v, DifType rtype) throws DCompileException {
    ir.clear();
    vars.clear();
    regs.reset();
    int r = node(t);
    int rr = r;
    ir.add(x -> x.visitRet(rr));
    regs.free(r);
    for (Consumer<DifVisitor> c : ir) {
      c.accept(v);
    }
    for (Map.Entry<Ident, int[]> e : vars.entrySet()) {
      Ident id = e.getKey();
      int kind = id.kind() == IdentKind.ARRAY ? DIFV_KIND_ARRAY : DIFV_KIND_SCALAR;
      int scope = (id.flags() & Ident.LOCAL) != 0 ? DIFV_SCOPE_LOCAL
          : (id.flags() & Ident.TLS) != 0 ? DIFV_SCOPE_THREAD : DIFV_SCOPE_GLOBAL;
      DType vt = id.type();
      v.visitVariable(id.name(), id.id(), kind, scope, e.getValue()[0],
          vt == null ? new DifType(DIF_TYPE_CTF, 0, 0, 0) : difType(vt, 0));
    }
    v.visitEnd(rtype != null ? rtype : difType(t.type(), t.flags()));
  }

  /** dt_node_diftype. */
  public DifType difType(DType t, int flags) {
    if (t == null || t == TypeRules.DYN) {
      return new DifType(DIF_TYPE_CTF, DType.CTF_K_INTEGER, 0, 8);
    }
    if (TypeRules.isString(t)) {
      return new DifType(DIF_TYPE_STRING, 0, (flags & T.USERLAND) != 0 ? DIF_TF_BYUREF
          : DIF_TF_BYREF, (int) t.size());
    }
    int f = isRef(t) ? ((flags & T.USERLAND) != 0 ? DIF_TF_BYUREF : DIF_TF_BYREF) : 0;
    if (TypeRules.isInteger(t) && !t.isSigned()) {
      // the engine cannot see the type's encoding (CTF's CTF_INT_SIGNED): printf's %d needs it
      f |= DIF_TF_UNSIGNED;
    }
    return new DifType(DIF_TYPE_CTF, t.ctfKind(), f, (int) t.size());
  }

  /** DT_NF_REF: strings, structs, unions and arrays are passed by reference. */
  static boolean isRef(DType t) {
    if (t == null) {
      return false;
    }
    DType.Kind k = t.resolve().kind();
    return k == DType.Kind.STRING || k == DType.Kind.STRUCT || k == DType.Kind.UNION
        || k == DType.Kind.ARRAY;
  }

  private void use(Ident id, int flag) {
    vars.computeIfAbsent(id, k -> new int[1])[0] |= flag;
  }

  private int alloc() throws DCompileException {
    int r = regs.alloc();
    if (r < 0) {
      throw pcb.error(DErrorTag.D_NOREG, curLine, "insufficient registers to generate code");
    }
    return r;
  }

  private void setx(int reg, long v) {
    ir.add(x -> x.visitSetx(v, reg));
  }

  private void log(int op, int r1, int r2, int rd) {
    ir.add(x -> x.visitLog(op, r1, r2, rd));
  }

  private void branch(int op, Label l) {
    ir.add(x -> x.visitBranch(op, l));
  }

  private void label(Label l) {
    ir.add(x -> x.visitLabel(l));
  }

  private void mov(int r1, int rd) {
    ir.add(x -> x.visitR1Rd(DIF_OP_MOV, r1, rd));
  }

  private void tst(int r) {
    ir.add(x -> x.visitTst(r));
  }

  // ---------------------------------------------------------------- dispatch

  /** dt_cg_node: @return the register holding the value. */
  int node(T t) throws DCompileException {
    curLine = t.line();
    if (t instanceof T.Int i) {
      int r = alloc();
      setx(r, i.value());
      return r;
    }
    if (t instanceof T.Str s) {
      int r = alloc();
      ir.add(x -> x.visitSets(s.value(), r));
      return r;
    }
    if (t instanceof T.Var v) {
      return var(v, false);
    }
    if (t instanceof T.Call c) {
      return call(c);
    }
    if (t instanceof T.Op1 o) {
      return op1(o);
    }
    if (t instanceof T.Op2 o) {
      return op2(o);
    }
    if (t instanceof T.Op3 o) {
      return ternary(o);
    }
    if (t instanceof T.Member m) {
      return member(m, false);
    }
    if (t instanceof T.Xlate x) {
      return xlate(x);
    }
    if (t instanceof T.RelocMember m) {
      return relocMember(m, false);
    }
    if (t instanceof T.RelocConst k) {
      int r = alloc();
      ir.add(x -> x.visitRelocation(DIF_OP_USETX, k.typeName(), k.memberPath()));
      ir.add(x -> x.visitUsetx(r));
      return r;
    }
    if (t instanceof T.InlineCall ic) {
      int[] rs = new int[ic.args().size()];
      for (int i = 0; i < rs.length; i++) {
        rs[i] = node(ic.args().get(i));
        if (i < ic.params().size()) {
          argRegs.put(ic.params().get(i), rs[i]);
        }
      }
      int r = node(ic.body());
      for (int i = 0; i < rs.length; i++) {
        if (i < ic.params().size()) {
          argRegs.remove(ic.params().get(i));
        }
        regs.free(rs[i]);
      }
      typecast(ic.body().type(), ic.type(), r, r);
      return r;
    }
    if (t instanceof T.XlMember m) {
      int a = node(m.base().arg());
      argRegs.put(m.base().xlator().arg(), a);
      int r = node(m.expr());
      argRegs.remove(m.base().xlator().arg());
      typecast(m.expr().type(), m.type(), r, r);
      regs.free(a);
      return r;
    }
    if (t instanceof T.Agg a) {
      throw pcb.error(DErrorTag.D_UNKNOWN, a.line(), "internal error -- aggregation @%s used "
          + "as a value\n", a.ident().name());
    }
    throw pcb.error(DErrorTag.D_UNKNOWN, t.line(), "internal error -- bad node in cg\n");
  }

  /** dt_cg_xlate_expand: a translated struct built in scratch space, member by member. */
  private int xlate(T.Xlate x) throws DCompileException {
    if (x.ptr()) {
      throw pcb.error(DErrorTag.D_CG_DYN, x.line(),
          "expression cannot evaluate to result of a translated pointer\n");
    }
    org.hypertrace.compiler.xlate.Translator xl = x.xlator();
    int r1 = alloc();
    setx(r1, xl.dst().size());
    ir.add(v -> v.visitR1Rd(DIF_OP_ALLOCS, r1, r1));
    int a = node(x.arg());
    argRegs.put(xl.arg(), a);
    for (org.hypertrace.compiler.xlate.Translator.Member m : xl.members().values()) {
      T e = (T) m.expr();
      int r = node(e);
      typecast(e.type(), m.type(), r, r);
      long off = m.bitOffset() / 8;
      if (off != 0) {
        int r2 = alloc();
        setx(r2, off);
        log(DIF_OP_ADD, r1, r2, r2);
        storeTo(m.type(), r, r2);
        regs.free(r2);
      } else {
        storeTo(m.type(), r, r1);
      }
      regs.free(r);
    }
    argRegs.remove(xl.arg());
    regs.free(a);
    return r1;
  }

  private void storeTo(DType t, int src, int dst) throws DCompileException {
    if (isRef(t)) {
      int reg = alloc();
      setx(reg, t.size());
      log(DIF_OP_COPYS, src, reg, dst);
      regs.free(reg);
      return;
    }
    int op;
    switch ((int) t.size()) {
      case 1: op = DIF_OP_STB; break;
      case 2: op = DIF_OP_STH; break;
      case 4: op = DIF_OP_STW; break;
      default: op = DIF_OP_STX; break;
    }
    ir.add(v -> v.visitStore(op, src, dst));
  }

  private int call(T.Call c) throws DCompileException {
    Ident fn = c.fn();
    if (fn.kind() != IdentKind.FUNC) {
      throw pcb.error(DErrorTag.D_CG_EXPR, c.line(), "%s %s( ) may not be called from a D "
          + "expression (D program context required)\n", fn.kind().label(), fn.name());
    }
    argList(c.args(), null);
    int r = alloc();
    int id = fn.id();
    ir.add(x -> x.visitCall(id, r));
    return r;
  }

  /** dt_cg_arglist: evaluate everything first, then push onto the tuple stack. */
  private void argList(List<T> args, List<DType> formals) throws DCompileException {
    int[] rs = new int[args.size()];
    for (int i = 0; i < args.size(); i++) {
      rs[i] = node(args.get(i));
    }
    ir.add(x -> x.visitInsn(DIF_OP_FLUSHTS));
    for (int i = 0; i < args.size(); i++) {
      T a = args.get(i);
      DifType dt = difType(a.type(), a.flags());
      int op;
      int reg;
      if (formals != null && i < formals.size()) {
        typecast(a.type(), formals.get(i), rs[i], rs[i]);
      }
      if ((dt.flags() & DIF_TF_BYREF) != 0 || (dt.flags() & DIF_TF_BYUREF) != 0) {
        op = DIF_OP_PUSHTR;
        if (dt.size() != 0) {
          reg = alloc();
          setx(reg, dt.size());
        } else {
          reg = 0;
        }
      } else {
        op = DIF_OP_PUSHTV;
        reg = 0;
      }
      int kind = dt.kind();
      int rr = reg;
      int rsv = rs[i];
      int fop = op;
      ir.add(x -> x.visitPushts(fop, kind, rr, rsv));
      regs.free(rs[i]);
      if (reg != 0) {
        regs.free(reg);
      }
    }
    if (args.size() > DIF_DTR_NREGS) {
      throw pcb.error(DErrorTag.D_UNKNOWN, 0, "insufficient tuple registers to generate code");
    }
  }

  // ---------------------------------------------------------------- variables

  private int var(T.Var v, boolean forceRef) throws DCompileException {
    Ident id = v.ident();
    Integer bound = argRegs.get(id);
    if (bound != null) {
      int r = alloc();
      mov(bound, r);
      return r;
    }
    if (id.kind() == IdentKind.SYMBOL) {
      int r = alloc();
      String sym = id.name();
      ir.add(x -> x.visitRelocation(DIF_OP_USETX, "symbol", sym));
      ir.add(x -> x.visitUsetx(r));
      if (!forceRef && !isRef(v.type())) {
        int op = loadOp(v.type(), 0, 0, 0);
        ir.add(x -> x.visitLoad(op, r, r));
      }
      return r;
    }
    if (id.kind() == IdentKind.ARRAY) {
      if (id.id() <= DIF_VAR_ARRAY_MAX) {
        return arrayOp(v);
      }
      return assocOp(v);
    }
    int r = alloc();
    int op = (id.flags() & Ident.LOCAL) != 0 ? DIF_OP_LDLS
        : (id.flags() & Ident.TLS) != 0 ? DIF_OP_LDTS : DIF_OP_LDGS;
    use(id, DIFV_F_REF);
    int vid = id.id();
    ir.add(x -> x.visitLdv(op, vid, r));
    return r;
  }

  /** dt_cg_array_op: args[], regs[], uregs[]. */
  private int arrayOp(T.Var v) throws DCompileException {
    Ident id = v.ident();
    int r = node(v.keys().get(0));
    int op = (id.flags() & Ident.TLS) != 0 ? DIF_OP_LDTA : DIF_OP_LDGA;
    use(id, DIFV_F_REF);
    int vid = id.id();
    ir.add(x -> x.visitLda(op, vid, r, r));
    if (id.id() != DIF_VAR_ARGS || !TypeRules.isScalar(v.type())) {
      return r;
    }
    long size = v.type().size();
    if (size == 8) {
      return r;
    }
    int reg = alloc();
    setx(reg, 64 - size * 8);
    log(DIF_OP_SLL, r, reg, r);
    log(v.type().isSigned() ? DIF_OP_SRA : DIF_OP_SRL, r, reg, r);
    regs.free(reg);
    return r;
  }

  /** dt_cg_assoc_op. */
  private int assocOp(T.Var v) throws DCompileException {
    Ident id = v.ident();
    argList(v.keys(), id.signature());
    int r = alloc();
    int op = (id.flags() & Ident.TLS) != 0 ? DIF_OP_LDTAA : DIF_OP_LDGAA;
    use(id, DIFV_F_REF);
    int vid = id.id();
    ir.add(x -> x.visitLdv(op, vid, r));
    if (isRef(v.type())) {
      int stv = op == DIF_OP_LDTAA ? DIF_OP_STTAA : DIF_OP_STGAA;
      Label l = new Label();
      tst(r);
      branch(DIF_OP_BNE, l);
      setx(r, v.type().size());
      ir.add(x -> x.visitR1Rd(DIF_OP_ALLOCS, r, r));
      use(id, DIFV_F_MOD);
      ir.add(x -> x.visitStv(stv, vid, r));
      ir.add(x -> x.visitLdv(op, vid, r));
      label(l);
    }
    return r;
  }

  private static int stvar(Ident id) {
    int i = (((id.flags() & Ident.LOCAL) != 0 ? 1 : 0) << 1)
        | ((id.flags() & Ident.TLS) != 0 ? 1 : 0);
    int[] aops = {DIF_OP_STGAA, DIF_OP_STTAA, DIF_OP_NOP};
    int[] sops = {DIF_OP_STGS, DIF_OP_STTS, DIF_OP_STLS};
    return id.kind() == IdentKind.ARRAY ? aops[i] : sops[i];
  }

  // ---------------------------------------------------------------- operators

  private int op1(T.Op1 o) throws DCompileException {
    switch (o.op()) {
      case BNEG: {
        int r = node(o.child());
        ir.add(x -> x.visitR1Rd(DIF_OP_NOT, r, r));
        return r;
      }
      case INEG: {
        int r = node(o.child());
        log(DIF_OP_SUB, 0, r, r);
        return r;
      }
      case IPOS:
      case STRINGOF:
        return node(o.child());
      case LNEG:
        return logicalNeg(o);
      case PREINC:
      case PREDEC:
      case POSTINC:
      case POSTDEC:
        return incdec(o);
      case DEREF: {
        int r = node(o.child());
        if (!isRef(o.type())) {
          int op = loadOp(o.type(), (o.flags() | o.child().flags()) & T.USERLAND, 0, 0);
          ir.add(x -> x.visitLoad(op, r, r));
        }
        return r;
      }
      case ADDROF:
        return addressOf(o.child());
      default:
        throw pcb.error(DErrorTag.D_UNKNOWN, o.line(), "internal error -- bad unary op\n");
    }
  }

  /** The address of an lvalue: cg with DT_NF_REF forced. */
  private int addressOf(T c) throws DCompileException {
    if (c instanceof T.Op1 d && d.op() == Op.DEREF) {
      return node(d.child());
    }
    if (c instanceof T.Member m) {
      return member(m, true);
    }
    if (c instanceof T.RelocMember m) {
      return relocMember(m, true);
    }
    if (c instanceof T.Var v && v.ident().kind() == IdentKind.SYMBOL) {
      return var(v, true);
    }
    return node(c);
  }

  /** dt_cg_load. */
  private int loadOp(DType t, int userland, int bitOffset, int bitWidth) throws DCompileException {
    long size;
    if (bitWidth > 0) {
      long nbits = bitWidth + (bitOffset % 8);
      size = Long.highestOneBit(Math.max(1, ((nbits + 7) / 8) * 2 - 1));
    } else {
      size = t.size();
    }
    if (size < 1 || size > 8 || (size & (size - 1)) != 0) {
      throw pcb.error(DErrorTag.D_UNKNOWN, 0, "internal error -- cg cannot load size %d when "
          + "passed by value\n", size);
    }
    boolean signed = t.isSigned();
    boolean user = userland != 0;
    int[] u = {DIF_OP_LDUB, DIF_OP_LDUH, 0, DIF_OP_LDUW, 0, 0, 0, DIF_OP_LDX};
    int[] s = {DIF_OP_LDSB, DIF_OP_LDSH, 0, DIF_OP_LDSW, 0, 0, 0, DIF_OP_LDX};
    int[] uu = {DIF_OP_ULDUB, DIF_OP_ULDUH, 0, DIF_OP_ULDUW, 0, 0, 0, DIF_OP_ULDX};
    int[] us = {DIF_OP_ULDSB, DIF_OP_ULDSH, 0, DIF_OP_ULDSW, 0, 0, 0, DIF_OP_ULDX};
    int idx = (int) size - 1;
    return user ? (signed ? us[idx] : uu[idx]) : (signed ? s[idx] : u[idx]);
  }

  private int member(T.Member m, boolean forceRef) throws DCompileException {
    int r = node(m.base());
    long off = m.bitOffset() / 8;
    if (m.bitWidth() > 0) {
      off = m.bitOffset() / 8;
    }
    if (off != 0) {
      int reg = alloc();
      setx(reg, off);
      log(DIF_OP_ADD, r, reg, r);
      regs.free(reg);
    }
    if (!forceRef && !isRef(m.type())) {
      int user = (m.flags() | m.base().flags()) & T.USERLAND;
      int op = loadOp(m.type(), user, (int) m.bitOffset(), m.bitWidth());
      ir.add(x -> x.visitLoad(op, r, r));
      if (m.bitWidth() > 0) {
        fieldGet(m, r);
      }
    }
    return r;
  }

  /**
   * HyperTrace: base + usetx(offset of the member in its container), then, for a value that is
   * not passed by reference, uload (signed types: the target's signedness decides) or uuload
   * (unsigned types and pointers) of the member. Each site is named by the chain's root type
   * and the D path so far, as DIF_OP_USETX's contract says.
   */
  private int relocMember(T.RelocMember m, boolean forceRef) throws DCompileException {
    int r = node(m.base());
    int off = alloc();
    String tn = m.typeName();
    String mn = m.path();
    ir.add(x -> x.visitRelocation(DIF_OP_USETX, tn, mn));
    ir.add(x -> x.visitUsetx(off));
    log(DIF_OP_ADD, r, off, r);
    regs.free(off);
    if (!forceRef && !isRef(m.type())) {
      int op = m.type().isSigned() ? DIF_OP_ULOAD : DIF_OP_UULOAD;
      ir.add(x -> x.visitRelocation(op, tn, mn));
      ir.add(x -> x.visitUload(op, r, r));
    }
    return r;
  }

  /**
   * Sets {@code reg} to the size of {@code t}: a usetx site ({@code sizeof} of the root type)
   * for a named kernel struct or union, whose size only the target knows; else {@code size}.
   */
  private void sizeOf(DType t, long size, int reg) {
    org.hypertrace.compiler.decl.KernelTypes.Sou k = t.resolve().kernel();
    if (k != null && k.sizeName() != null) {
      String tn = k.sizeName();
      ir.add(x -> x.visitRelocation(DIF_OP_USETX, tn, ""));
      ir.add(x -> x.visitUsetx(reg));
    } else {
      setx(reg, size);
    }
  }

  /** dt_cg_field_get (little-endian). */
  private void fieldGet(T.Member m, int r1) throws DCompileException {
    int r2 = alloc();
    int bits = m.bitWidth();
    if (m.type().isSigned()) {
      long shift = m.bitOffset() % 8 + bits;
      setx(r2, 64 - shift);
      log(DIF_OP_SLL, r1, r2, r1);
      setx(r2, 64 - bits);
      log(DIF_OP_SRA, r1, r2, r1);
    } else {
      setx(r2, m.bitOffset() % 8);
      log(DIF_OP_SRL, r1, r2, r1);
      setx(r2, bits >= 64 ? -1L : (1L << bits) - 1);
      log(DIF_OP_AND, r1, r2, r1);
    }
    regs.free(r2);
  }

  private int op2(T.Op2 o) throws DCompileException {
    Op op = o.op();
    boolean signed = o.type() != null && o.type().isSigned();
    switch (op) {
      case COMMA: {
        int l = node(o.left());
        regs.free(l);
        return node(o.right());
      }
      case ASGN: {
        int r = node(o.right());
        return assign(o, r);
      }
      case ADD_EQ: return assign(o, arith(o, DIF_OP_ADD));
      case SUB_EQ: return assign(o, arith(o, DIF_OP_SUB));
      case MUL_EQ: return assign(o, arith(o, DIF_OP_MUL));
      case DIV_EQ: return assign(o, arith(o, signed ? DIF_OP_SDIV : DIF_OP_UDIV));
      case MOD_EQ: return assign(o, arith(o, signed ? DIF_OP_SREM : DIF_OP_UREM));
      case AND_EQ: return assign(o, arith(o, DIF_OP_AND));
      case XOR_EQ: return assign(o, arith(o, DIF_OP_XOR));
      case OR_EQ: return assign(o, arith(o, DIF_OP_OR));
      case LSH_EQ: return assign(o, arith(o, DIF_OP_SLL));
      case RSH_EQ: return assign(o, arith(o, signed ? DIF_OP_SRA : DIF_OP_SRL));
      case LOR: return logicalOr(o);
      case LXOR: return logicalXor(o);
      case LAND: return logicalAnd(o);
      case BOR: return arith(o, DIF_OP_OR);
      case XOR: return arith(o, DIF_OP_XOR);
      case BAND: return arith(o, DIF_OP_AND);
      case EQU: return compare(o, DIF_OP_BE);
      case NEQ: return compare(o, DIF_OP_BNE);
      case LT: return compare(o, compareSigned(o) ? DIF_OP_BL : DIF_OP_BLU);
      case LE: return compare(o, compareSigned(o) ? DIF_OP_BLE : DIF_OP_BLEU);
      case GT: return compare(o, compareSigned(o) ? DIF_OP_BG : DIF_OP_BGU);
      case GE: return compare(o, compareSigned(o) ? DIF_OP_BGE : DIF_OP_BGEU);
      case LSH: return arith(o, DIF_OP_SLL);
      case RSH: return arith(o, signed ? DIF_OP_SRA : DIF_OP_SRL);
      case ADD: return arith(o, DIF_OP_ADD);
      case SUB: return arith(o, DIF_OP_SUB);
      case MUL: return arith(o, DIF_OP_MUL);
      case DIV: return arith(o, signed ? DIF_OP_SDIV : DIF_OP_UDIV);
      case MOD: return arith(o, signed ? DIF_OP_SREM : DIF_OP_UREM);
      case LPAR: {
        int r = node(o.right());
        typecast(o.right().type(), o.type(), r, r);
        return r;
      }
      default:
        throw pcb.error(DErrorTag.D_UNKNOWN, o.line(), "internal error -- bad binary op %s\n",
            op.text());
    }
  }

  private boolean compareSigned(T.Op2 o) {
    DType l = o.left().type();
    DType r = o.right().type();
    if (TypeRules.isString(l) || TypeRules.isString(r)) {
      return true;
    }
    if (!TypeRules.isArith(l) || !TypeRules.isArith(r)) {
      return false;
    }
    if (TypeRules.isInteger(l) && TypeRules.isInteger(r)) {
      return TypeRules.promote(l, r, types).isSigned();
    }
    return true;
  }

  /** dt_cg_arithmetic_op. */
  private int arith(T.Op2 o, int op) throws DCompileException {
    Op k = o.op();
    boolean ptrOp = k == Op.ADD || k == Op.SUB || k == Op.ADD_EQ || k == Op.SUB_EQ;
    boolean lptr = isPtr(o.left().type());
    boolean rptr = isPtr(o.right().type());
    if (lptr && rptr) {
      ptrOp = false;
    }
    int l = node(o.left());
    if (ptrOp && rptr) {
      ptrsize(o.right().type(), DIF_OP_MUL, l);
    }
    int r = node(o.right());
    if (ptrOp && lptr) {
      ptrsize(o.left().type(), DIF_OP_MUL, r);
    }
    log(op, l, r, l);
    regs.free(r);
    if (lptr && rptr) {
      ptrsize(o.right().type(), DIF_OP_UDIV, l);
    }
    return l;
  }

  private static boolean isPtr(DType t) {
    return t != null && (t.resolve().kind() == DType.Kind.POINTER
        || t.resolve().kind() == DType.Kind.ARRAY);
  }

  /** dt_cg_ptrsize. */
  private void ptrsize(DType ptr, int op, int dreg) throws DCompileException {
    DType r = ptr.resolve();
    long size = r.ref().size();
    if (size == 1) {
      return;
    }
    int s = alloc();
    sizeOf(r.ref(), size, s);
    log(op, dreg, s, dreg);
    regs.free(s);
  }

  /** dt_cg_asgn_op: {@code r} holds the value to store. */
  private int assign(T.Op2 o, int r) throws DCompileException {
    T lhs = o.left();
    if (!(lhs instanceof T.Var v) || v.ident().kind() == IdentKind.SYMBOL) {
      int dst = addressOf(lhs);
      store(o.type(), r, dst, lhs);
      regs.free(dst);
      return r;
    }
    Ident id = v.ident();
    use(id, DIFV_F_MOD);
    if (id.kind() == IdentKind.ARRAY && id.id() <= DIF_VAR_ARRAY_MAX) {
      int idx = node(v.keys().get(0));
      int vid = id.id();
      ir.add(x -> x.visitSta(DIF_OP_STGA, vid, idx, r));
      regs.free(idx);
      return r;
    }
    if (id.kind() == IdentKind.ARRAY) {
      argList(v.keys(), id.signature());
    }
    int op = stvar(id);
    int vid = id.id();
    ir.add(x -> x.visitStv(op, vid, r));
    return r;
  }

  /** dt_cg_store. */
  private void store(DType srcType, int src, int dst, T dstNode) throws DCompileException {
    boolean bitfield = dstNode instanceof T.Member m && m.bitWidth() > 0;
    long size;
    if (bitfield) {
      int bits = ((T.Member) dstNode).bitWidth();
      size = Long.highestOneBit(Math.max(1, ((bits + 7) / 8) * 2 - 1));
    } else {
      size = srcType == null ? 8 : srcType.size();
    }
    if (isRef(srcType)) {
      int reg = alloc();
      setx(reg, size);
      log(DIF_OP_COPYS, src, reg, dst);
      regs.free(reg);
      return;
    }
    int reg = bitfield ? fieldSet(src, dst, (T.Member) dstNode) : src;
    int op;
    switch ((int) size) {
      case 1: op = DIF_OP_STB; break;
      case 2: op = DIF_OP_STH; break;
      case 4: op = DIF_OP_STW; break;
      case 8: op = DIF_OP_STX; break;
      default:
        throw pcb.error(DErrorTag.D_UNKNOWN, dstNode.line(), "internal error -- cg cannot "
            + "store size %d when passed by value\n", size);
    }
    ir.add(x -> x.visitStore(op, reg, dst));
    if (bitfield) {
      regs.free(reg);
    }
  }

  /** dt_cg_field_set (little-endian). */
  private int fieldSet(int src, int dst, T.Member m) throws DCompileException {
    int r1 = alloc();
    int r2 = alloc();
    int r3 = alloc();
    long shift = m.bitOffset() % 8;
    int bits = m.bitWidth();
    long fmask = bits >= 64 ? -1L : (1L << bits) - 1;
    long cmask = ~(fmask << shift);
    int lop = loadOp(m.type(), 0, (int) m.bitOffset(), bits);
    ir.add(x -> x.visitLoad(lop, dst, r1));
    setx(r2, cmask);
    log(DIF_OP_AND, r1, r2, r1);
    setx(r2, fmask);
    log(DIF_OP_AND, src, r2, r2);
    setx(r3, shift);
    log(DIF_OP_SLL, r2, r3, r2);
    log(DIF_OP_OR, r1, r2, r1);
    regs.free(r2);
    regs.free(r3);
    return r1;
  }

  /** dt_cg_prearith_op / dt_cg_postarith_op. */
  private int incdec(T.Op1 o) throws DCompileException {
    boolean pre = o.op() == Op.PREINC || o.op() == Op.PREDEC;
    int op = o.op() == Op.PREINC || o.op() == Op.POSTINC ? DIF_OP_ADD : DIF_OP_SUB;
    long size = 1;
    if (TypeRules.isPointer(o.type())) {
      size = o.type().resolve().ref().size();
    }
    T c = o.child();
    int r = node(c);
    int n = alloc();
    setx(n, size);
    int target = pre ? r : n;
    log(op, r, n, target);
    if (pre) {
      regs.free(n);
    }
    if (c instanceof T.Var v && v.ident().kind() != IdentKind.SYMBOL) {
      Ident id = v.ident();
      use(id, DIFV_F_MOD);
      if (id.kind() == IdentKind.ARRAY) {
        argList(v.keys(), id.signature());
      }
      int sop = stvar(id);
      int vid = id.id();
      ir.add(x -> x.visitStv(sop, vid, target));
    } else {
      int dst = addressOf(c);
      store(o.type(), target, dst, c);
      regs.free(dst);
    }
    if (!pre) {
      regs.free(n);
    }
    return r;
  }

  /** dt_cg_typecast. */
  private void typecast(DType src, DType dst, int sreg, int dreg) throws DCompileException {
    if (!TypeRules.isScalar(dst) || src == null || src == TypeRules.DYN) {
      return;
    }
    long ss = src.size();
    long ds = dst.size();
    boolean srcSigned = src.isSigned();
    boolean dstSigned = dst.isSigned();
    if (ds == ss && srcSigned == dstSigned) {
      return;
    }
    if (ds > ss && !srcSigned) {
      return;
    }
    int rg = alloc();
    if (ds > ss) {
      long n = 64 - ss * 8;
      long s = (ds - ss) * 8;
      setx(rg, n);
      log(DIF_OP_SLL, sreg, rg, dreg);
      if (dstSigned || n == s) {
        log(DIF_OP_SRA, dreg, rg, dreg);
      } else {
        setx(rg, s);
        log(DIF_OP_SRA, dreg, rg, dreg);
        setx(rg, n - s);
        log(DIF_OP_SRL, dreg, rg, dreg);
      }
    } else if (ds != 8) {
      long n = 64 - ds * 8;
      setx(rg, n);
      log(DIF_OP_SLL, sreg, rg, dreg);
      log(dstSigned ? DIF_OP_SRA : DIF_OP_SRL, dreg, rg, dreg);
    }
    regs.free(rg);
  }

  // ---------------------------------------------------------------- control flow

  private int compare(T.Op2 o, int op) throws DCompileException {
    Label ltrue = new Label();
    Label lpost = new Label();
    int l = node(o.left());
    int r = node(o.right());
    boolean str = TypeRules.isString(o.left().type()) || TypeRules.isString(o.right().type());
    int opc = str ? DIF_OP_SCMP : DIF_OP_CMP;
    ir.add(x -> x.visitCmp(opc, l, r));
    regs.free(r);
    branch(op, ltrue);
    mov(0, l);
    branch(DIF_OP_BA, lpost);
    label(ltrue);
    setx(l, 1);
    label(lpost);
    return l;
  }

  private int ternary(T.Op3 o) throws DCompileException {
    Label lfalse = new Label();
    Label lpost = new Label();
    int e = node(o.cond());
    tst(e);
    regs.free(e);
    branch(DIF_OP_BE, lfalse);
    int l = node(o.left());
    int[] patch = {0};
    ir.add(x -> x.visitR1Rd(DIF_OP_MOV, l, patch[0]));
    regs.free(l);
    branch(DIF_OP_BA, lpost);
    label(lfalse);
    int r = node(o.right());
    patch[0] = r;
    label(lpost);
    return r;
  }

  private int logicalAnd(T.Op2 o) throws DCompileException {
    Label lfalse = new Label();
    Label lpost = new Label();
    int l = node(o.left());
    tst(l);
    regs.free(l);
    branch(DIF_OP_BE, lfalse);
    int r = node(o.right());
    tst(r);
    branch(DIF_OP_BE, lfalse);
    setx(r, 1);
    branch(DIF_OP_BA, lpost);
    label(lfalse);
    mov(0, r);
    label(lpost);
    return r;
  }

  private int logicalXor(T.Op2 o) throws DCompileException {
    Label lnext = new Label();
    Label ltail = new Label();
    int l = node(o.left());
    tst(l);
    branch(DIF_OP_BE, lnext);
    setx(l, 1);
    label(lnext);
    int r = node(o.right());
    tst(r);
    branch(DIF_OP_BE, ltail);
    setx(r, 1);
    label(ltail);
    log(DIF_OP_XOR, l, r, l);
    regs.free(r);
    return l;
  }

  private int logicalOr(T.Op2 o) throws DCompileException {
    Label ltrue = new Label();
    Label lfalse = new Label();
    Label lpost = new Label();
    int l = node(o.left());
    tst(l);
    regs.free(l);
    branch(DIF_OP_BNE, ltrue);
    int r = node(o.right());
    tst(r);
    branch(DIF_OP_BE, lfalse);
    label(ltrue);
    setx(r, 1);
    branch(DIF_OP_BA, lpost);
    label(lfalse);
    mov(0, r);
    label(lpost);
    return r;
  }

  private int logicalNeg(T.Op1 o) throws DCompileException {
    Label lzero = new Label();
    Label lpost = new Label();
    int r = node(o.child());
    tst(r);
    branch(DIF_OP_BE, lzero);
    mov(0, r);
    branch(DIF_OP_BA, lpost);
    label(lzero);
    setx(r, 1);
    label(lpost);
    return r;
  }
}

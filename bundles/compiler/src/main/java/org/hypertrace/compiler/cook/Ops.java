package org.hypertrace.compiler.cook;

import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DErrorTag;
import org.hypertrace.compiler.decl.DType;
import org.hypertrace.compiler.decl.KernelTypes;
import org.hypertrace.compiler.decl.TypeRules;
import org.hypertrace.compiler.ident.Ident;
import org.hypertrace.compiler.ident.IdentKind;
import org.hypertrace.compiler.ident.IdentTable;
import org.hypertrace.compiler.ident.IdentTable.Space;
import org.hypertrace.compiler.parse.Node;
import org.hypertrace.compiler.parse.Node.Expr;
import org.hypertrace.compiler.parse.Node.Op;

/**
 * The operator cases of the cook pass: port of dt_parser.c {@code dt_cook_op1},
 * {@code dt_cook_op2} (arithmetic, comparisons, assignments, member access, casts, comma) and
 * {@code dt_cook_op3}, with {@code dt_assign_common}.
 */
final class Ops {
  private Ops() {}

  private static DCompileException err(Cooker c, DErrorTag tag, int line, String fmt,
      Object... args) throws DCompileException {
    throw c.pcb().error(tag, line, fmt, args);
  }

  // ---------------------------------------------------------------- unary

  static T cookOp1(Cooker c, Node.Op1 o) throws DCompileException {
    Op op = o.op();
    boolean mod = op == Op.PREINC || op == Op.POSTINC || op == Op.PREDEC || op == Op.POSTDEC;
    int idflags = mod ? Ident.REF | Ident.MOD : Ident.REF;
    T cp;
    if (mod && o.child() instanceof Node.Ident0 id && !id.name().startsWith("@")) {
      cp = c.xcookIdent(id, Space.GLOBAL, IdentKind.SCALAR, true);
      cp = c.cookVar(cp, 0);
    } else if (mod && o.child() instanceof Node.Member m && isSelfThis(m)) {
      cp = selfThis(c, m, 0);
    } else {
      cp = c.cook(o.child(), 0);
    }
    if (cp instanceof T.Var v && v.ident().isUnref() && !IdentTable.isBuiltin(v.ident())
        && v.ident().kind() == IdentKind.SCALAR) {
      DType i64 = c.types().lookup("int64_t");
      v.ident().setType(i64);
      cp = new T.Var(v.line(), v.ident(), v.keys(), i64, v.flags());
    }
    if (cp instanceof T.Var v) {
      v.ident().addFlags(idflags);
      if ((idflags & Ident.REF) != 0 && v.type() == null) {
        err(c, DErrorTag.D_VAR_UNDEF, v.line(), "%s has not yet been declared or assigned\n",
            v.ident().qualifiedName());
      }
    }
    DType ct = cp.type();
    int line = o.line();
    switch (op) {
      case DEREF:
        return deref(c, line, cp);
      case IPOS:
      case INEG:
        if (!TypeRules.isArith(ct)) {
          err(c, DErrorTag.D_OP_ARITH, line, "operator %s requires an operand of arithmetic "
              + "type\n", op.text());
        }
        return new T.Op1(line, op, cp, ct, 0);
      case BNEG:
        if (!TypeRules.isInteger(ct)) {
          err(c, DErrorTag.D_OP_INT, line, "operator %s requires an operand of integral type\n",
              op.text());
        }
        return new T.Op1(line, op, cp, ct, 0);
      case LNEG:
        if (!TypeRules.isScalar(ct)) {
          err(c, DErrorTag.D_OP_SCALAR, line, "operator %s requires an operand of scalar "
              + "type\n", op.text());
        }
        return new T.Op1(line, op, cp, c.intType(), 0);
      case ADDROF:
        if (cp instanceof T.Var cv && cv.ident().kind() != IdentKind.SYMBOL
            || cp instanceof T.Agg) {
          err(c, DErrorTag.D_ADDROF_VAR, line, "cannot take address of dynamic variable\n");
        }
        if (ct == TypeRules.DYN) {
          err(c, DErrorTag.D_ADDROF_VAR, line, "cannot take address of dynamic object\n");
        }
        if ((cp.flags() & T.LVALUE) == 0) {
          err(c, DErrorTag.D_ADDROF_LVAL, line, "unacceptable operand for unary & operator\n");
        }
        if ((cp.flags() & T.BITFIELD) != 0) {
          err(c, DErrorTag.D_ADDROF_BITFIELD, line, "cannot take address of bit-field\n");
        }
        return new T.Op1(line, op, cp, DType.pointer(ct), cp.flags() & T.USERLAND);
      case SIZEOF: {
        if ((cp.flags() & T.BITFIELD) != 0) {
          err(c, DErrorTag.D_SIZEOF_BITFIELD, line, "cannot apply sizeof to a bit-field\n");
        }
        long size = ct == null || ct == TypeRules.DYN ? 0 : ct.size();
        if (size == 0) {
          err(c, DErrorTag.D_SIZEOF_TYPE, line,
              "cannot apply sizeof to an operand of unknown size\n");
        }
        KernelTypes.Sou k = ct.resolve().kernel();
        if (c.types().relocatesKernelLayout() && k != null && k.sizeName() != null) {
          return new T.RelocConst(line, k.sizeName(), "", c.types().lookup("size_t"));
        }
        return new T.Int(line, size, c.types().lookup("size_t"));
      }
      case STRINGOF:
        if (!TypeRules.isScalar(ct) && !TypeRules.isPointer(ct) && !TypeRules.isStrCompat(ct)) {
          err(c, DErrorTag.D_STRINGOF_TYPE, line, "cannot apply stringof to a value of type "
              + "%s\n", Cooker.name(cp));
        }
        return new T.Op1(line, op, cp, c.types().stringType(), cp.flags() & T.USERLAND);
      case PREINC:
      case POSTINC:
      case PREDEC:
      case POSTDEC:
        if (!TypeRules.isScalar(ct)) {
          err(c, DErrorTag.D_OP_SCALAR, line, "operator %s requires operand of scalar type\n",
              op.text());
        }
        if (TypeRules.isVfptr(ct)) {
          err(c, DErrorTag.D_OP_VFPTR, line, "operator %s requires an operand of known size\n",
              op.text());
        }
        if ((cp.flags() & T.LVALUE) == 0) {
          err(c, DErrorTag.D_OP_LVAL, line, "operator %s requires modifiable lvalue as an "
              + "operand\n", op.text());
        }
        if ((cp.flags() & T.WRITABLE) == 0) {
          err(c, DErrorTag.D_OP_WRITE, line, "operator %s can only be applied to a writable "
              + "variable\n", op.text());
        }
        return new T.Op1(line, op, cp, ct, 0);
      default:
        throw err(c, DErrorTag.D_UNKNOWN, line, "invalid unary op %s\n", op.text());
    }
  }

  /** The DT_TOK_DEREF case. */
  static T deref(Cooker c, int line, T cp) throws DCompileException {
    if (cp instanceof T.Xlate x && x.ptr()) {
      return new T.Xlate(line, x.xlator(), x.arg(), false, TypeRules.DYN);
    }
    DType ct = cp.type();
    DType r = ct == null ? null : ct.resolve();
    DType to;
    if (r != null && r.kind() == DType.Kind.STRING) {
      to = c.types().named("char");
    } else if (r != null && r.kind() == DType.Kind.ARRAY) {
      to = r.ref();
    } else if (r != null && r.kind() == DType.Kind.POINTER) {
      to = r.ref();
    } else {
      throw err(c, DErrorTag.D_DEREF_NONPTR, line, "cannot dereference non-pointer type\n");
    }
    DType base = to.resolve();
    if (base.kind() == DType.Kind.VOID) {
      err(c, DErrorTag.D_DEREF_VOID, line, "cannot dereference pointer to void\n");
    }
    if (base.kind() == DType.Kind.FUNCTION) {
      err(c, DErrorTag.D_DEREF_FUNC, line, "cannot dereference pointer to function\n");
    }
    int flags = 0;
    if (base.kind() != DType.Kind.ARRAY) {
      flags |= T.LVALUE;
    }
    if ((cp.flags() & T.WRITABLE) != 0 || cp instanceof T.Op2 o2 && o2.op() == Op.ADD
        && (o2.left().flags() & T.WRITABLE) != 0) {
      flags |= T.WRITABLE;
    }
    if ((cp.flags() & T.USERLAND) != 0 || r.userland()) {
      flags |= T.USERLAND;
    }
    return new T.Op1(line, Op.DEREF, cp, to, flags);
  }

  // ---------------------------------------------------------------- binary

  static boolean isSelfThis(Node.Member m) {
    return m.arrow() && m.base() instanceof Node.Ident0 b
        && (b.name().equals("self") || b.name().equals("this"));
  }

  /** {@code self->x} / {@code this->x}: a thread-local or clause-local variable. */
  static T selfThis(Cooker c, Node.Member m, int idflags) throws DCompileException {
    Node.Ident0 b = (Node.Ident0) m.base();
    Space sp = b.name().equals("self") ? Space.TLS : Space.LOCAL;
    T v = c.xcookIdent(new Node.Ident0(m.line(), m.name()), sp, IdentKind.SCALAR, true);
    if (idflags != 0) {
      return c.cookVar(v, idflags);
    }
    return v;
  }

  static T cookOp2(Cooker c, Node.Op2 o, int idflags) throws DCompileException {
    Op op = o.op();
    int line = o.line();
    switch (op) {
      case BAND:
      case XOR:
      case BOR:
      case MOD: {
        T l = c.cook(o.left(), Ident.REF);
        T r = c.cook(o.right(), Ident.REF);
        if (!TypeRules.isInteger(l.type()) || !TypeRules.isInteger(r.type())) {
          err(c, DErrorTag.D_OP_INT, line, "operator %s requires operands of integral type\n",
              op.text());
        }
        return new T.Op2(line, op, l, r, TypeRules.promote(l.type(), r.type(), c.types()), 0);
      }
      case LSH:
      case RSH: {
        T l = c.cook(o.left(), Ident.REF);
        T r = c.cook(o.right(), Ident.REF);
        if (!TypeRules.isInteger(l.type()) || !TypeRules.isInteger(r.type())) {
          err(c, DErrorTag.D_OP_INT, line, "operator %s requires operands of integral type\n",
              op.text());
        }
        return new T.Op2(line, op, l, r, l.type(), 0);
      }
      case MUL:
      case DIV: {
        T l = c.cook(o.left(), Ident.REF);
        T r = c.cook(o.right(), Ident.REF);
        if (!TypeRules.isArith(l.type()) || !TypeRules.isArith(r.type())) {
          err(c, DErrorTag.D_OP_ARITH, line, "operator %s requires operands of arithmetic "
              + "type\n", op.text());
        }
        return new T.Op2(line, op, l, r, promoteArith(c, l.type(), r.type()), 0);
      }
      case LAND:
      case LXOR:
      case LOR: {
        T l = c.cook(o.left(), Ident.REF);
        T r = c.cook(o.right(), Ident.REF);
        if (!TypeRules.isScalar(l.type()) || !TypeRules.isScalar(r.type())) {
          err(c, DErrorTag.D_OP_SCALAR, line, "operator %s requires operands of scalar type\n",
              op.text());
        }
        return new T.Op2(line, op, l, r, c.intType(), 0);
      }
      case LT:
      case LE:
      case GT:
      case GE:
      case EQU:
      case NEQ:
        return compare(c, o);
      case ADD:
      case SUB: {
        T l = c.cook(o.left(), Ident.REF);
        T r = c.cook(o.right(), Ident.REF);
        return cookAdd(c, line, op, l, r);
      }
      case OR_EQ:
      case XOR_EQ:
      case AND_EQ:
      case LSH_EQ:
      case RSH_EQ:
      case MOD_EQ:
      case MUL_EQ:
      case DIV_EQ:
      case ADD_EQ:
      case SUB_EQ:
        return compoundAssign(c, o);
      case ASGN:
        return assign(c, o);
      case LPAR:
        return cast(c, o);
      case XLATE: {
        T r = c.cook(o.right(), Ident.REF);
        DType to = ((Node.TypeRef) o.left()).type();
        org.hypertrace.compiler.xlate.Translator x = r.type() == null ? null
            : c.lookupXlator(r.type(), to, false);
        if (x == null) {
          throw err(c, DErrorTag.D_XLATE_NONE, line, "cannot translate from \"%s\" to "
              + "\"%s\"\n", Cooker.name(r), to);
        }
        return new T.Xlate(line, x, r, TypeRules.isPointer(to), TypeRules.DYN);
      }
      case COMMA: {
        T l = c.cook(o.left(), Ident.REF);
        T r = c.cook(o.right(), Ident.REF);
        if (l.type() == TypeRules.DYN || r.type() == TypeRules.DYN) {
          err(c, DErrorTag.D_OP_DYN, line, "operator %s operands cannot be of dynamic type\n",
              op.text());
        }
        if (Cooker.isActFunc(l) || Cooker.isActFunc(r)) {
          err(c, DErrorTag.D_OP_ACT, line, "operator %s operands cannot be actions\n",
              op.text());
        }
        return new T.Op2(line, op, l, r, r.type(), 0);
      }
      default:
        throw err(c, DErrorTag.D_UNKNOWN, line, "invalid binary op %s\n", op.text());
    }
  }

  private static DType promoteArith(Cooker c, DType l, DType r) {
    if (TypeRules.isInteger(l) && TypeRules.isInteger(r)) {
      return TypeRules.promote(l, r, c.types());
    }
    return l.resolve().kind() == DType.Kind.FLOAT ? l : r;
  }

  private static T compare(Cooker c, Node.Op2 o) throws DCompileException {
    T l = c.cook(o.left(), Ident.REF);
    Expr re = o.right();
    T r;
    DType lr = l.type() == null ? null : l.type().resolve();
    if (lr != null && lr.kind() == DType.Kind.ENUM && re instanceof Node.Ident0 id
        && id.name().indexOf('`') < 0 && lr.enumerators().containsKey(id.name())) {
      r = new T.Int(re.line(), lr.enumerators().get(id.name()), l.type());
    } else {
      r = c.cook(re, Ident.REF);
    }
    boolean ok = TypeRules.compat(l.type(), r.type())
        || TypeRules.isInteger(l.type()) && TypeRules.isInteger(r.type())
        || TypeRules.isStrCompat(l.type()) && TypeRules.isStrCompat(r.type())
        && (TypeRules.isString(l.type()) || TypeRules.isString(r.type()))
        || TypeRules.ptrCompat(l.type(), r.type(), isZero(l), isZero(r)) != null;
    if (!ok || l.type() == TypeRules.DYN || r.type() == TypeRules.DYN) {
      err(c, DErrorTag.D_OP_INCOMPAT, o.line(), "operands have incompatible types: \"%s\" %s "
          + "\"%s\"\n", Cooker.name(l), o.op().text(), Cooker.name(r));
    }
    return new T.Op2(o.line(), o.op(), l, r, c.intType(), 0);
  }

  private static boolean isZero(T t) {
    return t instanceof T.Int i && i.value() == 0;
  }

  /** ADD and SUB: integer arithmetic or pointer arithmetic. */
  static T cookAdd(Cooker c, int line, Op op, T l, T r) throws DCompileException {
    DType lt = l.type();
    DType rt = r.type();
    boolean lptr = TypeRules.isString(lt) || isPtrOrArr(lt) && !TypeRules.isVfptr(lt);
    boolean rptr = TypeRules.isString(rt) || isPtrOrArr(rt) && !TypeRules.isVfptr(rt);
    boolean lint = TypeRules.isInteger(lt);
    boolean rint = TypeRules.isInteger(rt);
    DType type;
    int flags = 0;
    if (lint && rint) {
      type = TypeRules.promote(lt, rt, c.types());
    } else if (lptr && rint) {
      type = ptrType(lt);
      flags = l.flags() & T.USERLAND;
    } else if (lint && rptr && op == Op.ADD) {
      type = ptrType(rt);
      flags = r.flags() & T.USERLAND;
    } else if (lptr && rptr && op == Op.SUB
        && TypeRules.ptrCompat(lt, rt, false, false) != null) {
      type = c.types().lookup("intptr_t");
    } else {
      throw err(c, DErrorTag.D_OP_INCOMPAT, line, "operands have incompatible types: \"%s\" %s "
          + "\"%s\"\n", Cooker.name(l), op.text(), Cooker.name(r));
    }
    return new T.Op2(line, op, l, r, type, flags | (l.flags() & T.WRITABLE));
  }

  private static boolean isPtrOrArr(DType t) {
    return t != null && (t.resolve().kind() == DType.Kind.POINTER
        || t.resolve().kind() == DType.Kind.ARRAY);
  }

  private static DType ptrType(DType t) {
    DType r = t.resolve();
    if (r.kind() == DType.Kind.STRING) {
      return t;
    }
    if (r.kind() == DType.Kind.ARRAY) {
      return DType.pointer(r.ref());
    }
    return t;
  }

  private static T cookLhsCreate(Cooker c, Expr lhs, int idflags) throws DCompileException {
    if (lhs instanceof Node.Ident0 id && !id.name().startsWith("@")) {
      T v = c.xcookIdent(id, Space.GLOBAL, IdentKind.SCALAR, true);
      return c.cookVar(v, idflags);
    }
    if (lhs instanceof Node.Member m && isSelfThis(m)) {
      return selfThis(c, m, idflags);
    }
    return c.cook(lhs, idflags);
  }

  private static T compoundAssign(Cooker c, Node.Op2 o) throws DCompileException {
    Op op = o.op();
    int line = o.line();
    int fl = Ident.REF | Ident.MOD;
    T l = cookLhsCreate(c, o.left(), fl);
    T r = c.cook(o.right(), fl);
    switch (op) {
      case MUL_EQ:
      case DIV_EQ:
        if (!TypeRules.isArith(l.type()) || !TypeRules.isArith(r.type())) {
          err(c, DErrorTag.D_OP_ARITH, line, "operator %s requires operands of arithmetic "
              + "type\n", op.text());
        }
        break;
      case ADD_EQ:
      case SUB_EQ:
        if (TypeRules.isString(l.type()) || TypeRules.isString(r.type())) {
          err(c, DErrorTag.D_OP_INCOMPAT, line, "operands have incompatible types: \"%s\" %s "
              + "\"%s\"\n", Cooker.name(l), op.text(), Cooker.name(r));
        }
        if (!TypeRules.isInteger(l.type()) || !TypeRules.isInteger(r.type())) {
          if (!TypeRules.isPointer(l.type()) || TypeRules.isVfptr(l.type())) {
            err(c, DErrorTag.D_OP_VFPTR, line, "operator %s requires left-hand scalar operand "
                + "of known size\n", op.text());
          } else if (!TypeRules.isInteger(r.type())
              && TypeRules.ptrCompat(l.type(), r.type(), false, isZero(r)) == null) {
            err(c, DErrorTag.D_OP_INCOMPAT, line, "operands have incompatible types: \"%s\" %s "
                + "\"%s\"\n", Cooker.name(l), op.text(), Cooker.name(r));
          }
        }
        break;
      default:
        if (!TypeRules.isInteger(l.type()) || !TypeRules.isInteger(r.type())) {
          err(c, DErrorTag.D_OP_INT, line, "operator %s requires operands of integral type\n",
              op.text());
        }
        break;
    }
    return assignCommon(c, o, l, r);
  }

  private static T assignCommon(Cooker c, Node.Op2 o, T l, T r) throws DCompileException {
    if ((l.flags() & T.LVALUE) == 0) {
      err(c, DErrorTag.D_OP_LVAL, o.line(), "operator %s requires modifiable lvalue as an "
          + "operand\n", o.op().text());
    }
    if ((l.flags() & T.WRITABLE) == 0) {
      err(c, DErrorTag.D_OP_WRITE, o.line(), "operator %s can only be applied to a writable "
          + "variable\n", o.op().text());
    }
    if (r instanceof T.Int ri && l.type() != null && TypeRules.isInteger(l.type())) {
      r = new T.Int(ri.line(), TypeRules.castConstant(ri.value(), ri.type(), l.type()),
          ri.type());
    }
    return new T.Op2(o.line(), o.op(), l, r, l.type(), 0);
  }

  private static boolean isAggLhs(Expr e) {
    return e instanceof Node.Ident0 id && id.name().startsWith("@")
        || e instanceof Node.Index ix && ix.base() instanceof Node.Ident0 b
        && b.name().startsWith("@");
  }

  private static T assign(Cooker c, Node.Op2 o) throws DCompileException {
    Expr le = o.left();
    if (isAggLhs(le)) {
      return assignAgg(c, o);
    }
    T l = cookLhsCreate(c, le, 0);
    T r = c.cook(o.right(), Ident.REF);
    if (r instanceof T.Xlate x && !x.ptr()) {
      r = new T.Xlate(x.line(), x.xlator(), x.arg(), false, x.xlator().dst());
    }
    if (l instanceof T.Var v && (v.type() == null || v.type() == TypeRules.DYN
        && v.ident().type() == null)) {
      Ident idp = v.ident();
      if (idp.type() == null && (idp.flags() & Ident.DECL) == 0) {
        if (r.type() == TypeRules.DYN || r instanceof T.Agg) {
          idp.setType(null);
        } else {
          idp.setType(r.type());
        }
        if ((r.flags() & T.USERLAND) != 0) {
          idp.addFlags(0);
        }
      }
      l = new T.Var(v.line(), idp, v.keys(), idp.type() == null ? r.type() : idp.type(),
          v.flags());
    }
    if (l instanceof T.Var v) {
      v.ident().addFlags(Ident.MOD);
    }
    DType lt = l.type();
    if (lt != null && !TypeRules.isString(lt)) {
      DType.Kind k = lt.resolve().kind();
      if (k == DType.Kind.ARRAY || k == DType.Kind.FUNCTION) {
        err(c, DErrorTag.D_OP_ARRFUN, o.line(), "operator %s may not be applied to operand of "
            + "type \"%s\"\n", o.op().text(), Cooker.name(l));
      }
    }
    if (lt == null || r.type() == null || lt == TypeRules.DYN || r.type() == TypeRules.DYN
        || !c.argCompat(lt, r)) {
      if (!(lt != null && r.type() != null && TypeRules.compat(lt, r.type()))) {
        err(c, DErrorTag.D_OP_INCOMPAT, o.line(), "operands have incompatible types: \"%s\" %s "
            + "\"%s\"\n", Cooker.name(l), o.op().text(), Cooker.name(r));
      }
    }
    return assignCommon(c, o, l, r);
  }

  private static T assignAgg(Cooker c, Node.Op2 o) throws DCompileException {
    Expr le = o.left();
    Node.Ident0 id = le instanceof Node.Ident0 i ? i : (Node.Ident0) ((Node.Index) le).base();
    java.util.List<Expr> keys = le instanceof Node.Index ix ? ix.keys() : java.util.List.of();
    String aname = Cooker.aggName(id.name());
    if (!(o.right() instanceof Node.Call call) || call.fn().kind() != IdentKind.AGGFUNC) {
      c.cook(o.right(), Ident.REF);
      throw err(c, DErrorTag.D_AGG_FUNC, o.line(),
          "@%s must be assigned the result of an aggregating function\n", aname);
    }
    return c.cookAggregation(o.line(), id, keys, call, Ident.MOD);
  }

  private static T cast(Cooker c, Node.Op2 o) throws DCompileException {
    DType to = ((Node.TypeRef) o.left()).type();
    T r = c.cook(o.right(), Ident.REF);
    DType rt = r.type();
    DType lr = to.resolve();
    boolean ok = TypeRules.compat(to, rt)
        || TypeRules.isScalar(to) && (TypeRules.isScalar(rt)
            || rt != null && rt.resolve().kind() == DType.Kind.FUNCTION)
        || TypeRules.isVoid(to)
        || lr.kind() == DType.Kind.POINTER && TypeRules.isPointer(rt)
        || TypeRules.isString(to) && (TypeRules.isScalar(rt) || TypeRules.isPointer(rt)
            || TypeRules.isStrCompat(rt));
    if (!ok || rt == TypeRules.DYN) {
      err(c, DErrorTag.D_CAST_INVAL, o.line(), "invalid cast expression: \"%s\" to \"%s\"\n",
          Cooker.name(r), to);
    }
    int flags = lr.kind() == DType.Kind.POINTER ? T.WRITABLE : 0;
    return new T.Op2(o.line(), Op.LPAR, new T.Type(o.line(), to), r, to, flags);
  }

  // ---------------------------------------------------------------- ternary, members

  static T cookOp3(Cooker c, Node.Op3 o) throws DCompileException {
    T e = c.cook(o.cond(), Ident.REF);
    T l = c.cook(o.left(), Ident.REF);
    T r = c.cook(o.right(), Ident.REF);
    if (!TypeRules.isScalar(e.type())) {
      err(c, DErrorTag.D_OP_SCALAR, o.line(), "operator ?: expression must be of scalar type\n");
    }
    if (l.type() == TypeRules.DYN || r.type() == TypeRules.DYN) {
      err(c, DErrorTag.D_OP_DYN, o.line(), "operator ?: operands cannot be of dynamic type\n");
    }
    DType t;
    if (TypeRules.compat(l.type(), r.type())) {
      t = l.type();
    } else if (TypeRules.isInteger(l.type()) && TypeRules.isInteger(r.type())) {
      t = TypeRules.promote(l.type(), r.type(), c.types());
    } else if (TypeRules.isStrCompat(l.type()) && TypeRules.isStrCompat(r.type())
        && (TypeRules.isString(l.type()) || TypeRules.isString(r.type()))) {
      t = c.types().stringType();
    } else {
      t = TypeRules.ptrCompat(l.type(), r.type(), isZero(l), isZero(r));
      if (t == null) {
        err(c, DErrorTag.D_OP_INCOMPAT, o.line(),
            "operator ?: operands must have compatible types\n");
      }
    }
    if (Cooker.isActFunc(l) || Cooker.isActFunc(r)) {
      err(c, DErrorTag.D_OP_ACT, o.line(), "action cannot be used in a conditional context\n");
    }
    return new T.Op3(o.line(), e, l, r, t);
  }

  static T cookMember(Cooker c, Node.Member m, int idflags) throws DCompileException {
    if (isSelfThis(m)) {
      return selfThis(c, m, idflags == 0 ? 0 : idflags);
    }
    T l = c.cook(m.base(), Ident.REF);
    int line = m.line();
    String opt = m.arrow() ? "->" : ".";
    if (l instanceof T.Xlate x) {
      if (x.ptr() != m.arrow()) {
        if (m.arrow()) {
          throw err(c, DErrorTag.D_OP_PTR, line, "operator %s must be applied to a pointer\n",
              opt);
        }
        throw err(c, DErrorTag.D_OP_SOU, line, "operator %s cannot be applied to type "
            + "\"%s\"; must be applied to a struct or union\n", opt,
            DType.pointer(x.xlator().dst()));
      }
      org.hypertrace.compiler.xlate.Translator.Member xm = x.xlator().members().get(m.name());
      if (xm == null) {
        throw err(c, DErrorTag.D_XLATE_NOCONV, line, "translator does not define conversion "
            + "for member: %s\n", m.name());
      }
      return new T.XlMember(line, x, m.name(), (T) xm.expr(), xm.type());
    }
    DType t = l.type() == null ? null : l.type().resolve();
    boolean uref = (l.flags() & T.USERLAND) != 0;
    if (m.arrow()) {
      if (t == null || t.kind() != DType.Kind.POINTER) {
        throw err(c, DErrorTag.D_OP_PTR, line, "operator %s must be applied to a pointer\n",
            opt);
      }
      uref |= t.userland();
      t = t.ref().resolve();
    }
    if (t == null || t == TypeRules.DYN) {
      throw err(c, DErrorTag.D_OP_SOU, line, "operator %s cannot be applied to type \"%s\"; "
          + "must be applied to a struct or union\n", opt, Cooker.name(l));
    }
    if (t.isKernel() && t.name() != null && c.types().kernelOpaqueForHyperTrace()) {
      return new T.RelocMember(line, m.arrow(), l, t + "", m.name(), m.name(),
          c.types().lookup("int64_t"), uref ? T.USERLAND : 0);
    }
    if ((t.kind() == DType.Kind.STRUCT || t.kind() == DType.Kind.UNION)
        && !kernelComplete(c, line, t) || t.kind() == DType.Kind.FORWARD) {
      err(c, DErrorTag.D_OP_INCOMPLETE, line, "operator %s cannot be applied to a forward "
          + "declaration: no %s definition is available\n", opt, t);
    }
    if (t.kind() != DType.Kind.STRUCT && t.kind() != DType.Kind.UNION) {
      if (m.arrow()) {
        err(c, DErrorTag.D_OP_SOU, line, "operator -> cannot be applied to pointer to type "
            + "\"%s\"; must be applied to a struct or union pointer\n", t);
      } else {
        err(c, DErrorTag.D_OP_SOU, line, "operator %s cannot be applied to type \"%s\"; must "
            + "be applied to a struct or union\n", opt, t);
      }
    }
    if (t.isOpaque()) {
      return new T.RelocMember(line, m.arrow(), l, "struct " + t.name(), m.name(), m.name(),
          c.types().lookup("int64_t"), uref ? T.USERLAND : 0);
    }
    DType.Member mb = kernelMember(c, line, t, m.name());
    if (mb == null) {
      throw err(c, DErrorTag.D_TYPE_MEMBER, line, "%s is not a member of %s\n", m.name(), t);
    }
    DType mt = mb.type();
    DType.Kind mk = mt.resolve().kind();
    int flags = 0;
    if (m.arrow() && (mk != DType.Kind.ARRAY)) {
      flags |= T.LVALUE;
    }
    if (!m.arrow() && (l.flags() & T.LVALUE) != 0 && mk != DType.Kind.ARRAY) {
      flags |= T.LVALUE;
    }
    if ((l.flags() & T.WRITABLE) != 0) {
      flags |= T.WRITABLE;
    }
    if (mb.bitWidth() > 0) {
      flags |= T.BITFIELD;
    }
    if (uref) {
      flags |= T.USERLAND;
    }
    if (t.isKernel()) {
      return relocMember(c, m, l, t, mb, flags);
    }
    return new T.Member(line, m.arrow(), l, m.name(), mb.bitOffset(), mb.bitWidth(), mt, flags);
  }

  /** {@link DType#isComplete()}, with unreadable kernel type data as a compile error. */
  private static boolean kernelComplete(Cooker c, int line, DType t) throws DCompileException {
    try {
      return t.isComplete();
    } catch (KernelTypes.Unavailable e) {
      throw err(c, DErrorTag.D_TYPE_ERR, line, "%s: %s\n", t, e.getMessage());
    }
  }

  /** {@link DType#member(String)}, with unreadable kernel type data as a compile error. */
  private static DType.Member kernelMember(Cooker c, int line, DType t, String name)
      throws DCompileException {
    try {
      return t.member(name);
    } catch (KernelTypes.Unavailable e) {
      throw err(c, DErrorTag.D_TYPE_ERR, line, "%s: %s\n", t, e.getMessage());
    }
  }

  /**
   * A member of a kernel struct or union: a relocation site named by the root type of the
   * member chain and the D path written so far. The chain continues through a member of the
   * kernel's ({@code a->b.c}, {@code a->b->c}) and through {@code (*a->b).c}; any other base
   * (a variable, a cast, an array element) starts a new chain at the base's type.
   */
  private static T relocMember(Cooker c, Node.Member m, T l, DType t, DType.Member mb,
      int flags) throws DCompileException {
    if (mb.bitWidth() > 0) {
      throw err(c, DErrorTag.D_TYPE_ERR, m.line(), "bit-field %s of %s cannot be relocated\n",
          m.name(), t);
    }
    String root;
    String path;
    if (l instanceof T.RelocMember b && !b.typeName().isEmpty() && isChain(b)) {
      root = b.typeName();
      path = b.path() + (m.arrow() ? "->" : ".") + m.name();
    } else if (!m.arrow() && l instanceof T.Op1 d && d.op() == Op.DEREF
        && d.child() instanceof T.RelocMember b && isChain(b)) {
      root = b.typeName();
      path = b.path() + "->" + m.name();
    } else {
      KernelTypes.Sou k = t.kernel();
      root = k.root();
      path = k.prefix() + m.name();
    }
    return new T.RelocMember(m.line(), m.arrow(), l, root, path, m.name(), mb.type(), flags);
  }

  /** @return whether a relocated member is a kernel type's (not an opaque int64_t). */
  private static boolean isChain(T.RelocMember b) {
    DType bt = b.type().resolve();
    DType to = bt.kind() == DType.Kind.POINTER ? bt.ref().resolve() : bt;
    return to.isKernel();
  }
}

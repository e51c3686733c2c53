package org.hypertrace.compiler.parse;

import java.util.List;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DErrorTag;
import org.hypertrace.compiler.decl.DType;
import org.hypertrace.compiler.decl.TypeRules;
import org.hypertrace.compiler.decl.TypeTable;
import org.hypertrace.compiler.ident.Ident;
import org.hypertrace.compiler.ident.IdentKind;
import org.hypertrace.compiler.ident.IdentTable;
import org.hypertrace.compiler.lex.Pcb;
import org.hypertrace.compiler.lex.Token;
import org.hypertrace.compiler.parse.Node.Expr;
import org.hypertrace.compiler.parse.Node.IntLit;
import org.hypertrace.compiler.parse.Node.Op;

/**
 * Node constructors of dt_parser.c: {@code dt_node_int} (the type of an integer constant),
 * {@code dt_node_ident} (inline integer constants expand in place), {@code dt_node_func}
 * (function designators are resolved while parsing), and the constant folding of
 * {@code dt_node_op1}, {@code dt_node_op2} and {@code dt_node_op3}.
 */
final class NodeFactory {
  private static final String[] INTS = {"int", "unsigned int", "long", "unsigned long",
      "long long", "unsigned long long"};
  private static final long[] LIMITS = {0x7fffffffL, 0xffffffffL, Long.MAX_VALUE, -1L,
      Long.MAX_VALUE, -1L};

  private final Pcb pcb;
  private final TypeTable types;
  private final IdentTable idents;

  NodeFactory(Pcb pcb, TypeTable types, IdentTable idents) {
    this.pcb = pcb;
    this.types = types;
    this.idents = idents;
  }

  /** dt_node_int for a lexed integer token. */
  Expr intLit(Token t) throws DCompileException {
    IntLit n = intLit(t.line(), t.value(), t.suffix(), t.decimal());
    if (t.prefix() == '-') {
      return op1(t.line(), Op.INEG, n);
    }
    return n;
  }

  IntLit intLit(int line, long value, String suffix, boolean decimal) throws DCompileException {
    int step = (decimal && !suffix.startsWith("u") ? 1 : 0) + 1;
    if (decimal && suffix.startsWith("u")) {
      step = 1;
    }
    int i = 0;
    for (char c : suffix.toCharArray()) {
      if (c == 'u' || c == 'U') {
        i += 1;
      } else if (c == 'l' || c == 'L') {
        i += 2;
      }
    }
    for (; i < INTS.length; i += step) {
      if (Long.compareUnsigned(value, LIMITS[i]) <= 0) {
        return new IntLit(line, value, types.named(INTS[i]));
      }
    }
    throw pcb.error(DErrorTag.D_INT_OFLOW, line, "integer constant 0x%x cannot be represented "
        + "in any built-in integral type\n", value);
  }

  /** dt_node_ident: an inline integer constant becomes an INT node. */
  Expr ident(int line, String name) {
    Ident i = idents.lookup(IdentTable.Space.GLOBAL, name);
    if (i != null && (i.flags() & Ident.INLINE) != 0 && i.inlineExpr() instanceof IntLit il) {
      return new IntLit(line, il.value(), il.type());
    }
    return new Node.Ident0(line, name);
  }

  /** dt_node_func: resolve the function designator. */
  Expr func(int line, Expr callee, List<Expr> args) throws DCompileException {
    if (!(callee instanceof Node.Ident0 id)) {
      throw pcb.error(DErrorTag.D_FUNC_IDENT, line,
          "function designator is not of function type\n");
    }
    Ident i = idents.lookup(IdentTable.Space.GLOBAL, id.name());
    if (i == null) {
      throw pcb.error(DErrorTag.D_FUNC_UNDEF, line, "undefined function name: %s\n", id.name());
    }
    if (i.kind() != IdentKind.FUNC && i.kind() != IdentKind.AGGFUNC
        && i.kind() != IdentKind.ACTFUNC) {
      throw pcb.error(DErrorTag.D_FUNC_IDKIND, line, "%s '%s' may not be referenced as a "
          + "function\n", i.kind().label(), i.name());
    }
    return new Node.Call(callee.line(), i, List.copyOf(args));
  }

  /** dt_node_statement. */
  Node.Stmt statement(Expr e) {
    return new Node.ExprStmt(e.line(), e);
  }

  /** dt_node_offsetof. */
  Expr offsetof(int line, DType t, String member) throws DCompileException {
    DType r = t.resolve();
    if (r.kind() != DType.Kind.STRUCT && r.kind() != DType.Kind.UNION || !r.isComplete()) {
      throw pcb.error(DErrorTag.D_OFFSETOF_TYPE, line,
          "offsetof operand must be a struct or union type\n");
    }
    DType.Member m = r.member(member);
    if (m == null) {
      throw pcb.error(DErrorTag.D_UNKNOWN, line, "failed to determine offset of %s: "
          + "Member name not found\n", member);
    }
    if (m.bitWidth() > 0) {
      throw pcb.error(DErrorTag.D_OFFSETOF_BITFIELD, line,
          "cannot take offset of a bit-field: %s\n", member);
    }
    if (types.relocatesKernelLayout() && r.isKernel() && r.kernel().sizeName() != null) {
      return new Node.RelocLit(line, m.bitOffset() / 8, types.lookup("size_t"),
          r.kernel().sizeName(), r.kernel().prefix() + member);
    }
    return intLit(line, m.bitOffset() / 8, "", true);
  }

  /** dt_node_op1 with constant folding and sizeof of types and strings. */
  Expr op1(int line, Op op, Expr c) throws DCompileException {
    if (c instanceof IntLit il) {
      long v = il.value();
      switch (op) {
        case INEG: {
          v = -v;
          if (!il.type().isSigned()) {
            long size = il.type().size();
            if (size < 8) {
              v &= -1L >>> (64 - size * 8);
            }
          }
          return new IntLit(line, v, il.type());
        }
        case IPOS:
          return il;
        case BNEG:
          return new IntLit(line, ~v, il.type());
        case LNEG:
          return new IntLit(line, v == 0 ? 1 : 0, il.type());
        default:
          break;
      }
    }
    if (op == Op.SIZEOF && (c instanceof Node.StrLit || c instanceof Node.TypeRef)) {
      long size = c instanceof Node.StrLit s ? s.value().length() + 1
          : ((Node.TypeRef) c).type().size();
      if (size == 0) {
        throw pcb.error(DErrorTag.D_SIZEOF_TYPE, line,
            "cannot apply sizeof to an operand of unknown size\n");
      }
      if (c instanceof Node.TypeRef tr && types.relocatesKernelLayout()
          && tr.type().resolve().isKernel() && tr.type().resolve().kernel().sizeName() != null) {
        return new Node.RelocLit(line, size, types.lookup("size_t"),
            tr.type().resolve().kernel().sizeName(), "");
      }
      return new IntLit(line, size, types.lookup("size_t"));
    }
    return new Node.Op1(line, op, c);
  }

  /** dt_node_op2 with division-by-zero check, constant folding and constant casts. */
  Expr op2(int line, Op op, Expr l, Expr r) throws DCompileException {
    if (r instanceof IntLit ri && ri.value() == 0
        && (op == Op.MOD || op == Op.DIV || op == Op.MOD_EQ || op == Op.DIV_EQ)) {
      throw pcb.error(DErrorTag.D_DIV_ZERO, line, "expression contains division by zero\n");
    }
    if (l instanceof IntLit li && r instanceof IntLit ri) {
      IntLit f = fold(line, op, li, ri);
      if (f != null) {
        return f;
      }
    }
    if (op == Op.LPAR && r instanceof IntLit ri && l instanceof Node.TypeRef tr
        && TypeRules.isInteger(tr.type())) {
      return new IntLit(ri.line(), TypeRules.castConstant(ri.value(), ri.type(), tr.type()),
          tr.type());
    }
    return new Node.Op2(line, op, l, r);
  }

  private IntLit fold(int line, Op op, IntLit li, IntLit ri) {
    long l = li.value();
    long r = ri.value();
    DType it = types.intType();
    DType p = TypeRules.promote(li.type(), ri.type(), types);
    boolean s = p.isSigned();
    switch (op) {
      case LOR: return new IntLit(line, l != 0 || r != 0 ? 1 : 0, it);
      case LXOR: return new IntLit(line, (l != 0) ^ (r != 0) ? 1 : 0, it);
      case LAND: return new IntLit(line, l != 0 && r != 0 ? 1 : 0, it);
      case BOR: return new IntLit(line, l | r, p);
      case XOR: return new IntLit(line, l ^ r, p);
      case BAND: return new IntLit(line, l & r, p);
      case EQU: return new IntLit(line, l == r ? 1 : 0, it);
      case NEQ: return new IntLit(line, l != r ? 1 : 0, it);
      case LT: return new IntLit(line, (s ? l < r : Long.compareUnsigned(l, r) < 0) ? 1 : 0, it);
      case LE: return new IntLit(line, (s ? l <= r : Long.compareUnsigned(l, r) <= 0) ? 1 : 0,
          it);
      case GT: return new IntLit(line, (s ? l > r : Long.compareUnsigned(l, r) > 0) ? 1 : 0, it);
      case GE: return new IntLit(line, (s ? l >= r : Long.compareUnsigned(l, r) >= 0) ? 1 : 0,
          it);
      case LSH: return new IntLit(line, r >= 64 || r < 0 ? 0 : l << r, li.type());
      case RSH: return new IntLit(line, r >= 64 || r < 0 ? 0 : l >>> r, li.type());
      case ADD: return new IntLit(line, l + r, p);
      case SUB: return new IntLit(line, l - r, p);
      case MUL: return new IntLit(line, l * r, p);
      case DIV: return new IntLit(line, s ? (r == -1 ? -l : l / r) : Long.divideUnsigned(l, r),
          p);
      case MOD: return new IntLit(line, s ? (r == -1 ? 0 : l % r) : Long.remainderUnsigned(l, r),
          p);
      default: return null;
    }
  }

  /** dt_node_op3: a constant condition selects its branch. */
  Expr op3(int line, Expr c, Expr t, Expr f) {
    if (c instanceof IntLit il) {
      return il.value() != 0 ? t : f;
    }
    return new Node.Op3(line, c, t, f);
  }
}

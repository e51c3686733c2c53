package org.hypertrace.compiler.parse;

import java.util.List;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.compiler.decl.DType;
import org.hypertrace.compiler.ident.Ident;

/**
 * The parse tree: port of the {@code dt_node_t} kinds dt_grammar.y builds through dt_parser.c's
 * {@code dt_node_*} constructors. Every node carries the line it started on. Integer constant
 * expressions are folded while parsing, as dt_node_op1/op2/op3 do, so {@link IntLit} may stand
 * for a whole constant expression.
 */
public sealed interface Node {
  /** @return the source line. */
  int line();

  /** An expression. */
  sealed interface Expr extends Node {}

  /** A statement of a clause body. */
  sealed interface Stmt extends Node {}

  /** Integer constant with its D type (DT_NODE_INT). */
  record IntLit(int line, long value, DType type) implements Expr {}

  /**
   * HyperTrace: an integer constant only the target knows, {@code sizeof} ({@code memberPath}
   * empty) or {@code offsetof} of a kernel type under {@code -E}; {@code value} is the host's.
   */
  record RelocLit(int line, long value, DType type, String typeName, String memberPath)
      implements Expr {}

  /** String constant (DT_NODE_STRING). */
  record StrLit(int line, String value) implements Expr {}

  /** An identifier or aggregation name with its leading {@code @} (DT_NODE_IDENT). */
  record Ident0(int line, String name) implements Expr {}

  /** A type used as an operand of sizeof, casts and xlate (DT_NODE_TYPE). */
  record TypeRef(int line, DType type) implements Expr {}

  /** Unary operator (DT_NODE_OP1). */
  record Op1(int line, Op op, Expr child) implements Expr {}

  /** Binary operator, assignment, comma, cast (LPAR) or xlate (DT_NODE_OP2). */
  record Op2(int line, Op op, Expr left, Expr right) implements Expr {}

  /** {@code ?:} (DT_NODE_OP3). */
  record Op3(int line, Expr cond, Expr left, Expr right) implements Expr {}

  /** Subscript {@code a[k1, k2]} (OP2 DT_TOK_LBRAC with a key list). */
  record Index(int line, Expr base, List<Expr> keys) implements Expr {}

  /** Member access {@code a.b} or {@code a->b}. */
  record Member(int line, boolean arrow, Expr base, String name) implements Expr {}

  /** A call of a subroutine, action or aggregating function (DT_NODE_FUNC). */
  record Call(int line, Ident fn, List<Expr> args) implements Expr {}

  /** An expression statement (DT_NODE_DEXPR, DT_NODE_DFUNC, or an aggregation). */
  record ExprStmt(int line, Expr expr) implements Stmt {}

  /** {@code if (cond) {...} else {...}} (DT_NODE_IF). */
  record IfStmt(int line, Expr cond, List<Stmt> then, List<Stmt> otherwise) implements Stmt {}

  /** One probe description of a clause (DT_NODE_PDESC). */
  record PDesc(int line, ProbeDescription desc) implements Node {}

  /** A clause: probe descriptions, optional predicate, statements (DT_NODE_CLAUSE). */
  record Clause(int line, List<PDesc> pdescs, Expr pred, List<Stmt> acts) implements Node {}

  /** The operators: dt_grammar.y's DT_TOK_* operator tokens. */
  enum Op {
    COMMA(","), ASGN("="), ADD_EQ("+="), SUB_EQ("-="), MUL_EQ("*="), DIV_EQ("/="),
    MOD_EQ("%="), AND_EQ("&="), XOR_EQ("^="), OR_EQ("|="), LSH_EQ("<<="), RSH_EQ(">>="),
    LOR("||"), LXOR("^^"), LAND("&&"), BOR("|"), XOR("^"), BAND("&"), EQU("=="), NEQ("!="),
    LT("<"), LE("<="), GT(">"), GE(">="), LSH("<<"), RSH(">>"), ADD("+"), SUB("-"), MUL("*"),
    DIV("/"), MOD("%"), LNEG("!"), BNEG("~"), ADDADD("++"), SUBSUB("--"), PREINC("++"),
    POSTINC("++"), PREDEC("--"), POSTDEC("--"), IPOS("+"), INEG("-"), DEREF("*"),
    ADDROF("&"), OFFSETOF("offsetof"), SIZEOF("sizeof"), STRINGOF("stringof"), XLATE("xlate"),
    LPAR("( )"), LBRAC("[ ]"), DOT("."), PTR("->");

    private final String text;

    Op(String text) {
      this.text = text;
    }

    /** @return the operator as dt_parser.c's opstr prints it. */
    public String text() {
      return text;
    }
  }
}

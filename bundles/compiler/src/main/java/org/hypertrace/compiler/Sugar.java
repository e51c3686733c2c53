package org.hypertrace.compiler;

import java.util.ArrayList;
import java.util.List;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.compiler.decl.DType;
import org.hypertrace.compiler.parse.Node;
import org.hypertrace.compiler.parse.Node.Expr;
import org.hypertrace.compiler.parse.Node.Op;

/**
 * Syntactic sugar: port of dt_sugar.c. A clause using {@code if}/{@code else} becomes several
 * sub-clauses on the same probe descriptions: one per basic block, each guarded by a
 * clause-local condition variable {@code this->%condition_N} set by a condition sub-clause,
 * and by {@code self->%error}, which a {@code dtrace:::ERROR} clause sets (added once per
 * program) so that a fault stops the rest of the super-clause.
 */
final class Sugar {
  private final DType intType;
  private boolean hasSugar;

  Sugar(DType intType) {
    this.intType = intType;
  }

  /** Per super-clause state (dt_sugar_parse_t). */
  private final class Parse {
    final List<Node.PDesc> pdescs;
    final int line;
    int conditions;
    final List<Node.Clause> out = new ArrayList<>();

    Parse(Node.Clause c) {
      this.pdescs = c.pdescs();
      this.line = c.line();
    }
  }

  private Expr errorVar(int line) {
    return new Node.Member(line, true, new Node.Ident0(line, "self"), "%error");
  }

  private Expr conditionVar(int line, int id) {
    return new Node.Member(line, true, new Node.Ident0(line, "this"), "%condition_" + id);
  }

  private Node.Stmt stmt(Expr e) {
    return new Node.ExprStmt(e.line(), e);
  }

  private int newCondition(Parse dp, Expr pred, int condid) {
    int line = pred.line();
    dp.conditions++;
    Expr newpred = new Node.Op1(line, Op.LNEG, errorVar(line));
    Expr value = condid == 0
        ? new Node.Op2(line, Op.LAND, new Node.IntLit(line, 1, intType), pred)
        : new Node.Op2(line, Op.LAND, conditionVar(line, condid), pred);
    Node.Stmt body = stmt(new Node.Op2(line, Op.ASGN, conditionVar(line, dp.conditions),
        value));
    dp.out.add(new Node.Clause(dp.line, dp.pdescs, newpred, List.of(body)));
    return dp.conditions;
  }

  private void basicBlock(Parse dp, int condid, List<Node.Stmt> stmts, int line) {
    Expr pred = null;
    if (condid == 0) {
      if (dp.conditions != 0) {
        pred = new Node.Op1(line, Op.LNEG, errorVar(line));
      }
    } else {
      pred = new Node.Op2(line, Op.LAND, new Node.Op1(line, Op.LNEG, errorVar(line)),
          conditionVar(line, condid));
    }
    dp.out.add(new Node.Clause(dp.line, dp.pdescs, pred, stmts));
  }

  private void doIf(Parse dp, Node.IfStmt s, int pre) {
    int newid = newCondition(dp, s.cond(), pre);
    visitStmts(dp, s.then(), newid, s.line());
    if (!s.otherwise().isEmpty()) {
      Expr pred = new Node.Op1(s.line(), Op.LNEG, conditionVar(s.line(), newid));
      visitStmts(dp, s.otherwise(), newCondition(dp, pred, pre), s.line());
    }
  }

  private void visitStmts(Parse dp, List<Node.Stmt> stmts, int pre, int line) {
    List<Node.Stmt> block = new ArrayList<>();
    for (Node.Stmt s : stmts) {
      if (!(s instanceof Node.IfStmt i)) {
        block.add(s);
        continue;
      }
      if (!block.isEmpty()) {
        basicBlock(dp, pre, List.copyOf(block), line);
        block.clear();
      }
      doIf(dp, i, pre);
    }
    if (!block.isEmpty()) {
      basicBlock(dp, pre, List.copyOf(block), line);
    }
  }

  private static boolean hasIf(List<Node.Stmt> stmts) {
    if (stmts == null) {
      return false;
    }
    for (Node.Stmt s : stmts) {
      if (s instanceof Node.IfStmt) {
        return true;
      }
    }
    return false;
  }

  /** dt_compile_sugar: the clauses that implement {@code c}. */
  List<Node.Clause> desugar(Node.Clause c) {
    Parse dp = new Parse(c);
    if (!hasIf(c.acts())) {
      return List.of(c);
    }
    int condid = 0;
    if (c.pred() != null) {
      condid = newCondition(dp, c.pred(), condid);
    }
    visitStmts(dp, c.acts(), condid, c.line());
    if (dp.conditions != 0) {
      Node.Stmt clear = stmt(new Node.Op2(c.line(), Op.ASGN, errorVar(c.line()),
          new Node.IntLit(c.line(), 0, intType)));
      dp.out.add(0, new Node.Clause(c.line(), dp.pdescs, null, List.of(clear)));
    }
    if (dp.out.size() > 1 && !hasSugar) {
      hasSugar = true;
      Node.Stmt set = stmt(new Node.Op2(c.line(), Op.ASGN, errorVar(c.line()),
          new Node.IntLit(c.line(), 1, intType)));
      Node.PDesc err = new Node.PDesc(c.line(), new ProbeDescription("", "dtrace", "", "",
          "ERROR"));
      dp.out.add(0, new Node.Clause(c.line(), List.of(err), null, List.of(set)));
    }
    return dp.out;
  }

  /** The expressions of a clause without {@code if} statements. */
  static List<Expr> flatten(Node.Clause c) {
    List<Expr> out = new ArrayList<>();
    if (c.acts() == null) {
      return out;
    }
    for (Node.Stmt s : c.acts()) {
      if (s instanceof Node.ExprStmt e) {
        out.add(e.expr());
      }
    }
    return out;
  }
}

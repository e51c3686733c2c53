package org.hypertrace.compiler;

import java.util.ArrayList;
import java.util.List;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DErrorTag;
import org.hypertrace.compiler.lex.Pcb;
import org.hypertrace.compiler.parse.Node;

/**
 * The statement list of a clause as the expressions dt_cc.c compiles. libdtrace rewrites
 * {@code if}/{@code else} into extra clauses (dt_sugar.c); that rewrite is not done yet, and an
 * {@code if} is reported as an unsupported construct.
 */
final class Sugar {
  private Sugar() {}

  static List<Node.Expr> flatten(Pcb pcb, Node.Clause c) throws DCompileException {
    List<Node.Expr> out = new ArrayList<>();
    if (c.acts() == null) {
      return out;
    }
    for (Node.Stmt s : c.acts()) {
      if (s instanceof Node.ExprStmt e) {
        out.add(e.expr());
      } else {
        throw pcb.error(DErrorTag.D_UNKNOWN, s.line(), "if statements are not yet supported\n");
      }
    }
    return out;
  }
}

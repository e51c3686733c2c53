package org.hypertrace.compiler.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DErrorTag;
import org.hypertrace.compiler.decl.DType;
import org.hypertrace.compiler.decl.TypeTable;
import org.hypertrace.compiler.ident.IdentTable;
import org.hypertrace.compiler.lex.Classifier;
import org.hypertrace.compiler.lex.DLexer;
import org.hypertrace.compiler.lex.LexerState;
import org.hypertrace.compiler.lex.Pcb;
import org.hypertrace.compiler.lex.Tok;
import org.hypertrace.compiler.lex.Token;
import org.hypertrace.compiler.parse.Node.Expr;
import org.hypertrace.compiler.parse.Node.Op;

/**
 * Recursive-descent port of dt_grammar.y: methods are named after the grammar's nonterminals
 * and build nodes through {@link NodeFactory} (dt_parser.c's node constructors, which fold
 * constants). Declarations are processed as they are parsed, by {@link DeclParser}, because the
 * lexer's identifier/type decision depends on them. The lexer's start condition follows the
 * grammar's {@code yybegin} calls: S2 at the top level, S0 inside clauses and declarations.
 */
public final class DParser implements Classifier {
  final DLexer lexer;
  final Pcb pcb;
  final TypeTable types;
  final IdentTable idents;
  final NodeFactory nodes;
  final ParserHooks hooks;
  final DeclParser decls;
  final boolean fromFile;
  private Token la;
  private Token prev;
  private int depth;

  /**
   * @param src       source text
   * @param pcb       error reporting
   * @param types     the type namespace
   * @param idents    identifier hashes
   * @param hooks     inline cooking and pragma processing
   * @param macroArgs macro arguments $0..$n
   * @param macroVars macro variables ($pid, $target, ...)
   * @param defArgs   option defaultargs
   * @param fromFile  whether the program comes from a file (-s)
   */
  public DParser(String src, Pcb pcb, TypeTable types, IdentTable idents, ParserHooks hooks,
      List<String> macroArgs, Map<String, Long> macroVars, boolean defArgs, boolean fromFile) {
    this.pcb = pcb;
    this.types = types;
    this.idents = idents;
    this.hooks = hooks;
    this.fromFile = fromFile;
    this.lexer = new DLexer(src, pcb, this, macroArgs, macroVars, defArgs);
    this.nodes = new NodeFactory(pcb, types, idents);
    this.decls = new DeclParser(this);
  }

  /** @return the lexer (macro argument use, for D_MACRO_UNUSED). */
  public DLexer lexer() {
    return lexer;
  }

  // ---------------------------------------------------------------- Classifier

  @Override
  public boolean isIdent(String s) {
    return idents.lookup(IdentTable.Space.GLOBAL, s) != null || idents.isPcbIdent(s);
  }

  @Override
  public boolean isType(String s) {
    return types.lookup(s) != null;
  }

  @Override
  public boolean declHasSpecifier() {
    return decls.current() != null && decls.current().name != null;
  }

  @Override
  public void noteIdent(String s) {
    idents.notePcbIdent(s);
  }

  @Override
  public void pragma(List<Token> items, int line) throws DCompileException {
    hooks.pragma(items, line);
  }

  // ---------------------------------------------------------------- tokens

  Token peek() throws DCompileException {
    if (la == null) {
      la = lexer.next();
    }
    return la;
  }

  Tok peekKind() throws DCompileException {
    return peek().kind();
  }

  Token next() throws DCompileException {
    Token t = peek();
    la = null;
    prev = t;
    return t;
  }

  boolean accept(Tok k) throws DCompileException {
    if (peekKind() == k) {
      next();
      return true;
    }
    return false;
  }

  Token expect(Tok k) throws DCompileException {
    if (peekKind() != k) {
      throw syntaxError();
    }
    return next();
  }

  /** @return yacc's "syntax error" at the lookahead token. */
  DCompileException syntaxError() throws DCompileException {
    Token t = peek();
    throw pcb.syntax(t.line(), "syntax error", t.kind() == Tok.EOF ? null : t.text());
  }

  int line() {
    return prev != null ? prev.line() : 1;
  }

  /** Sets the lexer's start condition for tokens not yet read (yybegin). */
  void begin(LexerState s) {
    lexer.begin(s);
  }

  void enter() throws DCompileException {
    if (++depth > 500) {
      Token t = peek();
      throw pcb.build(DErrorTag.D_SYNTAX, t.line(), "expression nesting too deep near \""
          + t.text() + "\"");
    }
  }

  void leave() {
    depth--;
  }

  // ---------------------------------------------------------------- program

  private int items;

  /** @return the number of program items (clauses, inlines, translators, providers). */
  public int items() {
    return items;
  }

  /** dtrace_program: d_program DT_TOK_EOF. */
  public List<Node.Clause> dProgram() throws DCompileException {
    List<Node.Clause> clauses = new ArrayList<>();
    begin(LexerState.S2);
    while (true) {
      Token t = peek();
      switch (t.kind()) {
        case EOF:
          return clauses;
        case PSPEC:
        case INT:
          clauses.add(probeDefinition());
          items++;
          break;
        case KEY_INLINE:
          decls.inlineDefinition();
          items++;
          break;
        case KEY_XLATOR:
          decls.translatorDefinition();
          items++;
          break;
        case KEY_PROVIDER:
          decls.providerDefinition();
          items++;
          break;
        default:
          decls.declaration();
          break;
      }
    }
  }

  /** probe_definition. */
  Node.Clause probeDefinition() throws DCompileException {
    List<Node.PDesc> pd = probeSpecifiers();
    int line = pd.get(0).line();
    Token t = peek();
    Node.Clause c;
    if (t.kind() == Tok.LBRACE) {
      next();
      begin(LexerState.S0);
      List<Node.Stmt> acts = statementList();
      expect(Tok.RBRACE);
      begin(LexerState.S2);
      c = new Node.Clause(line, pd, null, acts);
    } else if (t.kind() == Tok.DIV) {
      next();
      begin(LexerState.S0);
      Expr pred = expression();
      if (peekKind() != Tok.EPRED) {
        throw syntaxError();
      }
      next();
      if (peekKind() != Tok.LBRACE) {
        throw pcb.error(DErrorTag.D_SYNTAX, pred.line(), "expected actions { } following "
            + "probe description and predicate\n");
      }
      next();
      List<Node.Stmt> acts = statementList();
      expect(Tok.RBRACE);
      begin(LexerState.S2);
      c = new Node.Clause(line, pd, pred, acts);
    } else {
      if (fromFile || t.kind() != Tok.EOF) {
        if (t.kind() != Tok.EOF) {
          throw syntaxError();
        }
        throw pcb.error(DErrorTag.D_SYNTAX, line, "expected predicate and/or actions "
            + "following probe description\n");
      }
      c = new Node.Clause(line, pd, null, null);
    }
    return c;
  }

  /** probe_specifiers: probe_specifier_list, each a PSPEC or an INT id. */
  List<Node.PDesc> probeSpecifiers() throws DCompileException {
    List<Node.PDesc> list = new ArrayList<>();
    while (true) {
      Token t = next();
      if (t.kind() == Tok.PSPEC) {
        list.add(new Node.PDesc(t.line(), ProbeSpecs.parse(pcb, t.text(), t.line(), lexer)));
      } else if (t.kind() == Tok.INT) {
        throw pcb.error(DErrorTag.D_PDESC_INVAL, t.line(),
            "invalid probe identifier %s: Probe identifier does not exist\n",
            Long.toUnsignedString(t.value()));
      } else {
        la = t;
        throw syntaxError();
      }
      if (peekKind() != Tok.COMMA) {
        return list;
      }
      next();
    }
  }

  // ---------------------------------------------------------------- statements

  /** statement_list: statements, the last one may lack its ';'. */
  List<Node.Stmt> statementList() throws DCompileException {
    List<Node.Stmt> out = new ArrayList<>();
    while (true) {
      Tok k = peekKind();
      if (k == Tok.RBRACE) {
        return out;
      }
      if (k == Tok.SEMI) {
        next();
        continue;
      }
      if (k == Tok.KEY_IF) {
        out.add(ifStatement());
        continue;
      }
      Expr e = expression();
      out.add(nodes.statement(e));
      if (peekKind() == Tok.SEMI) {
        next();
      } else if (peekKind() != Tok.RBRACE) {
        throw syntaxError();
      }
    }
  }

  Node.Stmt ifStatement() throws DCompileException {
    int line = next().line();
    expect(Tok.LPAR);
    Expr cond = expression();
    expect(Tok.RPAR);
    List<Node.Stmt> then = statementOrBlock();
    List<Node.Stmt> otherwise = List.of();
    if (peekKind() == Tok.KEY_ELSE) {
      next();
      otherwise = statementOrBlock();
    }
    return new Node.IfStmt(line, cond, then, otherwise);
  }

  List<Node.Stmt> statementOrBlock() throws DCompileException {
    if (peekKind() == Tok.LBRACE) {
      next();
      List<Node.Stmt> s = statementList();
      expect(Tok.RBRACE);
      return s;
    }
    if (peekKind() == Tok.SEMI) {
      next();
      return List.of();
    }
    if (peekKind() == Tok.KEY_IF) {
      return List.of(ifStatement());
    }
    Expr e = expression();
    expect(Tok.SEMI);
    return List.of(nodes.statement(e));
  }

  // ---------------------------------------------------------------- expressions

  /** expression: assignment_expression (',' assignment_expression)*. */
  Expr expression() throws DCompileException {
    Expr e = assignmentExpression();
    while (peekKind() == Tok.COMMA) {
      int line = next().line();
      Expr r = assignmentExpression();
      e = nodes.op2(line, Op.COMMA, e, r);
    }
    return e;
  }

  private boolean lastUnary;

  /** assignment_expression. */
  Expr assignmentExpression() throws DCompileException {
    enter();
    try {
      Expr l = conditionalExpression();
      Op op = assignOp(peekKind());
      if (op == null) {
        return l;
      }
      if (!lastUnary) {
        throw syntaxError();
      }
      int line = next().line();
      Expr r = assignmentExpression();
      return nodes.op2(line, op, l, r);
    } finally {
      leave();
    }
  }

  private static Op assignOp(Tok k) {
    switch (k) {
      case ASGN: return Op.ASGN;
      case MUL_EQ: return Op.MUL_EQ;
      case DIV_EQ: return Op.DIV_EQ;
      case MOD_EQ: return Op.MOD_EQ;
      case ADD_EQ: return Op.ADD_EQ;
      case SUB_EQ: return Op.SUB_EQ;
      case LSH_EQ: return Op.LSH_EQ;
      case RSH_EQ: return Op.RSH_EQ;
      case AND_EQ: return Op.AND_EQ;
      case XOR_EQ: return Op.XOR_EQ;
      case OR_EQ: return Op.OR_EQ;
      default: return null;
    }
  }

  /** conditional_expression. */
  Expr conditionalExpression() throws DCompileException {
    Expr c = binary(0);
    if (peekKind() != Tok.QUESTION) {
      return c;
    }
    int line = next().line();
    Expr t = expression();
    expect(Tok.COLON);
    Expr f = conditionalExpression();
    lastUnary = false;
    return nodes.op3(line, c, t, f);
  }

  /* Binary precedence levels from logical_or_expression down to multiplicative_expression. */
  private static final Tok[][] LEVELS = {
      {Tok.LOR}, {Tok.LXOR}, {Tok.LAND}, {Tok.BOR}, {Tok.XOR}, {Tok.BAND},
      {Tok.EQU, Tok.NEQ}, {Tok.LT, Tok.GT, Tok.LE, Tok.GE}, {Tok.LSH, Tok.RSH},
      {Tok.ADD, Tok.SUB}, {Tok.MUL, Tok.DIV, Tok.MOD}};

  private Expr binary(int level) throws DCompileException {
    if (level == LEVELS.length) {
      return castExpression();
    }
    Expr l = binary(level + 1);
    while (true) {
      Tok k = peekKind();
      Op op = null;
      for (Tok t : LEVELS[level]) {
        if (t == k) {
          op = binOp(k);
        }
      }
      if (op == null) {
        return l;
      }
      int line = next().line();
      Expr r = binary(level + 1);
      l = nodes.op2(line, op, l, r);
      lastUnary = false;
    }
  }

  private static Op binOp(Tok k) {
    return Op.valueOf(k.name());
  }

  /** cast_expression: unary_expression | '(' type_name ')' cast_expression. */
  Expr castExpression() throws DCompileException {
    if (peekKind() == Tok.LPAR) {
      Token lp = next();
      if (decls.startsTypeName(peek())) {
        DType t = decls.typeName();
        expect(Tok.RPAR);
        enter();
        try {
          Expr e = castExpression();
          lastUnary = false;
          return nodes.op2(lp.line(), Op.LPAR, new Node.TypeRef(lp.line(), t), e);
        } finally {
          leave();
        }
      }
      Expr e = expression();
      expect(Tok.RPAR);
      return postfixTail(e);
    }
    return unaryExpression();
  }

  /** unary_expression. */
  Expr unaryExpression() throws DCompileException {
    Token t = peek();
    Op op;
    switch (t.kind()) {
      case ADDADD:
        next();
        return unaryOp(t.line(), Op.PREINC, true);
      case SUBSUB:
        next();
        return unaryOp(t.line(), Op.PREDEC, true);
      case BAND: op = Op.ADDROF; break;
      case MUL: op = Op.DEREF; break;
      case ADD: op = Op.IPOS; break;
      case SUB: op = Op.INEG; break;
      case BNEG: op = Op.BNEG; break;
      case LNEG: op = Op.LNEG; break;
      case SIZEOF:
        return sizeofExpression();
      case STRINGOF:
        next();
        return unaryOp(t.line(), Op.STRINGOF, true);
      default:
        return postfixExpression();
    }
    next();
    enter();
    try {
      Expr c = castExpression();
      lastUnary = true;
      return nodes.op1(t.line(), op, c);
    } finally {
      leave();
    }
  }

  private Expr unaryOp(int line, Op op, boolean unaryChild) throws DCompileException {
    enter();
    try {
      Expr c = unaryExpression();
      lastUnary = true;
      return nodes.op1(line, op, c);
    } finally {
      leave();
    }
  }

  private Expr sizeofExpression() throws DCompileException {
    Token t = next();
    if (peekKind() == Tok.LPAR) {
      Token lp = next();
      if (decls.startsTypeName(peek())) {
        DType ty = decls.typeName();
        expect(Tok.RPAR);
        lastUnary = true;
        return nodes.op1(t.line(), Op.SIZEOF, new Node.TypeRef(lp.line(), ty));
      }
      Expr e = expression();
      expect(Tok.RPAR);
      Expr p = postfixTail(e);
      lastUnary = true;
      return nodes.op1(t.line(), Op.SIZEOF, p);
    }
    return unaryOp(t.line(), Op.SIZEOF, true);
  }

  /** postfix_expression. */
  Expr postfixExpression() throws DCompileException {
    return postfixTail(primaryExpression());
  }

  private Expr postfixTail(Expr e) throws DCompileException {
    lastUnary = true;
    while (true) {
      Token t = peek();
      switch (t.kind()) {
        case LBRAC: {
          next();
          List<Expr> keys = argumentExpressionList(Tok.RBRAC);
          expect(Tok.RBRAC);
          e = new Node.Index(t.line(), e, keys);
          break;
        }
        case LPAR: {
          next();
          List<Expr> args = peekKind() == Tok.RPAR ? List.of()
              : argumentExpressionList(Tok.RPAR);
          Token rp = expect(Tok.RPAR);
          e = nodes.func(rp.line(), e, args);
          break;
        }
        case DOT:
        case PTR: {
          next();
          Token id = next();
          if (id.kind() != Tok.IDENT && id.kind() != Tok.TNAME) {
            la = id;
            throw syntaxError();
          }
          e = new Node.Member(t.line(), t.kind() == Tok.PTR, e, id.text());
          break;
        }
        case ADDADD:
          next();
          e = nodes.op1(t.line(), Op.POSTINC, e);
          break;
        case SUBSUB:
          next();
          e = nodes.op1(t.line(), Op.POSTDEC, e);
          break;
        default:
          lastUnary = true;
          return e;
      }
    }
  }

  /** argument_expression_list. */
  List<Expr> argumentExpressionList(Tok close) throws DCompileException {
    List<Expr> l = new ArrayList<>();
    l.add(assignmentExpression());
    while (peekKind() == Tok.COMMA) {
      next();
      l.add(assignmentExpression());
    }
    return l;
  }

  /** primary_expression, plus offsetof and xlate from postfix_expression. */
  Expr primaryExpression() throws DCompileException {
    Token t = next();
    switch (t.kind()) {
      case IDENT:
        return nodes.ident(t.line(), t.text());
      case AGG:
        return new Node.Ident0(t.line(), t.text());
      case INT:
        return nodes.intLit(t);
      case STRING:
        return new Node.StrLit(t.line(), t.text());
      case KEY_SELF:
        return new Node.Ident0(t.line(), "self");
      case KEY_THIS:
        return new Node.Ident0(t.line(), "this");
      case LPAR: {
        Expr e = expression();
        expect(Tok.RPAR);
        return e;
      }
      case OFFSETOF: {
        expect(Tok.LPAR);
        DType ty = decls.typeName();
        expect(Tok.COMMA);
        Token m = next();
        if (m.kind() != Tok.IDENT && m.kind() != Tok.TNAME) {
          la = m;
          throw syntaxError();
        }
        expect(Tok.RPAR);
        return nodes.offsetof(t.line(), ty, m.text());
      }
      case XLATE: {
        expect(Tok.LT);
        DType ty = decls.typeName();
        expect(Tok.GT);
        expect(Tok.LPAR);
        Expr e = expression();
        expect(Tok.RPAR);
        return new Node.Op2(t.line(), Op.XLATE, new Node.TypeRef(t.line(), ty), e);
      }
      default:
        la = t;
        throw syntaxError();
    }
  }

  /** constant_expression. */
  Expr constantExpression() throws DCompileException {
    return conditionalExpression();
  }
}

package org.hypertrace.compiler.cook;

import java.util.ArrayList;
import java.util.List;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DErrorTag;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.compiler.decl.DType;
import org.hypertrace.compiler.decl.TypeRules;
import org.hypertrace.compiler.decl.TypeTable;
import org.hypertrace.compiler.ident.Ident;
import org.hypertrace.compiler.ident.IdentKind;
import org.hypertrace.compiler.ident.IdentTable;
import org.hypertrace.compiler.ident.IdentTable.Space;
import org.hypertrace.compiler.lex.Pcb;
import org.hypertrace.compiler.parse.Node;
import org.hypertrace.compiler.parse.Node.Expr;
import org.hypertrace.compiler.parse.Node.Op;

/**
 * Type checking and identifier resolution: port of dt_parser.c's cook pass
 * ({@code dt_cook_ident}, {@code dt_cook_var}, {@code dt_cook_func}, {@code dt_cook_op1},
 * {@code dt_cook_op2}, {@code dt_cook_op3}, {@code dt_cook_aggregation}, {@code dt_cook_clause})
 * and of the identifier cook operations of dt_ident.c ({@code dt_idcook_sign},
 * {@code dt_idcook_assc}, {@code dt_idcook_func}). Errors carry the line of the node being
 * cooked, as yylineno follows {@code dt_node_cook}.
 */
public final class Cooker {
  private final Pcb pcb;
  private final TypeTable types;
  private final IdentTable idents;
  private final Signatures sigs;
  private ProbeDescription pdesc;

  public Cooker(Pcb pcb, TypeTable types, IdentTable idents) {
    this.pcb = pcb;
    this.types = types;
    this.idents = idents;
    this.sigs = new Signatures(pcb, types);
  }

  private final List<org.hypertrace.compiler.xlate.Translator> xlators = new ArrayList<>();
  private final java.util.Map<Ident, List<Ident>> inlineParams = new java.util.HashMap<>();
  private final java.util.Map<String, Ident> xlateLocals = new java.util.HashMap<>();

  /** dt_node_xlator + dt_cook_xlator: checks and cooks a translator definition. */
  public void defineTranslator(DType dst, DType src, String arg,
      List<org.hypertrace.compiler.parse.ParserHooks.XlMember> members, int line)
      throws DCompileException {
    if (lookupXlator(src, dst, true) != null) {
      throw pcb.error(DErrorTag.D_XLATE_REDECL, line, "translator from %s to %s has already "
          + "been declared\n", src, dst);
    }
    DType dr = dst.resolve();
    if ((dr.kind() == DType.Kind.STRUCT || dr.kind() == DType.Kind.UNION) && !dr.isComplete()
        || dr.kind() == DType.Kind.FORWARD) {
      throw pcb.error(DErrorTag.D_XLATE_SOU, line, "incomplete struct/union/enum %s\n", dst);
    }
    if (dr.kind() != DType.Kind.STRUCT && dr.kind() != DType.Kind.UNION) {
      throw pcb.error(DErrorTag.D_XLATE_SOU, line,
          "translator output type must be a struct or union\n");
    }
    Ident a = new Ident(arg, IdentKind.SCALAR, Ident.DECL, 0, src, null, line);
    org.hypertrace.compiler.xlate.Translator x =
        new org.hypertrace.compiler.xlate.Translator(xlators.size(), src, dst, a);
    xlators.add(x);
    xlateLocals.put(arg, a);
    try {
      for (org.hypertrace.compiler.parse.ParserHooks.XlMember m : members) {
        DType.Member dm = dr.member(m.name());
        if (dm == null) {
          throw pcb.error(DErrorTag.D_XLATE_MEMB, m.line(), "translator member %s is not a "
              + "member of %s\n", m.name(), dst);
        }
        T e = cook(m.expr(), Ident.REF);
        if (!argCompat(dm.type(), e)) {
          throw pcb.error(DErrorTag.D_XLATE_INCOMPAT, m.line(), "translator member %s "
              + "definition uses incompatible types: \"%s\" = \"%s\"\n", m.name(), dm.type(),
              name(e));
        }
        x.members().put(m.name(), new org.hypertrace.compiler.xlate.Translator.Member(m.name(),
            e, dm.type(), dm.bitOffset()));
      }
    } finally {
      xlateLocals.remove(arg);
    }
  }

  /** dt_xlator_lookup: exact, resolved, then compatible source types. */
  org.hypertrace.compiler.xlate.Translator lookupXlator(DType src, DType dst, boolean exact) {
    DType d = dst.resolve();
    if (d.kind() == DType.Kind.POINTER) {
      d = d.ref().resolve();
    }
    if (d.kind() != DType.Kind.STRUCT && d.kind() != DType.Kind.UNION) {
      return null;
    }
    for (org.hypertrace.compiler.xlate.Translator x : xlators) {
      if (TypeRules.compat(x.src(), src) && TypeRules.compat(x.dst(), d)) {
        return x;
      }
    }
    if (exact) {
      return null;
    }
    for (org.hypertrace.compiler.xlate.Translator x : xlators) {
      if (TypeRules.compat(x.dst(), d) && argCompat(x.src(), new T.Type(0, src))) {
        return x;
      }
    }
    return null;
  }

  /** Sets the probe description of the clause being cooked (dt_setcontext). */
  public void setContext(ProbeDescription pd) {
    this.pdesc = pd;
  }

  /** @return the types. */
  public TypeTable types() {
    return types;
  }

  /** A cooked clause body. */
  public record Clause(T pred, List<T> acts) {}

  /**
   * dt_cook_clause: actions first, then the predicate; when that fails on an undefined
   * identifier, the predicate is cooked first and the actions again.
   */
  public Clause cookClause(Node.Clause c, List<Expr> acts) throws DCompileException {
    if (c.pred() == null) {
      pcb.label("action list");
      List<T> out = cookList(acts);
      pcb.label(null);
      return new Clause(null, out);
    }
    try {
      pcb.label("action list");
      List<T> out = cookList(acts);
      pcb.label("predicate");
      T pred = cookPredicate(c.pred());
      pcb.label(null);
      return new Clause(pred, out);
    } catch (DCompileException e) {
      if (e.tag() != DErrorTag.D_IDENT_UNDEF && e.tag() != DErrorTag.D_VAR_UNDEF) {
        throw e;
      }
      pcb.label("predicate");
      T pred = cookPredicate(c.pred());
      pcb.label("action list");
      List<T> out = cookList(acts);
      pcb.label(null);
      return new Clause(pred, out);
    }
  }

  private T cookPredicate(Expr p) throws DCompileException {
    T t = cook(p, Ident.REF);
    if (!TypeRules.isScalar(t.type())) {
      throw pcb.error(DErrorTag.D_PRED_SCALAR, p.line(),
          "predicate result must be of scalar type\n");
    }
    return t;
  }

  private List<T> cookList(List<Expr> acts) throws DCompileException {
    List<T> out = new ArrayList<>();
    for (Expr e : acts) {
      out.add(cook(e, Ident.REF));
    }
    return out;
  }

  /** Cooks an inline's expression at its definition (dt_node_inline). */
  public T cookInline(Ident inline, List<String> params, Expr e) throws DCompileException {
    List<Ident> ps = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      String n = params.get(i) == null ? "%arg" + i : params.get(i);
      Ident pi = new Ident(n, IdentKind.SCALAR, Ident.DECL, 0, inline.signature().get(i), null,
          e.line());
      ps.add(pi);
      xlateLocals.put(n, pi);
    }
    inlineParams.put(inline, ps);
    T t;
    try {
      t = cook(e, Ident.REF);
    } finally {
      for (Ident pi : ps) {
        xlateLocals.remove(pi.name());
      }
    }
    DType it = inline.type();
    if (t instanceof T.Xlate x && !x.ptr() && TypeRules.compat(it, x.xlator().dst())) {
      return new T.Xlate(x.line(), x.xlator(), x.arg(), false, it);
    }
    if (t instanceof T.Xlate x && x.ptr() && TypeRules.isPointer(it)
        && TypeRules.compat(it.resolve().ref(), x.xlator().dst())) {
      // procfs.d's inline psinfo_t *curpsinfo = xlate <psinfo_t *> (curthread): the inline
      // stays a translated pointer, whose members -> reads through the translator
      return x;
    }
    if (!TypeRules.compat(it, t.type()) && !argCompat(it, t)) {
      throw pcb.error(DErrorTag.D_OP_INCOMPAT, e.line(), "inline %s definition uses "
          + "incompatible types: \"%s\" = \"%s\"\n", inline.name(), it, name(t));
    }
    return t;
  }

  // ---------------------------------------------------------------- helpers

  DType intType() {
    return types.intType();
  }

  static String name(T t) {
    if (t instanceof T.Agg) {
      return "aggregation";
    }
    if (t.type() == TypeRules.DYN) {
      return "<DYN>";
    }
    return String.valueOf(t.type());
  }

  static boolean isActFunc(T t) {
    return t instanceof T.Call c && c.fn().kind() == IdentKind.ACTFUNC;
  }

  boolean argCompat(DType proto, T arg) {
    DType a = arg.type();
    if (TypeRules.isInteger(proto) && TypeRules.isInteger(a)) {
      return true;
    }
    if (TypeRules.isStrCompat(proto) && TypeRules.isStrCompat(a)) {
      return true;
    }
    for (String sp : new String[] {"stack", "_symaddr", "_usymaddr"}) {
      if (TypeRules.isNamed(proto, sp) && TypeRules.isNamed(a, sp)) {
        return true;
      }
    }
    DType.Kind k = proto.resolve().kind();
    if (k == DType.Kind.FUNCTION || k == DType.Kind.STRUCT || k == DType.Kind.UNION) {
      return TypeRules.compat(proto, a);
    }
    return ptrCompat(proto, false, arg) != null;
  }

  DType ptrCompat(DType l, boolean lzero, T r) {
    boolean rzero = r instanceof T.Int ri && ri.value() == 0;
    if (TypeRules.compat(l, r.type()) && TypeRules.isPointer(l)) {
      return l;
    }
    return TypeRules.ptrCompat(l, r.type(), lzero, rzero);
  }

  // ---------------------------------------------------------------- dispatch

  /** dt_node_cook. */
  public T cook(Expr e, int idflags) throws DCompileException {
    if (e instanceof Node.IntLit i) {
      return new T.Int(i.line(), i.value(), i.type());
    }
    if (e instanceof Node.RelocLit i) {
      return new T.RelocConst(i.line(), i.typeName(), i.memberPath(), i.type());
    }
    if (e instanceof Node.StrLit s) {
      return new T.Str(s.line(), s.value(), types.stringType());
    }
    if (e instanceof Node.Ident0 id) {
      return cookIdent(id, idflags);
    }
    if (e instanceof Node.Call c) {
      return cookCall(c);
    }
    if (e instanceof Node.Op1 o) {
      return Ops.cookOp1(this, o);
    }
    if (e instanceof Node.Op2 o) {
      return Ops.cookOp2(this, o, idflags);
    }
    if (e instanceof Node.Op3 o) {
      return Ops.cookOp3(this, o);
    }
    if (e instanceof Node.Index ix) {
      return cookIndex(ix, idflags, null);
    }
    if (e instanceof Node.Member m) {
      return Ops.cookMember(this, m, idflags);
    }
    if (e instanceof Node.TypeRef tr) {
      return new T.Type(tr.line(), tr.type());
    }
    throw pcb.error(DErrorTag.D_UNKNOWN, e.line(), "internal error -- bad node\n");
  }

  Pcb pcb() {
    return pcb;
  }

  // ---------------------------------------------------------------- identifiers

  /** dt_cook_ident: a plain identifier or aggregation reference. */
  T cookIdent(Node.Ident0 id, int idflags) throws DCompileException {
    if (id.name().startsWith("@")) {
      Ident a = idents.lookup(Space.AGG, aggName(id.name()));
      if (a == null) {
        throw pcb.error(DErrorTag.D_IDENT_UNDEF, id.line(),
            "failed to resolve %s: Unknown variable name\n", id.name());
      }
      a.addFlags(idflags);
      return new T.Agg(id.line(), a, List.of(), null, TypeRules.DYN);
    }
    T t = xcookIdent(id, Space.GLOBAL, IdentKind.SCALAR, false);
    return cookVar(t, idflags);
  }

  static String aggName(String s) {
    return s.equals("@_") || s.equals("@") ? "_" : s.substring(1);
  }

  /** dt_xcook_ident: resolve (and optionally create) a variable in {@code space}. */
  T xcookIdent(Node.Ident0 id, Space space, IdentKind kind, boolean create)
      throws DCompileException {
    String name = id.name();
    if (name.indexOf('`') >= 0) {
      return symbol(id, space);
    }
    Ident idp = space == Space.GLOBAL ? xlateLocals.get(name) : null;
    if (idp == null) {
      idp = idents.lookup(space, name);
    }
    if (idp != null) {
      if (idp.kind() != kind && space == Space.GLOBAL) {
        throw pcb.error(DErrorTag.D_IDENT_BADREF, id.line(),
            "%s '%s' may not be referenced as %s\n", idp.kind().label(), idp.name(),
            kind.label());
      }
      return varNode(id.line(), idp);
    }
    if (!create) {
      throw pcb.error(DErrorTag.D_IDENT_UNDEF, id.line(),
          "failed to resolve %s: Unknown variable name\n", name);
    }
    idp = idents.create(space, name, kind, Ident.WRITE, id.line());
    if (idp == null) {
      throw pcb.error(DErrorTag.D_ID_OFLOW, id.line(), "cannot create %s: limit on number "
          + "of %s variables exceeded\n", name, space.name().toLowerCase());
    }
    return varNode(id.line(), idp);
  }

  /**
   * A kernel or user symbol ({@code `sym}, {@code mod`sym}, {@code ``sym}): only the target
   * knows its address and type, so it becomes an external identifier of type int whose address
   * the code generator leaves to a relocation (HyperTrace's usetx).
   */
  private T symbol(Node.Ident0 id, Space space) throws DCompileException {
    String name = id.name();
    int q = name.lastIndexOf('`');
    String sym = name.substring(q + 1);
    if (space != Space.GLOBAL || sym.isEmpty()) {
      throw pcb.error(DErrorTag.D_IDENT_UNDEF, id.line(), "failed to resolve %s: Unknown "
          + "symbol name\n", name);
    }
    Ident idp = symbols.computeIfAbsent(name, k -> {
      Ident i = new Ident(k, IdentKind.SYMBOL, Ident.WRITE | Ident.DECL, 0, types.intType(),
          null,
          id.line());
      return i;
    });
    return new T.Var(id.line(), idp, List.of(), idp.type(), T.LVALUE | T.WRITABLE);
  }

  private final java.util.Map<String, Ident> symbols = new java.util.HashMap<>();

  private T varNode(int line, Ident idp) throws DCompileException {
    int flags = T.LVALUE;
    if ((idp.flags() & Ident.WRITE) != 0) {
      flags |= T.WRITABLE;
    }
    DType t;
    if (idp.kind() == IdentKind.ARRAY || idp.kind() == IdentKind.AGG) {
      t = TypeRules.DYN;
    } else {
      t = identType(idp, line);
    }
    return new T.Var(line, idp, List.of(), t, flags);
  }

  /** The type of a scalar identifier (dt_idcook_type for built-ins). */
  DType identType(Ident idp, int line) throws DCompileException {
    if (idp.type() != null) {
      return idp.type();
    }
    if (IdentTable.isBuiltin(idp) && idp.kind() == IdentKind.SCALAR) {
      String tn = org.hypertrace.compiler.ident.Builtins.table().get(idp.name()).type();
      DType t = lookupTypeName(tn);
      if (t == null) {
        throw pcb.error(DErrorTag.D_UNKNOWN, line, "failed to resolve type %s for identifier "
            + "%s: Invalid type name\n", tn, idp.name());
      }
      idp.setType(t);
      return t;
    }
    return null;
  }

  /** Resolves a type name of a built-in's declaration ("genunix`kthread_t *"). */
  DType lookupTypeName(String tn) {
    String s = tn.trim();
    int ptr = 0;
    while (s.endsWith("*")) {
      ptr++;
      s = s.substring(0, s.length() - 1).trim();
    }
    if (s.startsWith("const ")) {
      s = s.substring(6).trim();
    }
    if (s.indexOf('`') >= 0) {
      s = s.substring(s.lastIndexOf('`') + 1);
    }
    DType t = types.lookup(s);
    if (t == null && (s.equals("stack") || s.equals("_symaddr") || s.equals("_usymaddr"))) {
      t = DType.integer(s, 8, false);
      types.defineTypedef(s, t);
      t = types.lookup(s);
    }
    if (t == null) {
      return null;
    }
    for (int i = 0; i < ptr; i++) {
      t = DType.pointer(t);
    }
    return t;
  }

  /** dt_cook_var: a read of a never-assigned variable is an error. */
  T cookVar(T t, int idflags) throws DCompileException {
    if (!(t instanceof T.Var v)) {
      return t;
    }
    Ident idp = v.ident();
    if ((idflags & Ident.REF) != 0 && idp.isUnref() && !IdentTable.isBuiltin(idp)) {
      throw pcb.error(DErrorTag.D_VAR_UNDEF, v.line(),
          "%s has not yet been declared or assigned\n", idp.qualifiedName());
    }
    idp.addFlags(idflags);
    if ((idp.flags() & Ident.INLINE) != 0 && idp.inlineExpr() instanceof T.Xlate x
        && x.ptr()) {
      // a translated pointer (curpsinfo) is used through ->, which reads the translator
      return new T.Xlate(v.line(), x.xlator(), x.arg(), true, x.type());
    }
    if ((idp.flags() & Ident.INLINE) != 0 && idp.inlineExpr() instanceof T inl) {
      return new T.Op2(v.line(), Op.LPAR, new T.Type(v.line(), idp.type()), inl, idp.type(), 0);
    }
    DType type = v.type();
    if (type == null) {
      type = identType(idp, v.line());
    }
    return new T.Var(v.line(), idp, v.keys(), type, v.flags());
  }

  // ---------------------------------------------------------------- calls

  /** dt_cook_func: cook the arguments, check them against the prototype. */
  T cookCall(Node.Call c) throws DCompileException {
    List<T> args = new ArrayList<>();
    for (Expr a : c.args()) {
      args.add(cook(a, Ident.REF));
    }
    Ident fn = c.fn();
    DType ret = sigs.checkCall(c.line(), fn, args, this);
    if (fn.kind() == IdentKind.AGGFUNC) {
      ret = TypeRules.DYN;
    }
    fn.addFlags(Ident.REF);
    return new T.Call(c.line(), fn, args, ret);
  }

  // ---------------------------------------------------------------- arrays and aggregations

  /**
   * The DT_TOK_LBRAC case of dt_cook_op2: associative arrays, aggregation tuples, and pointer
   * or array subscripts (rewritten as {@code *(a + i)}).
   *
   * @param aggFun the aggregating function when this is the left side of an aggregation
   *               assignment
   */
  T cookIndex(Node.Index ix, int idflags, Node.Call aggFun) throws DCompileException {
    Expr base = ix.base();
    if (base instanceof Node.Index inner && inner.base() instanceof Node.Ident0 ab
        && ab.name().startsWith("@")) {
      cookIndex(inner, 0, null);
      throw pcb.error(DErrorTag.D_AGG_MDIM, ix.line(), "improper attempt to reference @%s as a "
          + "multi-dimensional array\n", aggName(ab.name()));
    }
    T lp;
    if (base instanceof Node.Ident0 id) {
      if (id.name().startsWith("@")) {
        return cookAggregation(ix.line(), id, ix.keys(), aggFun, idflags);
      }
      Ident idp = idents.lookup(Space.GLOBAL, id.name());
      if (idp == null || idp.isUnref() && !IdentTable.isBuiltin(idp)) {
        lp = xcookIdent(id, Space.GLOBAL, IdentKind.ARRAY, true);
      } else {
        lp = xcookIdent(id, Space.GLOBAL, idp.kind(), false);
      }
    } else {
      lp = cookLvalueBase(base);
    }
    if (lp instanceof T.Var v && v.keys().isEmpty()) {
      Ident idp = v.ident();
      boolean arr = idp.kind() == IdentKind.ARRAY;
      if (!arr && (idp.isUnref() && !IdentTable.isBuiltin(idp))) {
        if ((idp.flags() & Ident.LOCAL) != 0) {
          throw pcb.error(DErrorTag.D_ARR_LOCAL, ix.line(), "local variables may not be used "
              + "as associative arrays: %s\n", idp.name());
        }
        if ((idp.flags() & Ident.TLS) != 0) {
          idp.morph(IdentKind.ARRAY);
          arr = true;
        }
      }
      if (arr) {
        return cookArrayRef(ix, idp, idflags);
      }
      if (idp.isUnref() && !IdentTable.isBuiltin(idp)) {
        throw pcb.error(DErrorTag.D_IDENT_BADREF, ix.line(), "%s '%s' may not be referenced "
            + "as %s\n", idp.kind().label(), idp.name(), IdentKind.ARRAY.label());
      }
      lp = cookVar(lp, Ident.REF);
    }
    if (ix.keys().size() != 1) {
      throw pcb.error(DErrorTag.D_ARR_BADREF, ix.line(), "cannot access %s as an associative "
          + "array\n", baseName(base));
    }
    T sum = Ops.cookAdd(this, ix.line(), Op.ADD, lp, cook(ix.keys().get(0), Ident.REF));
    return Ops.deref(this, ix.line(), sum);
  }

  private static String baseName(Expr e) {
    if (e instanceof Node.Ident0 id) {
      return id.name();
    }
    if (e instanceof Node.Member m) {
      return m.name();
    }
    return "expression";
  }

  /** Cooks the base of a subscript that is not a plain identifier (self->a, this->a, ...). */
  private T cookLvalueBase(Expr base) throws DCompileException {
    if (base instanceof Node.Member m && m.arrow() && m.base() instanceof Node.Ident0 b
        && (b.name().equals("self") || b.name().equals("this"))) {
      Space sp = b.name().equals("self") ? Space.TLS : Space.LOCAL;
      return xcookIdent(new Node.Ident0(m.line(), m.name()), sp, IdentKind.SCALAR, true);
    }
    return cook(base, 0);
  }

  /** An associative array reference: dt_idcook_assc on the keys. */
  private T cookArrayRef(Node.Index ix, Ident idp, int idflags) throws DCompileException {
    List<T> keys = new ArrayList<>();
    for (Expr k : ix.keys()) {
      keys.add(cook(k, Ident.REF));
    }
    if ((idp.flags() & Ident.INLINE) != 0 && idp.inlineExpr() instanceof T body) {
      sigs.cookAssoc(ix.line(), idp, keys, "", "[ ]");
      return new T.InlineCall(ix.line(), idp, keys, inlineParams.getOrDefault(idp, List.of()),
          body, idp.type());
    }
    if (idp.name().equals("args") && IdentTable.isBuiltin(idp)) {
      return argsRef(ix, idp, keys);
    }
    if (IdentTable.isBuiltin(idp)) {
      return regsRef(ix, idp, keys);
    }
    sigs.cookAssoc(ix.line(), idp, keys, "", "[ ]");
    if ((idflags & Ident.REF) != 0 && idp.isUnref()) {
      throw pcb.error(DErrorTag.D_VAR_UNDEF, ix.line(),
          "%s has not yet been declared or assigned\n", idp.qualifiedName());
    }
    idp.addFlags(idflags);
    DType t = idp.type() == null ? TypeRules.DYN : idp.type();
    int flags = T.LVALUE | ((idp.flags() & Ident.WRITE) != 0 ? T.WRITABLE : 0);
    return new T.Var(ix.line(), idp, keys, t, flags);
  }

  private T argsRef(Node.Index ix, Ident idp, List<T> keys) throws DCompileException {
    if (keys.size() != 1) {
      throw pcb.error(DErrorTag.D_PROTO_LEN, ix.line(), "%s[ ] prototype mismatch: %d arg%s"
          + "passed, 1 expected\n", idp.name(), keys.size(), keys.size() == 1 ? " " : "s ");
    }
    if (!(keys.get(0) instanceof T.Int ki)) {
      throw pcb.error(DErrorTag.D_PROTO_ARG, ix.line(), "%s[ ] argument #1 is incompatible "
          + "with prototype:\n\tprototype: %s\n\t argument: %s\n", idp.name(),
          "integer constant", name(keys.get(0)));
    }
    if (pdesc == null) {
      throw pcb.error(DErrorTag.D_ARGS_NONE, ix.line(), "%s[ ] may not be referenced outside "
          + "of a probe clause\n", idp.name());
    }
    if (ProbeCatalog.isArgless(pdesc)) {
      throw pcb.error(DErrorTag.D_ARGS_IDX, ix.line(), "index %d is out of range for %s %s[ ]\n",
          ki.value(), ProbeCatalog.str(pdesc), idp.name());
    }
    T arg = new T.Var(ix.line(), idp, keys, types.lookup("int64_t"), T.LVALUE);
    return translatedArg(ix.line(), (int) ki.value(), arg);
  }

  /**
   * The types dtrace's proc provider gives its arguments (dt_probe_args_info's translated
   * types), over the Linux proc provider's values, which are the pid or tid the psinfo_t or
   * lwpsinfo_t describes (lib/procfs.d translates them by input type: uint64_t for a child of
   * the firing process, int64_t for any other process or thread); proc:::exec's path is a
   * string. Other probes keep int64_t arguments.
   */
  private T translatedArg(int line, int index, T arg) throws DCompileException {
    if (pdesc == null || !pdesc.provider().equals("proc")) {
      return arg;
    }
    String probe = pdesc.name();
    String dst = null;
    String src = null;
    switch (probe + "/" + index) {
      case "exec/0" -> {
        Ident f = idents.lookup(Space.GLOBAL, "copyinstr");
        return f == null ? arg : cook(new Node.Call(line, f,
            List.of(new Node.Ident0(line, "arg0"))), Ident.REF);
      }
      case "create/0" -> {
        dst = "psinfo_t";
        src = "uint64_t";
      }
      case "lwp-create/0" -> {
        dst = "lwpsinfo_t";
        src = "uint64_t";
      }
      case "lwp-create/1" -> {
        return xlateCurthread(line, "psinfo_t", arg);
      }
      case "signal-send/0" -> {
        dst = "lwpsinfo_t";
        src = "int64_t";
      }
      case "signal-send/1" -> {
        dst = "psinfo_t";
        src = "int64_t";
      }
      default -> {
        return arg;
      }
    }
    DType to = types.lookup(dst);
    DType from = types.lookup(src);
    org.hypertrace.compiler.xlate.Translator x = to == null || from == null ? null
        : lookupXlator(from, to, true);
    if (x == null) {
      return arg;
    }
    return new T.Xlate(line, x, new T.Op2(line, Op.LPAR, new T.Type(line, from), arg, from, 0),
        true, TypeRules.DYN);
  }

  /** @return xlate <dst *> (curthread) when the D library is loaded, else arg */
  private T xlateCurthread(int line, String dst, T arg) throws DCompileException {
    DType to = types.lookup(dst);
    if (to == null) {
      return arg;
    }
    T cur = cook(new Node.Ident0(line, "curthread"), Ident.REF);
    org.hypertrace.compiler.xlate.Translator x = lookupXlator(cur.type(), to, true);
    return x == null ? arg : new T.Xlate(line, x, cur, true, TypeRules.DYN);
  }

  private T regsRef(Node.Index ix, Ident idp, List<T> keys) throws DCompileException {
    if (keys.size() != 1) {
      throw pcb.error(DErrorTag.D_PROTO_LEN, ix.line(), "%s[ ] prototype mismatch: %d arg%s"
          + "passed, 1 expected\n", idp.name(), keys.size(), keys.size() == 1 ? " " : "s ");
    }
    if (!(keys.get(0) instanceof T.Int ki)) {
      throw pcb.error(DErrorTag.D_PROTO_ARG, ix.line(), "%s[ ] argument #1 is incompatible "
          + "with prototype:\n\tprototype: %s\n\t argument: %s\n", idp.name(),
          "integer constant", name(keys.get(0)));
    }
    if (ki.type().isSigned() && ki.value() < 0) {
      throw pcb.error(DErrorTag.D_REGS_IDX, ix.line(), "index %d is out of range for array %s\n",
          ki.value(), idp.name());
    }
    int flags = T.LVALUE | ((idp.flags() & Ident.WRITE) != 0 ? T.WRITABLE : 0);
    return new T.Var(ix.line(), idp, keys, types.lookup("uint64_t"), flags);
  }

  /** An aggregation reference with keys, or the left side of {@code @a[k] = f(x)}. */
  T cookAggregation(int line, Node.Ident0 id, List<Expr> keyExprs, Node.Call fun, int idflags)
      throws DCompileException {
    String name = aggName(id.name());
    Ident a = idents.lookup(Space.AGG, name);
    if (a == null) {
      a = idents.create(Space.AGG, name, IdentKind.AGG, Ident.WRITE, line);
    }
    T.Call call = null;
    if (fun != null) {
      if (a.aggFunc() != null && a.aggFunc() != fun.fn()) {
        throw pcb.error(DErrorTag.D_AGG_REDEF, line, "aggregation redefined: @%s\n\t current: "
            + "@%s = %s( )\n\tprevious: @%s = %s( ) : line %d\n", name, name, fun.fn().name(),
            name, a.aggFunc().name(), a.line());
      }
      if (a.aggFunc() == null) {
        a.setAggFunc(fun.fn());
      }
      call = (T.Call) cookCall(fun);
    }
    List<T> keys = new ArrayList<>();
    for (Expr k : keyExprs) {
      keys.add(cook(k, Ident.REF));
    }
    if (call != null) {
      sigs.cookAssoc(line, a, keys, "@", "[ ]");
    }
    a.addFlags(fun != null ? Ident.MOD : idflags);
    return new T.Agg(line, a, keys, call, TypeRules.DYN);
  }
}

package org.hypertrace.compiler.parse;

import java.util.ArrayList;
import java.util.List;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DErrorTag;
import org.hypertrace.compiler.decl.DType;
import org.hypertrace.compiler.decl.DeclSpec;
import org.hypertrace.compiler.decl.DeclSpec.BaseKind;
import org.hypertrace.compiler.decl.DeclSpec.StorageClass;
import org.hypertrace.compiler.decl.TypeRules;
import org.hypertrace.compiler.ident.Ident;
import org.hypertrace.compiler.ident.IdentKind;
import org.hypertrace.compiler.ident.IdentTable;
import org.hypertrace.compiler.lex.LexerState;
import org.hypertrace.compiler.lex.Tok;
import org.hypertrace.compiler.lex.Token;
import org.hypertrace.compiler.parse.Node.Expr;

/**
 * The declaration half of dt_grammar.y (declaration, declaration_specifiers, declarator,
 * struct_or_union_specifier, enum_specifier, type_name, inline_definition,
 * translator_definition, provider_definition) together with what its actions do in dt_decl.c
 * and dt_parser.c's {@code dt_node_decl}: types and variables are defined as soon as their
 * declaration is parsed.
 */
final class DeclParser {
  /** One declarator modifier, applied to the base type in list order. */
  private sealed interface Mod permits Ptr, Arr, Assoc, Fn {}

  private record Ptr() implements Mod {}

  private record Arr(long n, boolean given) implements Mod {}

  private record Assoc(List<DType> keys, List<String> names) implements Mod {}

  private record Fn(List<DType> params, boolean varargs) implements Mod {}

  /** A parsed declarator: its name (or null) and modifiers. */
  private record Declarator(String name, int line, List<Mod> mods) {}

  private final DParser p;
  private final java.util.ArrayDeque<DeclSpec> stack = new java.util.ArrayDeque<>();

  DeclParser(DParser p) {
    this.p = p;
  }

  /** @return the declaration in progress (top of dt_decl stack), or null. */
  DeclSpec current() {
    return stack.peek();
  }

  // ---------------------------------------------------------------- specifiers

  /** @return whether {@code t} can start a type_name (specifier_qualifier_list). */
  boolean startsTypeName(Token t) {
    switch (t.kind()) {
      case KEY_VOID: case KEY_CHAR: case KEY_SHORT: case KEY_INT: case KEY_LONG:
      case KEY_FLOAT: case KEY_DOUBLE: case KEY_SIGNED: case KEY_UNSIGNED: case KEY_USERLAND:
      case KEY_STRING: case TNAME: case KEY_STRUCT: case KEY_UNION: case KEY_ENUM:
      case KEY_CONST: case KEY_RESTRICT: case KEY_VOLATILE:
        return true;
      default:
        return false;
    }
  }

  private static boolean isStorageClass(Tok k, boolean dclass) {
    switch (k) {
      case KEY_AUTO: case KEY_REGISTER: case KEY_STATIC: case KEY_EXTERN: case KEY_TYPEDEF:
        return true;
      case KEY_SELF: case KEY_THIS:
        return dclass;
      default:
        return false;
    }
  }

  /** declaration_specifiers / specifier_qualifier_list. */
  private DeclSpec specifiers(boolean storage, boolean dclass) throws DCompileException {
    DeclSpec ds = new DeclSpec();
    stack.push(ds);
    boolean any = false;
    while (true) {
      Token t = p.peek();
      Tok k = t.kind();
      if (storage && isStorageClass(k, dclass)) {
        p.next();
        if (ds.storage != StorageClass.DEFAULT) {
          throw p.pcb.error(DErrorTag.D_DECL_CLASS, t.line(),
              "only one storage class allowed in a declaration\n");
        }
        ds.storage = StorageClass.valueOf(k.name().substring(4));
        any = true;
        continue;
      }
      switch (k) {
        case KEY_VOID: spec(ds, BaseKind.INTEGER, "void", t); break;
        case KEY_CHAR: spec(ds, BaseKind.INTEGER, "char", t); break;
        case KEY_INT: spec(ds, BaseKind.INTEGER, "int", t); break;
        case KEY_FLOAT: spec(ds, BaseKind.FLOAT, "float", t); break;
        case KEY_DOUBLE: spec(ds, BaseKind.FLOAT, "double", t); break;
        case KEY_STRING: spec(ds, BaseKind.TYPEDEF, "string", t); break;
        case KEY_SHORT: attr(ds, DeclSpec.DA_SHORT, t); break;
        case KEY_LONG: attr(ds, DeclSpec.DA_LONG, t); break;
        case KEY_SIGNED: attr(ds, DeclSpec.DA_SIGNED, t); break;
        case KEY_UNSIGNED: attr(ds, DeclSpec.DA_UNSIGNED, t); break;
        case KEY_USERLAND: p.next(); ds.attr |= DeclSpec.DA_USER; break;
        case KEY_CONST: case KEY_RESTRICT: case KEY_VOLATILE: p.next(); break;
        case TNAME:
          if (ds.name != null) {
            if (ds.storage != StorageClass.TYPEDEF) {
              return ds;
            }
            throw p.pcb.error(DErrorTag.D_DECL_IDRED, t.line(), "identifier redeclared: %s\n",
                t.text());
          }
          spec(ds, BaseKind.TYPEDEF, t.text(), t);
          break;
        case KEY_STRUCT:
        case KEY_UNION:
          structOrUnionSpecifier(ds);
          break;
        case KEY_ENUM:
          enumSpecifier(ds);
          break;
        default:
          if (!any) {
            throw p.syntaxError();
          }
          return ds;
      }
      any = true;
    }
  }

  private void spec(DeclSpec ds, BaseKind kind, String name, Token t) throws DCompileException {
    p.next();
    setSpec(ds, kind, name, t.line());
  }

  private void setSpec(DeclSpec ds, BaseKind kind, String name, int line)
      throws DCompileException {
    if (ds.name != null || ds.kind != BaseKind.UNKNOWN) {
      throw p.pcb.error(DErrorTag.D_DECL_COMBO, line, "invalid type combination\n");
    }
    ds.kind = kind;
    ds.name = name;
    check(ds, line);
  }

  private void attr(DeclSpec ds, int a, Token t) throws DCompileException {
    p.next();
    int line = t.line();
    if ((a & DeclSpec.DA_LONG) != 0 && (ds.attr & DeclSpec.DA_LONGLONG) != 0) {
      throw p.pcb.error(DErrorTag.D_DECL_COMBO, line,
          "the attribute 'long' may only be used at most twice in a declaration");
    }
    if ((a & DeclSpec.DA_SHORT) != 0 && (ds.attr & DeclSpec.DA_SHORT) != 0) {
      throw p.pcb.error(DErrorTag.D_DECL_COMBO, line,
          "the attribute 'short' may only be used at most once in a declaration");
    }
    if ((a & DeclSpec.DA_SIGNED) != 0 && (ds.attr & DeclSpec.DA_SIGNED) != 0) {
      throw p.pcb.error(DErrorTag.D_DECL_COMBO, line,
          "the attribute 'signed' may only be used at most once in a declaration");
    }
    if ((a & DeclSpec.DA_UNSIGNED) != 0 && (ds.attr & DeclSpec.DA_UNSIGNED) != 0) {
      throw p.pcb.error(DErrorTag.D_DECL_COMBO, line,
          "the attribute 'unsigned' may only be used at most once in a declaration");
    }
    if (a == DeclSpec.DA_LONG && (ds.attr & DeclSpec.DA_LONG) != 0) {
      ds.attr &= ~DeclSpec.DA_LONG;
      a = DeclSpec.DA_LONGLONG;
    }
    ds.attr |= a;
    check(ds, line);
  }

  /* dt_decl_check */
  private void check(DeclSpec ds, int line) throws DCompileException {
    if (ds.kind == BaseKind.UNKNOWN) {
      return;
    }
    int sl = DeclSpec.DA_SHORT | DeclSpec.DA_LONG | DeclSpec.DA_LONGLONG;
    int su = DeclSpec.DA_SIGNED | DeclSpec.DA_UNSIGNED;
    if ("char".equals(ds.name) && (ds.attr & sl) != 0) {
      throw p.pcb.error(DErrorTag.D_DECL_CHARATTR, line, "invalid type declaration: short and "
          + "long may not be used with char type\n");
    }
    if ("void".equals(ds.name) && (ds.attr & (sl | su)) != 0) {
      throw p.pcb.error(DErrorTag.D_DECL_VOIDATTR, line, "invalid type declaration: attributes "
          + "may not be used with void type\n");
    }
    if (ds.kind != BaseKind.INTEGER && (ds.attr & su) != 0) {
      throw p.pcb.error(DErrorTag.D_DECL_SIGNINT, line, "invalid type declaration: signed and "
          + "unsigned may only be used with integer type\n");
    }
    if (ds.kind != BaseKind.INTEGER && ds.kind != BaseKind.FLOAT
        && (ds.attr & (DeclSpec.DA_LONG | DeclSpec.DA_LONGLONG)) != 0) {
      throw p.pcb.error(DErrorTag.D_DECL_LONGINT, line, "invalid type declaration: long and "
          + "long long may only be used with integer or floating-point type\n");
    }
  }

  /** dt_decl_type for the specifiers alone. */
  private DType baseType(DeclSpec ds, int line) throws DCompileException {
    if (ds.defined != null) {
      return ds.defined;
    }
    switch (ds.kind) {
      case STRUCT:
      case UNION:
      case ENUM: {
        DType.Kind k = ds.kind == BaseKind.STRUCT ? DType.Kind.STRUCT
            : ds.kind == BaseKind.UNION ? DType.Kind.UNION : DType.Kind.ENUM;
        DType t = p.types.tagOrKernel(k, ds.name);
        if (t == null) {
          t = k == DType.Kind.ENUM ? DType.enumType(ds.name)
              : DType.sou(k == DType.Kind.UNION, ds.name);
          p.types.defineTag(k, ds.name, t);
        }
        return t;
      }
      default: {
        String n = ds.lookupName();
        DType t = p.types.lookup(n);
        if (t == null) {
          throw p.pcb.error(DErrorTag.D_UNKNOWN, line, "failed to resolve type %s: "
              + "Invalid type name\n", n);
        }
        if ((ds.attr & DeclSpec.DA_USER) != 0 && t.resolve().kind() == DType.Kind.POINTER) {
          return DType.userPointer(t.resolve().ref());
        }
        return t;
      }
    }
  }

  private DType apply(DType base, List<Mod> mods, DeclSpec ds) {
    DType t = base;
    for (Mod m : mods) {
      if (m instanceof Ptr) {
        t = (ds.attr & DeclSpec.DA_USER) != 0 ? DType.userPointer(t) : DType.pointer(t);
      } else if (m instanceof Arr a) {
        t = DType.array(t, a.n());
      } else if (m instanceof Fn f) {
        t = DType.function(t, f.params(), f.varargs());
      } else {
        t = TypeRules.DYN;
      }
    }
    return t;
  }

  // ---------------------------------------------------------------- struct, union, enum

  /** struct_or_union_specifier. */
  private void structOrUnionSpecifier(DeclSpec ds) throws DCompileException {
    Token kw = p.next();
    boolean union = kw.kind() == Tok.KEY_UNION;
    DType.Kind kind = union ? DType.Kind.UNION : DType.Kind.STRUCT;
    String tag = null;
    if (p.peekKind() == Tok.IDENT || p.peekKind() == Tok.TNAME) {
      tag = stripScope(p.next().text());
    }
    if (p.peekKind() != Tok.LBRACE) {
      if (tag == null) {
        throw p.syntaxError();
      }
      setSpec(ds, union ? BaseKind.UNION : BaseKind.STRUCT, tag, kw.line());
      return;
    }
    p.next();
    DType t = tag == null ? null : p.types.tag(kind, tag);
    if (t != null && t.isComplete()) {
      throw p.pcb.error(DErrorTag.D_DECL_TYPERED, kw.line(), "type redeclared: %s %s\n",
          union ? "union" : "struct", tag);
    }
    if (t == null) {
      t = DType.sou(union, tag);
      if (tag != null) {
        p.types.defineTag(kind, tag, t);
      }
    }
    do {
      structDeclaration(t);
    } while (p.peekKind() != Tok.RBRACE);
    p.next();
    t.complete();
    setSpec(ds, union ? BaseKind.UNION : BaseKind.STRUCT, tag, kw.line());
    ds.defined = t;
  }

  /** struct_declaration: specifier_qualifier_list struct_declarator_list ';'. */
  private void structDeclaration(DType sou) throws DCompileException {
    DeclSpec ds = specifiers(false, false);
    try {
      while (true) {
        Declarator d = null;
        Expr width = null;
        int line = p.peek().line();
        if (p.peekKind() != Tok.COLON) {
          d = declarator(false);
          line = d.line();
        }
        if (p.peekKind() == Tok.COLON) {
          p.next();
          width = p.constantExpression();
        }
        member(sou, ds, d, width, line);
        if (p.peekKind() == Tok.COMMA) {
          p.next();
          continue;
        }
        p.expect(Tok.SEMI);
        return;
      }
    } finally {
      stack.pop();
    }
  }

  /* dt_decl_member */
  private void member(DType sou, DeclSpec ds, Declarator d, Expr width, int line)
      throws DCompileException {
    String name = d == null ? null : d.name();
    String idname = name == null ? "(anon)" : name;
    if (name == null && width == null) {
      throw p.pcb.error(DErrorTag.D_DECL_MNAME, line, "member declaration requires a name\n");
    }
    if (name != null && name.indexOf('`') >= 0) {
      throw p.pcb.error(DErrorTag.D_DECL_SCOPE, line, "D scoping operator may not be used "
          + "in a member name (%s)\n", name);
    }
    DType base = baseType(ds, line);
    DType t = apply(base, d == null ? List.of() : d.mods(), ds);
    if (t == TypeRules.DYN) {
      throw p.pcb.error(DErrorTag.D_DECL_DYNOBJ, line, "cannot have dynamic member: %s\n", name);
    }
    DType r = t.resolve();
    if ((r.kind() == DType.Kind.STRUCT || r.kind() == DType.Kind.UNION
        || r.kind() == DType.Kind.ENUM) && !r.isComplete()) {
      throw p.pcb.error(DErrorTag.D_DECL_INCOMPLETE, line,
          "incomplete struct/union/enum %s: %s\n", t, name);
    }
    if (r.kind() != DType.Kind.STRING && r.size() == 0
        && (sou.kind() != DType.Kind.STRUCT || r.kind() != DType.Kind.ARRAY)) {
      throw p.pcb.error(DErrorTag.D_DECL_VOIDOBJ, line, "cannot have void member: %s\n", name);
    }
    int bits = 0;
    if (width != null) {
      if (name == null && width instanceof Node.IntLit il && il.value() == 0) {
        return;
      }
      if (!(width instanceof Node.IntLit il) || il.value() <= 0 || !il.type().isSigned()
          && il.value() < 0) {
        throw p.pcb.error(DErrorTag.D_DECL_BFCONST, line, "positive integral constant "
            + "expression expected as bit-field size\n");
      }
      if (r.kind() != DType.Kind.INTEGER && r.kind() != DType.Kind.ENUM
          || r.kind() == DType.Kind.INTEGER && r.size() == 0) {
        throw p.pcb.error(DErrorTag.D_DECL_BFTYPE, line, "invalid type for bit-field: %s\n",
            idname);
      }
      if (((Node.IntLit) width).value() > r.size() * 8) {
        throw p.pcb.error(DErrorTag.D_DECL_BFSIZE, line, "bit-field too big for type: %s\n",
            idname);
      }
      bits = (int) ((Node.IntLit) width).value();
    }
    if (name != null && sou.members().stream().anyMatch(m -> name.equals(m.name()))) {
      throw p.pcb.error(DErrorTag.D_UNKNOWN, line, "failed to define member '%s': "
          + "Duplicate member or variable name\n", name);
    }
    sou.addMember(name, t, bits);
  }

  /** Drops a module scope ({@code D`s}, {@code genunix`proc}) from a tag. */
  static String stripScope(String tag) {
    int q = tag.lastIndexOf('`');
    return q >= 0 ? tag.substring(q + 1) : tag;
  }

  /** enum_specifier. */
  private void enumSpecifier(DeclSpec ds) throws DCompileException {
    Token kw = p.next();
    String tag = null;
    if (p.peekKind() == Tok.IDENT || p.peekKind() == Tok.TNAME) {
      tag = stripScope(p.next().text());
    }
    if (p.peekKind() != Tok.LBRACE) {
      if (tag == null) {
        throw p.syntaxError();
      }
      setSpec(ds, BaseKind.ENUM, tag, kw.line());
      return;
    }
    p.next();
    DType t = tag == null ? null : p.types.tag(DType.Kind.ENUM, tag);
    if (t != null && t.isComplete()) {
      throw p.pcb.error(DErrorTag.D_DECL_TYPERED, kw.line(), "type redeclared: enum %s\n", tag);
    }
    if (t == null) {
      t = DType.enumType(tag);
      if (tag != null) {
        p.types.defineTag(DType.Kind.ENUM, tag, t);
      }
    }
    long value = -1;
    while (true) {
      Token id = p.next();
      if (id.kind() != Tok.IDENT) {
        throw p.pcb.syntax(id.line(), "syntax error", id.kind() == Tok.EOF ? null : id.text());
      }
      String name = id.text();
      value = value + 1;
      if (name.indexOf('`') >= 0) {
        throw p.pcb.error(DErrorTag.D_DECL_SCOPE, id.line(), "D scoping operator may not be "
            + "used in an enumerator name (%s)\n", name);
      }
      if (p.peekKind() == Tok.ASGN) {
        p.next();
        Expr e = p.constantExpression();
        if (e instanceof Node.Ident0 i0 && t.enumerators().containsKey(i0.name())) {
          value = t.enumerators().get(i0.name());
        } else {
          if (!(e instanceof Node.IntLit il)) {
            throw p.pcb.error(DErrorTag.D_DECL_ENCONST, id.line(), "enumerator '%s' must be "
                + "assigned to an integral constant expression\n", name);
          }
          long v = il.value();
          boolean signed = il.type().isSigned();
          if (!signed && (v < 0 || v > Integer.MAX_VALUE)
              || signed && (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE)) {
            throw p.pcb.error(DErrorTag.D_DECL_ENOFLOW, id.line(), "enumerator '%s' value "
                + "overflows INT_MAX (%d)\n", name, Integer.MAX_VALUE);
          }
          value = (int) v;
        }
      }
      if (t.enumerators().containsKey(name)) {
        throw p.pcb.error(DErrorTag.D_UNKNOWN, id.line(), "failed to define enumerator '%s': "
            + "Duplicate member or variable name\n", name);
      }
      t.addEnumerator(name, value);
      if (p.idents.lookup(IdentTable.Space.GLOBAL, name) != null) {
        throw p.pcb.error(DErrorTag.D_DECL_IDRED, id.line(), "identifier redeclared: %s\n",
            name);
      }
      Ident ei = new Ident(name, IdentKind.ENUM, Ident.INLINE | Ident.REF, 0, t, null,
          id.line());
      ei.setInlineExpr(new Node.IntLit(id.line(), value, t));
      p.idents.putGlobal(ei);
      if (p.peekKind() == Tok.COMMA) {
        p.next();
        if (p.peekKind() == Tok.RBRACE) {
          break;
        }
        continue;
      }
      if (p.peekKind() != Tok.RBRACE) {
        throw p.syntaxError();
      }
      break;
    }
    p.next();
    t.complete();
    setSpec(ds, BaseKind.ENUM, tag, kw.line());
    ds.defined = t;
  }

  // ---------------------------------------------------------------- declarators

  /** declarator / abstract_declarator. */
  private Declarator declarator(boolean abstractOk) throws DCompileException {
    return declarator(abstractOk, !abstractOk);
  }

  private Declarator declarator(boolean abstractOk, boolean allowName)
      throws DCompileException {
    int ptrs = 0;
    int line = p.peek().line();
    while (p.peekKind() == Tok.MUL) {
      p.next();
      ptrs++;
      while (p.peekKind() == Tok.KEY_CONST || p.peekKind() == Tok.KEY_VOLATILE
          || p.peekKind() == Tok.KEY_RESTRICT) {
        p.next();
      }
    }
    String name = null;
    List<Mod> inner = List.of();
    Token t = p.peek();
    if (t.kind() == Tok.IDENT && allowName || t.kind() == Tok.TNAME && !abstractOk) {
      p.next();
      name = t.text();
      line = t.line();
    } else if (t.kind() == Tok.LPAR && isNestedDeclarator(abstractOk)) {
      p.next();
      Declarator d = declarator(abstractOk, allowName);
      p.expect(Tok.RPAR);
      name = d.name();
      line = d.line();
      inner = d.mods();
    } else if (!abstractOk) {
      throw p.syntaxError();
    }
    List<Mod> suffixes = new ArrayList<>();
    while (true) {
      Tok k = p.peekKind();
      if (k == Tok.LBRAC) {
        suffixes.add(array());
      } else if (k == Tok.LPAR) {
        suffixes.add(function());
      } else {
        break;
      }
    }
    List<Mod> mods = new ArrayList<>();
    for (int i = 0; i < ptrs; i++) {
      mods.add(new Ptr());
    }
    for (int i = suffixes.size() - 1; i >= 0; i--) {
      mods.add(suffixes.get(i));
    }
    mods.addAll(inner);
    return new Declarator(name, line, mods);
  }

  private boolean isNestedDeclarator(boolean abstractOk) throws DCompileException {
    if (!abstractOk) {
      return true;
    }
    Tok k = p.peekKind();
    return k == Tok.LPAR;
  }

  /** array: '[' array_parameters ']'. */
  private Mod array() throws DCompileException {
    stack.push(new DeclSpec());
    try {
      return arrayInScope();
    } finally {
      stack.pop();
    }
  }

  private Mod arrayInScope() throws DCompileException {
    Token lb = p.next();
    if (p.peekKind() == Tok.RBRAC) {
      p.next();
      return new Arr(0, false);
    }
    if (startsTypeName(p.peek()) || p.peekKind() == Tok.ELLIPSIS) {
      List<Param> params = new ArrayList<>();
      parameterTypeList(params);
      p.expect(Tok.RBRAC);
      prototype(params, "array", false, false, lb.line());
      List<DType> keys = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (Param q : params) {
        keys.add(q.type());
        names.add(q.name());
      }
      return new Assoc(keys, names);
    }
    Expr e = p.constantExpression();
    p.expect(Tok.RBRAC);
    if (!(e instanceof Node.IntLit il) || il.type().isSigned() && il.value() < 0) {
      throw p.pcb.error(DErrorTag.D_DECL_ARRSUB, lb.line(), "positive integral constant "
          + "expression or tuple signature expected as array declaration subscript\n");
    }
    if (Long.compareUnsigned(il.value(), 0xffffffffL) > 0) {
      throw p.pcb.error(DErrorTag.D_DECL_ARRBIG, lb.line(), "array dimension too big\n");
    }
    return new Arr(il.value(), true);
  }

  /** function: '(' function_parameters ')'. */
  private Mod function() throws DCompileException {
    stack.push(new DeclSpec());
    try {
      return functionInScope();
    } finally {
      stack.pop();
    }
  }

  private Mod functionInScope() throws DCompileException {
    Token lp = p.next();
    List<Param> params = new ArrayList<>();
    if (p.peekKind() != Tok.RPAR) {
      parameterTypeList(params);
    }
    p.expect(Tok.RPAR);
    int n = prototype(params, "function", true, true, lp.line());
    List<DType> types = new ArrayList<>();
    boolean va = false;
    for (int i = 0; i < params.size() && n > 0; i++) {
      if (params.get(i).type() == null) {
        va = true;
      } else {
        types.add(params.get(i).type());
      }
    }
    return new Fn(types, va);
  }

  /** One formal parameter: its type (null for "..."), name and line. */
  private record Param(DType type, String name, int line) {}

  /**
   * dt_decl_prototype: checks a parameter list.
   *
   * @return the number of parameters, 0 when the sole parameter is void
   */
  private int prototype(List<Param> params, String kind, boolean varargsOk, boolean voidOk,
      int line) throws DCompileException {
    int v = 0;
    for (int i = 0; i < params.size(); i++) {
      Param q = params.get(i);
      if (q.type() == null) {
        if (!varargsOk) {
          throw p.pcb.error(DErrorTag.D_DECL_PROTO_VARARGS, q.line(), "%s prototype may not "
              + "use a variable-length argument list\n", kind);
        }
        continue;
      }
      String nm = q.name() == null ? "(anonymous)" : q.name();
      if (q.type() == TypeRules.DYN) {
        throw p.pcb.error(DErrorTag.D_DECL_PROTO_TYPE, q.line(), "%s prototype may not use "
            + "parameter of type %s: %s, parameter #%d\n", kind, "<DYN>", nm, i + 1);
      }
      boolean isVoid = TypeRules.isVoid(q.type());
      if (isVoid) {
        v++;
      }
      if (isVoid && !voidOk) {
        throw p.pcb.error(DErrorTag.D_DECL_PROTO_TYPE, q.line(), "%s prototype may not use "
            + "parameter of type %s: %s, parameter #%d\n", kind, q.type(), nm, i + 1);
      }
      if (isVoid && q.name() != null) {
        throw p.pcb.error(DErrorTag.D_DECL_PROTO_NAME, q.line(), "void parameter may not have "
            + "a name: %s\n", q.name());
      }
    }
    if (v != 0 && params.size() > 1) {
      throw p.pcb.error(DErrorTag.D_DECL_PROTO_VOID, line, "void must be sole parameter\n");
    }
    return v != 0 ? 0 : params.size();
  }

  /** parameter_type_list. */
  private void parameterTypeList(List<Param> out) throws DCompileException {
    while (true) {
      if (p.peekKind() == Tok.ELLIPSIS) {
        Token e = p.next();
        out.add(new Param(null, null, e.line()));
        return;
      }
      DeclSpec ds = specifiers(true, false);
      try {
        if (ds.storage != StorageClass.DEFAULT && ds.storage != StorageClass.REGISTER) {
          throw p.pcb.error(DErrorTag.D_DECL_PARMCLASS, p.line(), "inappropriate storage "
              + "class for function or associative array parameter\n");
        }
        int pl = p.peek().line();
        Declarator d = declarator(true, true);
        out.add(new Param(apply(baseType(ds, d.line()), d.mods(), ds), d.name(), pl));
      } finally {
        stack.pop();
      }
      if (p.peekKind() != Tok.COMMA) {
        return;
      }
      p.next();
    }
  }

  /** type_name: specifier_qualifier_list [abstract_declarator]. */
  DType typeName() throws DCompileException {
    int line = p.peek().line();
    DeclSpec ds = specifiers(false, false);
    try {
      Declarator d = declarator(true);
      return apply(baseType(ds, line), d.mods(), ds);
    } finally {
      stack.pop();
    }
  }

  // ---------------------------------------------------------------- declarations

  /** declaration: declaration_specifiers [init_declarator_list] ';'. */
  void declaration() throws DCompileException {
    Token first = p.peek();
    if (!startsTypeName(first) && !isStorageClass(first.kind(), true)) {
      throw p.syntaxError();
    }
    DeclSpec ds = specifiers(true, true);
    try {
      if (p.peekKind() == Tok.SEMI) {
        Token semi = p.next();
        if (ds.defined == null && ds.kind != BaseKind.STRUCT && ds.kind != BaseKind.UNION
            && ds.kind != BaseKind.ENUM) {
          throw p.pcb.error(DErrorTag.D_DECL_USELESS, semi.line(), "useless declaration\n");
        }
        baseType(ds, semi.line());
        p.begin(LexerState.S2);
        return;
      }
      while (true) {
        Declarator d = declarator(false);
        declare(ds, d);
        if (p.peekKind() == Tok.COMMA) {
          p.next();
          continue;
        }
        p.expect(Tok.SEMI);
        p.begin(LexerState.S2);
        return;
      }
    } finally {
      stack.pop();
    }
  }

  /* dt_node_decl */
  private void declare(DeclSpec ds, Declarator d) throws DCompileException {
    int line = d.line();
    String name = d.name();
    DType base = baseType(ds, line);
    DType t = apply(base, d.mods(), ds);
    if (name.indexOf('`') >= 0) {
      throw p.pcb.error(DErrorTag.D_DECL_SCOPE, line, "D scoping operator may not be used in "
          + "a declaration name (%s)\n", name);
    }
    StorageClass sc = ds.storage;
    if (t.resolve().kind() == DType.Kind.FUNCTION
        && (sc == StorageClass.DEFAULT || sc == StorageClass.STATIC)) {
      sc = StorageClass.EXTERN;
    }
    switch (sc) {
      case AUTO:
      case REGISTER:
      case STATIC:
        throw p.pcb.error(DErrorTag.D_DECL_BADCLASS, line,
            "specified storage class not appropriate in D\n");
      case EXTERN:
        return;
      case TYPEDEF:
        if (p.idents.lookup(IdentTable.Space.GLOBAL, name) != null) {
          throw p.pcb.error(DErrorTag.D_DECL_IDRED, line,
              "global variable identifier redeclared: %s\n", name);
        }
        if (p.types.lookup(name) != null) {
          throw p.pcb.error(DErrorTag.D_DECL_IDRED, line, "typedef redeclared: %s\n", name);
        }
        p.types.defineTypedef(name, t);
        return;
      default:
        variable(ds, d, sc, t, line);
    }
  }

  private void variable(DeclSpec ds, Declarator d, StorageClass sc, DType t, int line)
      throws DCompileException {
    String name = d.name();
    IdentTable.Space space = sc == StorageClass.THIS ? IdentTable.Space.LOCAL
        : sc == StorageClass.SELF ? IdentTable.Space.TLS : IdentTable.Space.GLOBAL;
    Ident idp = p.idents.lookup(space, name);
    Mod last = d.mods().isEmpty() ? null : d.mods().get(d.mods().size() - 1);
    if (last instanceof Arr a && !a.given()) {
      throw p.pcb.error(DErrorTag.D_DECL_ARRNULL, line, "array declaration requires array "
          + "dimension or tuple signature: %s\n", name);
    }
    if (idp != null && IdentTable.isBuiltin(idp)) {
      throw p.pcb.error(DErrorTag.D_DECL_IDRED, line, "built-in identifier redeclared: %s\n",
          idp.name());
    }
    if (p.types.lookup(name) != null) {
      throw p.pcb.error(DErrorTag.D_DECL_IDRED, line, "typedef identifier redeclared: %s\n",
          name);
    }
    boolean assc = last instanceof Assoc;
    IdentKind kind = assc ? IdentKind.ARRAY : IdentKind.SCALAR;
    DType vt = t;
    if (assc) {
      if (sc == StorageClass.THIS) {
        throw p.pcb.error(DErrorTag.D_DECL_LOCASSC, line, "associative arrays may not be "
            + "declared as local variables: %s\n", name);
      }
      vt = apply(baseType(ds, line), d.mods().subList(0, d.mods().size() - 1), ds);
    }
    if (idp != null) {
      boolean same = idp.kind() == kind && TypeRules.compat(vt, idp.type())
          && idp.type() != null;
      if (!same) {
        throw p.pcb.error(DErrorTag.D_DECL_IDRED, line, "identifier redeclared: %s\n"
            + "\t current: %s %s\n\tprevious: %s %s\n", name, kind.label(), vt,
            idp.kind().label(), idp.type() == null ? "<DYN>" : idp.type());
      }
      if (assc) {
        List<DType> keys = ((Assoc) last).keys();
        List<DType> prev = idp.signature();
        if (prev != null) {
          for (int i = 0; i < keys.size() && i < prev.size(); i++) {
            if (!TypeRules.compat(keys.get(i), prev.get(i))) {
              throw p.pcb.error(DErrorTag.D_DECL_IDRED, line, "identifier redeclared: %s\n"
                  + "\t current: %s, key #%d of type %s\n\tprevious: %s, key #%d of type %s\n",
                  name, kind.label(), i + 1, keys.get(i), idp.kind().label(), i + 1,
                  prev.get(i));
            }
          }
          if (prev.size() != keys.size()) {
            throw p.pcb.error(DErrorTag.D_DECL_IDRED, line, "identifier redeclared: %s\n"
                + "\t current: %s of %s, tuple length %d\n\tprevious: %s of %s, tuple length "
                + "%d\n", name, kind.label(), vt, keys.size(), idp.kind().label(), idp.type(),
                prev.size());
          }
        }
      }
      return;
    }
    DType r = vt.resolve();
    if (r.kind() == DType.Kind.VOID) {
      throw p.pcb.error(DErrorTag.D_DECL_VOIDOBJ, line, "cannot have void object: %s\n", name);
    }
    if ((r.kind() == DType.Kind.STRUCT || r.kind() == DType.Kind.UNION) && r.size() == 0
        || r.kind() == DType.Kind.FORWARD
        || (r.kind() == DType.Kind.STRUCT || r.kind() == DType.Kind.UNION) && !r.isComplete()) {
      throw p.pcb.error(DErrorTag.D_DECL_INCOMPLETE, line,
          "incomplete struct/union/enum %s: %s\n", vt, name);
    }
    Ident id = p.idents.create(space, name, kind, Ident.WRITE | Ident.DECL, line);
    if (id == null) {
      throw p.pcb.error(DErrorTag.D_ID_OFLOW, line, "cannot create %s: limit on number of %s "
          + "variables exceeded\n", name, space.name().toLowerCase());
    }
    id.setType(vt);
    if (assc) {
      List<DType> keys = ((Assoc) last).keys();
      for (int i = 0; i < keys.size(); i++) {
        if (TypeRules.isVoid(keys.get(i)) || keys.get(i) == TypeRules.DYN) {
          throw p.pcb.error(DErrorTag.D_KEY_TYPE, line, "%s expression may not be used as %s "
              + "index: key #%d\n", keys.get(i), kind.label(), i + 1);
        }
      }
      id.setSignature(List.copyOf(keys));
    }
  }

  /** inline_definition: inline declaration_specifiers declarator = assignment_expression ;. */
  void inlineDefinition() throws DCompileException {
    Token kw = p.next();
    DeclSpec ds = specifiers(true, true);
    Declarator d;
    DType t;
    try {
      d = declarator(false);
      t = apply(baseType(ds, d.line()), d.mods(), ds);
    } finally {
      stack.pop();
    }
    int line = d.line();
    p.expect(Tok.ASGN);
    Expr e = p.assignmentExpression();
    p.expect(Tok.SEMI);
    if (ds.storage != StorageClass.DEFAULT) {
      throw p.pcb.error(DErrorTag.D_DECL_BADCLASS, line,
          "specified storage class not appropriate for inline declaration\n");
    }
    Ident prev = p.idents.lookup(IdentTable.Space.GLOBAL, d.name());
    if (prev != null) {
      throw p.pcb.error(DErrorTag.D_DECL_IDRED, line, "identifier redefined: %s\n\t current: "
          + "inline definition\n\tprevious: %s %s\n", prev.name(), prev.kind().label(),
          (prev.flags() & Ident.INLINE) != 0 ? "inline" : "");
    }
    Mod last = d.mods().isEmpty() ? null : d.mods().get(d.mods().size() - 1);
    IdentKind kind = IdentKind.SCALAR;
    if (last instanceof Arr || last instanceof Assoc) {
      if (last instanceof Arr a && !a.given()) {
        throw p.pcb.error(DErrorTag.D_DECL_ARRNULL, line,
            "inline declaration requires array tuple signature: %s\n", d.name());
      }
      if (last instanceof Arr) {
        throw p.pcb.error(DErrorTag.D_DECL_ARRNULL, line,
            "inline declaration cannot be of scalar array type: %s\n", d.name());
      }
      kind = IdentKind.ARRAY;
      t = apply(baseType(ds, line), d.mods().subList(0, d.mods().size() - 1), ds);
    }
    if (TypeRules.isVoid(t)) {
      throw p.pcb.error(DErrorTag.D_DECL_VOIDOBJ, line, "cannot declare void inline: %s\n",
          d.name());
    }
    DType r = t.resolve();
    if ((r.kind() == DType.Kind.STRUCT || r.kind() == DType.Kind.UNION) && !r.isComplete()) {
      throw p.pcb.error(DErrorTag.D_DECL_INCOMPLETE, line,
          "incomplete struct/union/enum %s: %s\n", t, d.name());
    }
    Ident id = new Ident(d.name(), kind, Ident.INLINE | Ident.DECL, 0, t, null, line);
    List<String> pnames = List.of();
    if (last instanceof Assoc a) {
      id.setSignature(a.keys());
      pnames = a.names();
    }
    p.hooks.defineInline(id, pnames, e, line);
    p.idents.putGlobal(id);
    p.begin(LexerState.S2);
  }

  /** translator_definition. */
  void translatorDefinition() throws DCompileException {
    Token kw = p.next();
    DType to = typeName();
    p.expect(Tok.LT);
    DType from = typeName();
    Token id = p.next();
    if (id.kind() != Tok.IDENT) {
      throw p.pcb.syntax(id.line(), "syntax error", id.kind() == Tok.EOF ? null : id.text());
    }
    p.expect(Tok.GT);
    p.expect(Tok.LBRACE);
    List<ParserHooks.XlMember> members = new ArrayList<>();
    while (p.peekKind() != Tok.RBRACE) {
      Token m = p.next();
      if (m.kind() != Tok.IDENT && m.kind() != Tok.TNAME) {
        throw p.pcb.syntax(m.line(), "syntax error", m.kind() == Tok.EOF ? null : m.text());
      }
      p.expect(Tok.ASGN);
      Expr e = p.assignmentExpression();
      p.expect(Tok.SEMI);
      members.add(new ParserHooks.XlMember(m.text(), e, m.line()));
    }
    p.next();
    Token semi = p.expect(Tok.SEMI);
    p.hooks.defineTranslator(to, from, id.text(), members, semi.line());
    p.begin(LexerState.S2);
  }

  /** provider_definition: parsed for syntax only. */
  void providerDefinition() throws DCompileException {
    p.next();
    Token name = p.next();
    if (name.kind() != Tok.IDENT) {
      throw p.pcb.syntax(name.line(), "syntax error", name.text());
    }
    p.expect(Tok.LBRACE);
    while (p.peekKind() != Tok.RBRACE) {
      p.expect(Tok.KEY_PROBE);
      p.next();
      function();
      if (p.peekKind() == Tok.COLON) {
        p.next();
        function();
      }
      p.expect(Tok.SEMI);
    }
    p.next();
    p.expect(Tok.SEMI);
    p.begin(LexerState.S2);
  }
}

package org.hypertrace.compiler.ident;

import java.util.List;
import org.hypertrace.compiler.decl.DType;

/**
 * An identifier: port of {@code dt_ident_t} (dt_ident.h). Built-in variables, subroutines,
 * actions and aggregating functions come from {@link Builtins}; user variables, arrays,
 * aggregations and inlines are created while compiling. Types and signatures are mutable as in
 * libdtrace: the first assignment gives an undeclared variable its type.
 */
public final class Ident {
  /** DT_IDFLG_REF: the identifier has been read. */
  public static final int REF = 0x0002;
  /** DT_IDFLG_MOD: the identifier has been written. */
  public static final int MOD = 0x0004;
  /** DT_IDFLG_DECL: declared explicitly. */
  public static final int DECL = 0x0040;
  /** DT_IDFLG_WRITE: writable by D code. */
  public static final int WRITE = 0x0080;
  /** DT_IDFLG_TLS: thread-local. */
  public static final int TLS = 0x0008;
  /** DT_IDFLG_LOCAL: clause-local. */
  public static final int LOCAL = 0x0010;
  /** DT_IDFLG_INLINE: an inline. */
  public static final int INLINE = 0x0100;

  private final String name;
  private IdentKind kind;
  private int flags;
  private final int id;
  private DType type;
  private final int line;
  /** key signature of arrays/aggregations, or parameter types of functions (null = unset). */
  private List<DType> signature;
  /** function prototype (subroutines and actions). */
  private final Proto proto;
  /** aggregating function first assigned to an aggregation. */
  private Ident aggFunc;
  /** lquantize/llquantize parameters first seen for an aggregation (dis_auxinfo). */
  private long auxInfo;
  /** the expression of an inline (a parse tree owned by the cooker). */
  private Object inlineExpr;

  public Ident(String name, IdentKind kind, int flags, int id, DType type, Proto proto, int line) {
    this.name = name;
    this.kind = kind;
    this.flags = flags;
    this.id = id;
    this.type = type;
    this.proto = proto;
    this.line = line;
  }

  public String name() {
    return name;
  }

  public IdentKind kind() {
    return kind;
  }

  /** Changes a scalar into an array (dt_ident_morph). */
  public void morph(IdentKind k) {
    kind = k;
  }

  public int flags() {
    return flags;
  }

  public void addFlags(int f) {
    flags |= f;
  }

  public int id() {
    return id;
  }

  public DType type() {
    return type;
  }

  public void setType(DType t) {
    type = t;
  }

  public int line() {
    return line;
  }

  public List<DType> signature() {
    return signature;
  }

  public void setSignature(List<DType> s) {
    signature = s;
  }

  public Proto proto() {
    return proto;
  }

  public Ident aggFunc() {
    return aggFunc;
  }

  public void setAggFunc(Ident f) {
    aggFunc = f;
  }

  public long auxInfo() {
    return auxInfo;
  }

  public void setAuxInfo(long a) {
    auxInfo = a;
  }

  public Object inlineExpr() {
    return inlineExpr;
  }

  public void setInlineExpr(Object e) {
    inlineExpr = e;
  }

  /** dt_ident_unref: created by a reference but never declared, assigned or given a type. */
  public boolean isUnref() {
    return (flags & (DECL | MOD | REF)) == 0 && line > 0;
  }

  /** @return the scope-qualified name used in messages ("self->x", "this->x", "x"). */
  public String qualifiedName() {
    return ((flags & LOCAL) != 0 ? "this->" : (flags & TLS) != 0 ? "self->" : "") + name;
  }

  @Override
  public String toString() {
    return kind + " " + name;
  }
}

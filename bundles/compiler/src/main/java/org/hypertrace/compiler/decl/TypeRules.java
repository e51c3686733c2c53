package org.hypertrace.compiler.decl;

/**
 * Type predicates and conversions of D: port of dt_parser.c's {@code dt_node_is_*},
 * {@code dt_type_promote} and {@code dt_cast}, and of the parts of {@code ctf_type_compat} D
 * relies on. The special types {@code stack}, {@code _symaddr} and {@code _usymaddr} are
 * integers with those names; the dynamic type of arrays and aggregations is {@link #DYN}.
 */
public final class TypeRules {
  /** The {@code <DYN>} type of associative arrays and aggregations before use. */
  public static final DType DYN = DType.integer("<DYN>", 8, false);

  private TypeRules() {}

  /** @return whether {@code t} is an integer (or enum) type, not void. */
  public static boolean isInteger(DType t) {
    if (t == null || t == DYN) {
      return false;
    }
    DType r = t.resolve();
    return r.kind() == DType.Kind.INTEGER && !isSpecial(r) || r.kind() == DType.Kind.ENUM;
  }

  private static boolean isSpecial(DType r) {
    String n = r.name();
    return "stack".equals(n) || "_symaddr".equals(n) || "_usymaddr".equals(n)
        || "<DYN>".equals(n);
  }

  /** @return integer or float. */
  public static boolean isArith(DType t) {
    return isInteger(t) || t != null && t.resolve().kind() == DType.Kind.FLOAT;
  }

  /** @return integer, float (as CTF sees them) or pointer: dt_node_is_scalar. */
  public static boolean isScalar(DType t) {
    if (t == null || t == DYN) {
      return false;
    }
    DType r = t.resolve();
    return isInteger(t) || r.kind() == DType.Kind.FLOAT || r.kind() == DType.Kind.POINTER;
  }

  /** @return whether {@code t} is a pointer. */
  public static boolean isPointer(DType t) {
    return t != null && t.resolve().kind() == DType.Kind.POINTER;
  }

  /** @return whether {@code t} is D's string. */
  public static boolean isString(DType t) {
    return t != null && t.resolve().kind() == DType.Kind.STRING;
  }

  /** @return void. */
  public static boolean isVoid(DType t) {
    return t != null && t.resolve().kind() == DType.Kind.VOID;
  }

  /** @return the dynamic type. */
  public static boolean isDynamic(DType t) {
    return t == DYN;
  }

  /** @return a pointer to void or to a function: dt_node_is_vfptr. */
  public static boolean isVfptr(DType t) {
    if (!isPointer(t)) {
      return false;
    }
    DType to = t.resolve().ref().resolve();
    return to.kind() == DType.Kind.VOID || to.kind() == DType.Kind.FUNCTION;
  }

  /** @return string, char array or char pointer: dt_node_is_strcompat. */
  public static boolean isStrCompat(DType t) {
    if (t == null) {
      return false;
    }
    DType r = t.resolve();
    if (r.kind() == DType.Kind.STRING) {
      return true;
    }
    if (r.kind() == DType.Kind.POINTER || r.kind() == DType.Kind.ARRAY) {
      DType e = r.ref().resolve();
      return e.kind() == DType.Kind.INTEGER && e.size() == 1 && !isSpecial(e);
    }
    return false;
  }

  /** @return whether the type is one of stack/_symaddr/_usymaddr named {@code n}. */
  public static boolean isNamed(DType t, String n) {
    return t != null && n.equals(t.resolve().name()) && t.resolve().kind() == DType.Kind.INTEGER;
  }

  /** dt_type_promote: the usual arithmetic conversion of two integer types. */
  public static DType promote(DType l, DType r, TypeTable types) {
    DType lb = l.resolve().kind() == DType.Kind.ENUM ? types.intType() : l;
    DType rb = r.resolve().kind() == DType.Kind.ENUM ? types.intType() : r;
    long lrank = lb.size() * 8 + (lb.isSigned() ? 0 : 1);
    long rrank = rb.size() * 8 + (rb.isSigned() ? 0 : 1);
    if (lrank == rrank) {
      return lb;
    }
    return lrank > rrank ? lb : rb;
  }

  /** dt_cast: converts an integer constant of type {@code src} to {@code dst}. */
  public static long castConstant(long v, DType src, DType dst) {
    long ss = src.size();
    long ds = dst.size();
    if (ds <= 0 || ss <= 0 || ds > 8 || ss > 8) {
      return v;
    }
    if (ds < ss) {
      int n = (int) ((8 - ds) * 8);
      v = v << n;
      v = v >>> n;
    } else if (ds > ss) {
      int n = (int) ((8 - ss) * 8);
      int s = (int) ((ds - ss) * 8);
      v <<= n;
      if (src.isSigned()) {
        v = v >> s;
        v = v >>> (n - s);
      } else {
        v = v >>> n;
      }
    }
    return v;
  }

  private static final DType CHAR = DType.integer("char", 1, true);

  /** @return the pointee or element type; char for D strings. */
  public static DType elementOf(DType t) {
    DType r = t.resolve();
    return r.kind() == DType.Kind.STRING ? CHAR : r.ref();
  }

  /** ctf_type_compat: structurally the same type (typedefs resolved). */
  public static boolean compat(DType a, DType b) {
    if (a == null || b == null) {
      return false;
    }
    DType x = a.resolve();
    DType y = b.resolve();
    if (x == y) {
      return true;
    }
    if (x.kind() != y.kind()) {
      boolean fwd = x.kind() == DType.Kind.FORWARD || y.kind() == DType.Kind.FORWARD;
      return fwd && java.util.Objects.equals(x.name(), y.name());
    }
    switch (x.kind()) {
      case INTEGER:
      case FLOAT:
        return x.size() == y.size() && x.isSigned() == y.isSigned()
            && isSpecial(x) == isSpecial(y)
            && (!isSpecial(x) || java.util.Objects.equals(x.name(), y.name()));
      case POINTER:
        return compat(x.ref(), y.ref());
      case ARRAY:
        return x.count() == y.count() && compat(x.ref(), y.ref());
      case STRUCT:
      case UNION:
      case ENUM:
        return java.util.Objects.equals(x.name(), y.name()) && x.name() != null;
      case VOID:
      case STRING:
      case FUNCTION:
        return true;
      default:
        return false;
    }
  }

  /**
   * dt_node_is_ptrcompat: pointers to compatible types, void pointers, NULL-like integer
   * constants are handled by the caller.
   *
   * @return the common pointer type, or null when incompatible
   */
  public static DType ptrCompat(DType l, DType r, boolean lIsZero, boolean rIsZero) {
    boolean lp = isPointer(l) || l != null && (l.resolve().kind() == DType.Kind.ARRAY
        || l.resolve().kind() == DType.Kind.STRING);
    boolean rp = isPointer(r) || r != null && (r.resolve().kind() == DType.Kind.ARRAY
        || r.resolve().kind() == DType.Kind.STRING);
    if (lp && rIsZero && isInteger(r)) {
      return l;
    }
    if (rp && lIsZero && isInteger(l)) {
      return r;
    }
    if (!lp || !rp) {
      return null;
    }
    DType lt = elementOf(l);
    DType rt = elementOf(r);
    if (lt.resolve().kind() == DType.Kind.VOID) {
      return r;
    }
    if (rt.resolve().kind() == DType.Kind.VOID) {
      return l;
    }
    if (compat(lt, rt)) {
      return l;
    }
    if (lt.resolve().kind() == DType.Kind.INTEGER && rt.resolve().kind() == DType.Kind.INTEGER
        && lt.size() == rt.size() && lt.isSigned() == rt.isSigned()) {
      return l;
    }
    return null;
  }
}

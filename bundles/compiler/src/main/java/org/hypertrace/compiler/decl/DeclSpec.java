package org.hypertrace.compiler.decl;

/**
 * The declaration specifiers being collected for one declaration: port of the top
 * {@code dt_decl_t} of libdtrace's declaration stack (dt_decl.c {@code dt_decl_spec},
 * {@code dt_decl_attr}, {@code dt_decl_class}). Checks that need the error machinery return a
 * problem code that the parser turns into the D_DECL_* error.
 */
public final class DeclSpec {
  /** Storage classes (DT_DC_*). */
  public enum StorageClass { DEFAULT, AUTO, REGISTER, STATIC, EXTERN, TYPEDEF, SELF, THIS }

  /** Base kinds as dt_decl_spec records them. */
  public enum BaseKind { UNKNOWN, INTEGER, FLOAT, STRUCT, UNION, ENUM, TYPEDEF }

  public static final int DA_SIGNED = 0x01;
  public static final int DA_UNSIGNED = 0x02;
  public static final int DA_SHORT = 0x04;
  public static final int DA_LONG = 0x08;
  public static final int DA_LONGLONG = 0x10;
  public static final int DA_CONST = 0x20;
  public static final int DA_RESTRICT = 0x40;
  public static final int DA_VOLATILE = 0x80;
  public static final int DA_USER = 0x200;

  public StorageClass storage = StorageClass.DEFAULT;
  public BaseKind kind = BaseKind.UNKNOWN;
  public String name;
  public int attr;
  /** a struct/union/enum defined inline in this specifier, already resolved. */
  public DType defined;

  /** @return whether a type specifier (name or kind) has been given. */
  public boolean hasType() {
    return name != null || kind != BaseKind.UNKNOWN;
  }

  /** @return the type name to look up (dt_decl_type's canonical C name). */
  public String lookupName() {
    StringBuilder s = new StringBuilder();
    switch (kind) {
      case INTEGER:
      case FLOAT:
      case UNKNOWN:
        if ((attr & DA_SIGNED) != 0) {
          s.append("signed ");
        }
        if ((attr & DA_UNSIGNED) != 0) {
          s.append("unsigned ");
        }
        if ((attr & DA_SHORT) != 0) {
          s.append("short ");
        }
        if ((attr & DA_LONG) != 0) {
          s.append("long ");
        }
        if ((attr & DA_LONGLONG) != 0) {
          s.append("long long ");
        }
        if ((attr & (DA_SIGNED | DA_UNSIGNED | DA_SHORT | DA_LONG | DA_LONGLONG)) == 0
            && name == null) {
          s.append("int");
        }
        if (name != null && (attr & (DA_SHORT | DA_LONG | DA_LONGLONG)) == 0) {
          s.append(name);
        } else if (name != null && kind == BaseKind.FLOAT) {
          s.append(name);
        }
        String r = s.toString().trim();
        if (r.equals("signed") || r.equals("unsigned")) {
          r = r + " int";
        }
        return r.replace("signed char", "signed char");
      default:
        return name;
    }
  }
}

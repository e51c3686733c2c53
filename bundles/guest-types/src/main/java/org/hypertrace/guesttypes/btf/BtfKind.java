package org.hypertrace.guesttypes.btf;

/**
 * The BTF kinds and encoding bits: values of include/uapi/linux/btf.h ({@code BTF_KIND_*},
 * {@code BTF_INT_*}), names verbatim so grep works across C and Java.
 */
public final class BtfKind {
  /** magic of btf_header, read little-endian from a little-endian target. */
  public static final int BTF_MAGIC = 0xeB9F;
  /** the only version defined. */
  public static final int BTF_VERSION = 1;

  public static final int BTF_KIND_UNKN = 0;
  public static final int BTF_KIND_INT = 1;
  public static final int BTF_KIND_PTR = 2;
  public static final int BTF_KIND_ARRAY = 3;
  public static final int BTF_KIND_STRUCT = 4;
  public static final int BTF_KIND_UNION = 5;
  public static final int BTF_KIND_ENUM = 6;
  public static final int BTF_KIND_FWD = 7;
  public static final int BTF_KIND_TYPEDEF = 8;
  public static final int BTF_KIND_VOLATILE = 9;
  public static final int BTF_KIND_CONST = 10;
  public static final int BTF_KIND_RESTRICT = 11;
  public static final int BTF_KIND_FUNC = 12;
  public static final int BTF_KIND_FUNC_PROTO = 13;
  public static final int BTF_KIND_VAR = 14;
  public static final int BTF_KIND_DATASEC = 15;
  public static final int BTF_KIND_FLOAT = 16;
  public static final int BTF_KIND_DECL_TAG = 17;
  public static final int BTF_KIND_TYPE_TAG = 18;
  public static final int BTF_KIND_ENUM64 = 19;
  /** highest kind defined. */
  public static final int BTF_KIND_MAX = 19;

  /** BTF_INT_ENCODING bit: signed. */
  public static final int BTF_INT_SIGNED = 1 << 0;
  /** BTF_INT_ENCODING bit: char. */
  public static final int BTF_INT_CHAR = 1 << 1;
  /** BTF_INT_ENCODING bit: bool. */
  public static final int BTF_INT_BOOL = 1 << 2;

  private static final String[] NAMES = {"UNKN", "INT", "PTR", "ARRAY", "STRUCT", "UNION", "ENUM",
      "FWD", "TYPEDEF", "VOLATILE", "CONST", "RESTRICT", "FUNC", "FUNC_PROTO", "VAR", "DATASEC",
      "FLOAT", "DECL_TAG", "TYPE_TAG", "ENUM64"};

  private BtfKind() {}

  /** @return bpftool's name of a kind ("STRUCT"), or "kind N" if unknown */
  public static String name(int kind) {
    return kind >= 0 && kind < NAMES.length ? NAMES[kind] : "kind " + kind;
  }

  /**
   * @param kind a kind
   * @return bytes of kind-specific data after the 12-byte common part, for {@code vlen} entries
   */
  static int extraBytes(int kind, int vlen) {
    switch (kind) {
      case BTF_KIND_INT: case BTF_KIND_VAR: case BTF_KIND_DECL_TAG:
        return 4;
      case BTF_KIND_ARRAY:
        return 12;
      case BTF_KIND_STRUCT: case BTF_KIND_UNION: case BTF_KIND_DATASEC: case BTF_KIND_ENUM64:
        return 12 * vlen;
      case BTF_KIND_ENUM: case BTF_KIND_FUNC_PROTO:
        return 8 * vlen;
      default:
        return 0;
    }
  }
}

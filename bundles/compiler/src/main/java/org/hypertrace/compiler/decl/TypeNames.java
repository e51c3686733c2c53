package org.hypertrace.compiler.decl;

/**
 * Prints type names the way {@code ctf_type_name} does for D's messages: declarator syntax
 * with pointers and arrays around the base name ("char *", "int [4]", "struct foo *").
 */
final class TypeNames {
  private TypeNames() {}

  static String name(DType t) {
    StringBuilder prefix = new StringBuilder();
    StringBuilder suffix = new StringBuilder();
    DType base = t;
    while (true) {
      if (base.kind() == DType.Kind.POINTER) {
        prefix.insert(0, "*");
        base = base.ref();
      } else if (base.kind() == DType.Kind.ARRAY) {
        suffix.append('[').append(base.count()).append(']');
        base = base.ref();
      } else {
        break;
      }
    }
    String b = baseName(base);
    if (prefix.length() == 0 && suffix.length() == 0) {
      return b;
    }
    StringBuilder s = new StringBuilder(b);
    if (prefix.length() > 0) {
      s.append(' ').append(prefix);
    }
    if (suffix.length() > 0) {
      s.append(' ').append(suffix);
    }
    return s.toString();
  }

  private static String baseName(DType t) {
    switch (t.kind()) {
      case STRUCT:
        return t.name() == null ? "struct (anon)" : "struct " + t.name();
      case UNION:
        return t.name() == null ? "union (anon)" : "union " + t.name();
      case ENUM:
        return t.name() == null ? "enum (anon)" : "enum " + t.name();
      case FORWARD:
        return "struct " + t.name();
      case FUNCTION: {
        StringBuilder s = new StringBuilder(name(t.ref())).append(" (*)(");
        for (int i = 0; i < t.params().size(); i++) {
          s.append(i > 0 ? ", " : "").append(name(t.params().get(i)));
        }
        if (t.varargs()) {
          s.append(t.params().isEmpty() ? "..." : ", ...");
        }
        return s.append(')').toString();
      }
      default:
        return t.name() == null ? "?" : t.name();
    }
  }
}

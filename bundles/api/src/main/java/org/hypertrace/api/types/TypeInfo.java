package org.hypertrace.api.types;

/**
 * A type as a target lays it out.
 *
 * @param name   the type's C name as the target spells it after peeling typedefs and qualifiers
 *               ("unsigned int", "struct cred", "struct cred *", "char [16]"); a pointer's name
 *               is its pointee's followed by " *", an array's its element's followed by " [N]",
 *               so both can be looked up again; an anonymous type takes the name of the typedef
 *               that named it, else "struct &lt;anon&gt;"
 * @param kind   what it is
 * @param size   its size in bytes (0 for void, functions and forward declarations)
 * @param signed true for signed integers and enums with a negative enumerator
 */
public record TypeInfo(String name, TypeKind kind, long size, boolean signed) {
  /** @return true for integers, enums and pointers: values a DIF register holds. */
  public boolean isScalar() {
    return kind == TypeKind.INTEGER || kind == TypeKind.ENUM || kind == TypeKind.POINTER;
  }
}

package org.hypertrace.api.types;

/** What a resolved type is, typedefs and qualifiers (const, volatile, restrict) peeled. */
public enum TypeKind {
  /** void. */
  VOID,
  /** an integer of 1, 2, 4 or 8 bytes (char and bool included). */
  INTEGER,
  /** an enumeration (an integer of its size; signed if any enumerator is negative). */
  ENUM,
  /** a floating-point number. */
  FLOAT,
  /** a pointer (the target's word size). */
  POINTER,
  /** an array of fixed length. */
  ARRAY,
  /** a struct. */
  STRUCT,
  /** a union. */
  UNION,
  /** a function or function prototype. */
  FUNCTION,
  /** a forward declaration whose body the target does not describe. */
  FORWARD
}

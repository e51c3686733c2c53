package org.hypertrace.api.types;

/**
 * One member of a struct or union as a target lays it out (members of anonymous struct/union
 * members are listed in their place, with offsets from the outer type).
 *
 * @param name      the member's name
 * @param offset    byte offset from the start of the type (for bitfields: of the storage unit)
 * @param bitOffset for bitfields, the bit position inside the unit at {@code offset}; else 0
 * @param bitSize   for bitfields, the width in bits; 0 for ordinary members
 * @param type      the member's type after typedefs and qualifiers
 */
public record MemberInfo(String name, long offset, int bitOffset, int bitSize, TypeInfo type) {}

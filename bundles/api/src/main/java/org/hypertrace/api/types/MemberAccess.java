package org.hypertrace.api.types;

import java.util.List;

/**
 * A member path resolved in one target: where the member lives and how to read it.
 *
 * <p>Invariants: {@code steps} is never empty; every step but the last reads a pointer (8 bytes);
 * the last step reads the member itself, so {@code offset == steps.get(last).offset()} and
 * {@code size == steps.get(last).size()}.
 *
 * @param typeName   the type the path starts from, as asked ("struct task_struct")
 * @param memberPath the path as asked ("real_cred->uid.val")
 * @param steps      the loads from the base object's address to the member
 * @param offset     byte offset of the member (for bitfields: of the storage unit holding it) from
 *                   the start of the last dereferenced object
 * @param size       bytes to read at {@code offset}
 * @param signed     whether the value is sign-extended when widened
 * @param bitOffset  for bitfields, the bit position of the field inside the unit read (0 = least
 *                   significant bit); 0 otherwise
 * @param bitSize    for bitfields, the width in bits; 0 for ordinary members
 * @param type       the member's type after typedefs and qualifiers
 */
public record MemberAccess(String typeName, String memberPath, List<LoadStep> steps, long offset,
    long size, boolean signed, int bitOffset, int bitSize, TypeInfo type) {

  /** Copies {@code steps} so the record stays immutable. */
  public MemberAccess {
    steps = List.copyOf(steps);
  }

  /** @return true when the member is a bitfield */
  public boolean isBitfield() {
    return bitSize != 0;
  }

  /** @return the number of pointers followed before the member is read */
  public int dereferences() {
    return steps.size() - 1;
  }
}

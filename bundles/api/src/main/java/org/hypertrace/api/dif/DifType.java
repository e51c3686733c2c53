package org.hypertrace.api.dif;

/**
 * The type of a DIF value: port of {@code dtrace_diftype_t} (sys/dtrace.h).
 *
 * @param kind  {@code DIF_TYPE_CTF} or {@code DIF_TYPE_STRING}
 * @param ckind the CTF kind for {@code DIF_TYPE_CTF} (integer, pointer, struct, ...)
 * @param flags {@code DIF_TF_BYREF}, {@code DIF_TF_BYUREF}
 * @param size  size in bytes (unless string)
 */
public record DifType(int kind, int ckind, int flags, int size) {
  /** The type of a DIF object that returns nothing in particular (an int64 by value). */
  public static final DifType INT64 = new DifType(DifConstants.DIF_TYPE_CTF, 1, 0, 8);

  /** @return true if the value is passed by reference (strings, structs, arrays). */
  public boolean byRef() {
    return (flags & DifConstants.DIF_TF_BYREF) != 0;
  }

  /** @return true for {@code DIF_TYPE_STRING}. */
  public boolean isString() {
    return kind == DifConstants.DIF_TYPE_STRING;
  }
}

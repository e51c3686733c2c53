package org.hypertrace.kernel.tracefs;

/**
 * One field of a tracepoint record as its {@code format} file declares it.
 *
 * @param type        C type without the name ("const char *", "pid_t", "char" for char[16])
 * @param name        field name
 * @param offset      byte offset in the record
 * @param size        byte size (of the whole array for arrays, 4 for __data_loc)
 * @param signed      whether the kernel declares it signed
 * @param arrayLength element count for fixed arrays, -1 otherwise
 * @param dataLoc     true for {@code __data_loc} (u16 offset | u16 length << 16) fields
 */
public record FormatField(String type, String name, int offset, int size, boolean signed,
    int arrayLength, boolean dataLoc) {
  /** @return true for integers and pointers that fit a 64-bit argument directly */
  public boolean isScalar() {
    return !dataLoc && arrayLength < 0 && (size == 1 || size == 2 || size == 4 || size == 8);
  }

  /** @return the D/C type a probe argument of this field has */
  public String argType() {
    if (dataLoc) {
      return "__data_loc " + type;
    }
    return arrayLength >= 0 ? type + "[" + arrayLength + "]" : type;
  }
}

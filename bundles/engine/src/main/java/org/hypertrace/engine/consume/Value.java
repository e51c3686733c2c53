package org.hypertrace.engine.consume;

/**
 * One traced datum as the consumer sees it: port of a {@code dtrace_recdesc_t} plus its bytes.
 * Integers keep their record size (1, 2, 4, 8); strings keep their text; other by-reference
 * data keep raw bytes.
 *
 * @param value  integer value (sign-extended from its size)
 * @param size   record size in bytes
 * @param string the string for string records, else null
 * @param bytes  raw bytes of other by-reference records, else null
 * @param unsigned whether the integer's type is unsigned ({@code %d} prints it unsigned)
 * @param symbolic the addresses of a stack or sym-like record, else null
 */
public record Value(long value, int size, String string, byte[] bytes, boolean unsigned,
    Symbolic symbolic) {
  /**
   * A record without addresses.
   *
   * @param value    integer value
   * @param size     record size
   * @param string   string or null
   * @param bytes    raw bytes or null
   * @param unsigned signedness
   */
  public Value(long value, int size, String string, byte[] bytes, boolean unsigned) {
    this(value, size, string, bytes, unsigned, null);
  }

  /**
   * @param s a stack or sym-like record
   * @return its value (the integer part is its last word, as %d would see the pc)
   */
  public static Value of(Symbolic s) {
    long[] w = s.words();
    return new Value(w.length == 0 ? 0 : w[w.length - 1], s.size(), null, null, true, s);
  }

  /** @param v value @param size size @return a signed integer record */
  public static Value of(long v, int size) {
    return new Value(v, size, null, null, false);
  }

  /** @param v value @param size size @param unsigned signedness @return an integer record */
  public static Value of(long v, int size, boolean unsigned) {
    return new Value(v, size, null, null, unsigned);
  }

  /** @param s text @return a string record */
  public static Value of(String s) {
    return new Value(0, 0, s, null, false);
  }

  /** @return true for a string record */
  public boolean isString() {
    return string != null;
  }
}

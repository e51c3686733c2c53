package org.hypertrace.engine.consume;

/**
 * A program counter's symbol as a provider spells it ({@code ProbeContext.symbol}): the parts of
 * libdtrace's {@code dtrace_syminfo_t} (object, name) and the offset from the symbol's value
 * that dt_consume.c prints as {@code +0x...}.
 *
 * @param module   the object ({@code vmlinux}, {@code libc.so.6}), never null
 * @param function the function, or null when only the module is known
 * @param offset   pc minus the function's start (0 without a function)
 */
record Symbol(String module, String function, long offset) {
  /**
   * Parses {@code module`function+0xoff}, {@code module`function} or {@code module`0x...} (a
   * module without a symbol).
   *
   * @param text a provider's answer, or null
   * @return the parts, or null when the text names no module
   */
  static Symbol parse(String text) {
    if (text == null) {
      return null;
    }
    int tick = text.indexOf('`');
    if (tick <= 0) {
      return null;
    }
    String module = text.substring(0, tick);
    String rest = text.substring(tick + 1);
    if (rest.isEmpty() || rest.startsWith("0x")) {
      return new Symbol(module, null, 0);
    }
    int plus = rest.lastIndexOf("+0x");
    if (plus > 0) {
      try {
        long off = Long.parseUnsignedLong(rest.substring(plus + 3), 16);
        return new Symbol(module, rest.substring(0, plus), off);
      } catch (NumberFormatException e) {
        return new Symbol(module, rest, 0);
      }
    }
    return new Symbol(module, rest, 0);
  }
}

package org.hypertrace.engine.consume;

import static org.hypertrace.api.dtrace.DTraceConstants.*;

/**
 * A record whose bytes are addresses that print as symbols: the data of a {@code stack()},
 * {@code ustack()}, {@code jstack()}, {@code sym()}, {@code mod()}, {@code usym()},
 * {@code umod()} or {@code uaddr()} record as the kernel stores it (dtrace.c's
 * {@code dtrace_getpcstack}/{@code dtrace_getupcstack} layouts), with the printer that knows
 * their symbols.
 *
 * <p>Words: the frames for a stack (zero after the last); the pid then the frames for a user
 * stack; the pc for sym/mod; the pid then the pc for usym/umod/uaddr.
 *
 * @param kind    the {@code DTRACEACT_*} action
 * @param words   the record's 64-bit words
 * @param printer the printer holding the symbols learnt at the firings
 */
public record Symbolic(int kind, long[] words, StackPrinter printer) {
  /** {@code DTRACEACT_STACK}. */
  public static final int STACK = DTRACEACT_STACK;
  /** {@code DTRACEACT_USTACK}. */
  public static final int USTACK = DTRACEACT_USTACK;
  /** {@code DTRACEACT_JSTACK}. */
  public static final int JSTACK = DTRACEACT_JSTACK;
  /** {@code DTRACEACT_SYM}. */
  public static final int SYM = DTRACEACT_SYM;
  /** {@code DTRACEACT_MOD}. */
  public static final int MOD = DTRACEACT_MOD;
  /** {@code DTRACEACT_USYM}. */
  public static final int USYM = DTRACEACT_USYM;
  /** {@code DTRACEACT_UMOD}. */
  public static final int UMOD = DTRACEACT_UMOD;
  /** {@code DTRACEACT_UADDR}. */
  public static final int UADDR = DTRACEACT_UADDR;

  /** @param kind an action kind @return whether it is one of the stack actions */
  public static boolean isStack(int kind) {
    return kind == STACK || kind == USTACK || kind == JSTACK;
  }

  /** @param kind an action kind @return whether its record is (pid, pc) */
  public static boolean isUser(int kind) {
    return kind == USYM || kind == UMOD || kind == UADDR;
  }

  /** @param kind an action kind @return whether it is a symbolic action */
  public static boolean isSymbolic(int kind) {
    return isStack(kind) || isUser(kind) || kind == SYM || kind == MOD;
  }

  /** @return the record size dtrace gives it (frames, plus the pid slot of a user stack) */
  public int size() {
    return words.length * 8;
  }

  /**
   * Orders two records as dt_aggregate_keycmp does: by size, then by (pid, pc) for
   * usym/umod/uaddr, as an unsigned 64-bit value for 8-byte records, else byte by byte.
   *
   * @param o the other record
   * @return the comparison
   */
  public int compare(Symbolic o) {
    if (size() != o.size()) {
      return Integer.compare(size(), o.size());
    }
    if (words.length == 1 || isUser(kind)) {
      for (int i = 0; i < words.length; i++) {
        int c = Long.compareUnsigned(words[i], o.words[i]);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    }
    for (int i = 0; i < words.length; i++) {
      // little-endian bytes compare low byte first
      long a = Long.reverseBytes(words[i]);
      long b = Long.reverseBytes(o.words[i]);
      int c = Long.compareUnsigned(a, b);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @Override public String toString() {
    StringBuilder sb = new StringBuilder();
    printer.print(sb, this);
    return sb.toString();
  }
}

package org.hypertrace.engine.consume;

/**
 * Prints stacks and symbolic addresses as dtrace(1) does: port of dt_consume.c's
 * {@code dt_print_stack}, {@code dt_print_ustack}, {@code dt_print_sym}, {@code dt_print_mod},
 * {@code dt_print_usym} and {@code dt_print_umod}, and of dt_subr.c's {@code dtrace_addr2str}
 * and {@code dtrace_uaddr2str}, over the symbols a {@link SymbolCache} learnt at the firings.
 *
 * <p>Frames print as {@code module`function+0xoff} ({@code module`function} at offset 0),
 * {@code module`0xpc} when only the module is known, and {@code 0xpc} otherwise.
 */
public final class StackPrinter {
  /** dtrace's default indentation of stack frames ({@code _dtrace_stkindent}). */
  public static final int STACK_INDENT = 14;
  /** Width of sym()/mod()/usym()/umod()/uaddr() records ({@code "  %-50s"}). */
  static final int SYM_WIDTH = 50;

  private final SymbolCache symbols;
  /** The stackindent option. */
  public int indent = STACK_INDENT;

  /** @param symbols where the pcs' symbols were learnt */
  public StackPrinter(SymbolCache symbols) {
    this.symbols = symbols;
  }

  /** @return the cache this printer reads */
  public SymbolCache symbols() {
    return symbols;
  }

  private static String hex(long pc) {
    return "0x" + Long.toHexString(pc);
  }

  /**
   * A frame with its offset: {@code dtrace_addr2str} / {@code dtrace_uaddr2str}.
   *
   * @param pc    the address
   * @param space {@link SymbolCache#KERNEL} or the pid
   * @return the text
   */
  public String frame(long pc, int space) {
    Symbol s = Symbol.parse(symbols.text(pc, space));
    if (s == null) {
      return hex(pc);
    }
    if (s.function() == null) {
      return s.module() + "`" + hex(pc);
    }
    return s.module() + "`" + s.function() + (s.offset() == 0 ? "" : "+" + hex(s.offset()));
  }

  /**
   * The text of {@code sym()}: the function without offset ({@code dt_print_sym}).
   *
   * @param pc    the address
   * @param space {@link SymbolCache#KERNEL}, or the pid for usym()/ufunc()
   * @return the text
   */
  public String function(long pc, int space) {
    Symbol s = Symbol.parse(symbols.text(pc, space));
    if (s == null) {
      return hex(pc);
    }
    return s.module() + "`" + (s.function() == null ? hex(pc) : s.function());
  }

  /**
   * The text of {@code mod()} and {@code umod()} ({@code dt_print_mod}, {@code dt_print_umod}).
   *
   * @param pc    the address
   * @param space {@link SymbolCache#KERNEL} or the pid
   * @return the module, or the address in hex
   */
  public String module(long pc, int space) {
    Symbol s = Symbol.parse(symbols.text(pc, space));
    return s == null ? hex(pc) : s.module();
  }

  /**
   * Prints a stack: a newline, then one frame a line, each after the indentation, stopping at
   * the first zero pc ({@code dt_print_stack}, {@code dt_print_ustack} without helper strings).
   *
   * @param sb     output
   * @param pcs    frames
   * @param from   index of the first frame in pcs
   * @param n      number of frame slots
   * @param space  {@link SymbolCache#KERNEL} or the pid
   * @param indent spaces before each frame
   * @param width  width each frame is padded to (the conversion's), or -1
   * @param left   whether that padding is on the right
   */
  public void stack(StringBuilder sb, long[] pcs, int from, int n, int space, int indent,
      int width, boolean left) {
    sb.append('\n');
    for (int i = from; i < from + n && i < pcs.length && pcs[i] != 0; i++) {
      for (int j = 0; j < indent; j++) {
        sb.append(' ');
      }
      sb.append(DPrintf.pad(frame(pcs[i], space), width, left, false)).append('\n');
    }
  }

  /**
   * Prints a symbolic record as a trace record or an aggregation key does (no format).
   *
   * @param sb output
   * @param v  the record
   */
  public void print(StringBuilder sb, Symbolic v) {
    long[] w = v.words();
    switch (v.kind()) {
      case Symbolic.STACK -> stack(sb, w, 0, w.length, SymbolCache.KERNEL, indent, -1, false);
      case Symbolic.USTACK, Symbolic.JSTACK -> {
        if (w.length > 1) {
          stack(sb, w, 1, w.length - 1, (int) w[0], indent, -1, false);
        }
      }
      default -> sb.append("  ").append(DPrintf.pad(text(v), SYM_WIDTH, true, false));
    }
  }

  /**
   * @param v a sym/mod/usym/umod/uaddr record
   * @return what it prints before padding
   */
  public String text(Symbolic v) {
    long[] w = v.words();
    return switch (v.kind()) {
      case Symbolic.SYM -> function(w[0], SymbolCache.KERNEL);
      case Symbolic.MOD -> module(w[0], SymbolCache.KERNEL);
      case Symbolic.USYM -> function(w[1], (int) w[0]);
      case Symbolic.UMOD -> module(w[1], (int) w[0]);
      case Symbolic.UADDR -> frame(w[1], (int) w[0]);
      default -> hex(w.length > 0 ? w[w.length - 1] : 0);
    };
  }
}

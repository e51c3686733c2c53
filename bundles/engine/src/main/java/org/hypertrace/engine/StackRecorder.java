package org.hypertrace.engine;

import static org.hypertrace.api.dtrace.DTraceConstants.*;

import org.hypertrace.api.provider.ProbeContext;
import org.hypertrace.engine.consume.StackPrinter;
import org.hypertrace.engine.consume.SymbolCache;
import org.hypertrace.engine.consume.Symbolic;
import org.hypertrace.engine.consume.Value;
import org.hypertrace.engine.vars.TupleKey;

/**
 * Records the stack and sym-like actions of a firing: the kernel's {@code DTRACEACT_STACK},
 * {@code _USTACK}/{@code _JSTACK} and {@code _SYM}.. {@code _UADDR} cases of dtrace_probe
 * ({@code dtrace_getpcstack}, {@code dtrace_getupcstack}, the (pid, pc) records) over what the
 * provider captured, with the default depths of dtrace_ecb_action_add.
 *
 * <p>The firing's context answers stacks and symbols only during the firing: the pcs are copied
 * into the record (formatted at once, the engine's records being consumed as they commit) or
 * into the aggregation key, and their symbols are learnt into the session's {@link SymbolCache}
 * for printing later. Building the key of an existing entry allocates nothing.
 */
final class StackRecorder {
  /** dtrace_stackframes_default, dtrace_ustackframes_default, dtrace_jstackframes_default. */
  static final int STACKFRAMES = 20;
  static final int USTACKFRAMES = 20;
  static final int JSTACKFRAMES = 50;
  /** Frames a record holds at most (the kernel's stack maps hold 127). */
  static final int MAX_FRAMES = 1024;

  private final Options options;
  private final StackPrinter printer;
  private final SymbolCache symbols;
  private long[] pcs = new long[64];
  private long[] words = new long[65];

  StackRecorder(Options options, StackPrinter printer) {
    this.options = options;
    this.printer = printer;
    this.symbols = printer.symbols();
  }

  /**
   * The frames a stack action records: its argument, else the stackframes, ustackframes or
   * jstackframes option, else dtrace's default.
   *
   * @param kind {@code DTRACEACT_STACK}, {@code _USTACK} or {@code _JSTACK}
   * @param arg  the action's argument (frames; nframes &lt;&lt; 32 | strsize for user stacks)
   * @return frames
   */
  int frames(int kind, long arg) {
    long n = kind == DTRACEACT_STACK ? arg : arg >>> 32;
    if (n <= 0) {
      String opt = kind == DTRACEACT_STACK ? "stackframes"
          : kind == DTRACEACT_JSTACK ? "jstackframes" : "ustackframes";
      long def = kind == DTRACEACT_STACK ? STACKFRAMES
          : kind == DTRACEACT_JSTACK ? JSTACKFRAMES : USTACKFRAMES;
      n = options.number(opt, def);
      n = n <= 0 ? def : n;
    }
    return (int) Math.min(n, MAX_FRAMES);
  }

  /**
   * Fills the scratch words with a stack record: the frames, or the pid then the frames, zero
   * after the last captured frame.
   *
   * @return the number of words
   */
  private int capture(ProbeContext ctx, int kind, int n) {
    boolean user = kind != DTRACEACT_STACK;
    int len = n + (user ? 1 : 0);
    if (pcs.length < n) {
      pcs = new long[n];
    }
    if (words.length < len) {
      words = new long[len];
    }
    int got = 0;
    int pid = 0;
    if (ctx != null) {
      got = Math.min(n, user ? ctx.userStack(pcs) : ctx.kernelStack(pcs));
      pid = ctx.pid();
    }
    int off = 0;
    if (user) {
      words[0] = pid;
      off = 1;
    }
    System.arraycopy(pcs, 0, words, off, Math.max(0, got));
    for (int i = off + Math.max(0, got); i < len; i++) {
      words[i] = 0;
    }
    if (got > 0) {
      symbols.learn(pcs, got, user ? pid : SymbolCache.KERNEL, ctx);
    }
    return len;
  }

  /**
   * The trace record of a stack(), ustack() or jstack() step, printed as dt_print_stack and
   * dt_print_ustack print it.
   *
   * @param sb  the record's output
   * @param st  the step
   * @param ctx the firing
   */
  void stack(StringBuilder sb, Step st, ProbeContext ctx) {
    if (st.frames == 0) {
      st.frames = frames(st.kind, st.arg);
    }
    int len = capture(ctx, st.kind, st.frames);
    printer.print(sb, new Symbolic(st.kind, java.util.Arrays.copyOf(words, len), printer));
  }

  /**
   * The record of a sym(), mod(), usym(), umod() or uaddr() step.
   *
   * @param kind the action
   * @param pc   the evaluated address
   * @param ctx  the firing
   * @return the record
   */
  Symbolic symbolic(int kind, long pc, ProbeContext ctx) {
    if (Symbolic.isUser(kind)) {
      int pid = ctx == null ? 0 : ctx.pid();
      symbols.learn(pc, pid, ctx);
      return new Symbolic(kind, new long[] {pid, pc}, printer);
    }
    symbols.learn(pc, SymbolCache.KERNEL, ctx);
    return new Symbolic(kind, new long[] {pc}, printer);
  }

  /**
   * A printf argument: an address printed by {@code %a} or {@code %A} becomes a sym or uaddr
   * record whose symbol is learnt now.
   *
   * @param conv the conversion consuming it
   * @param v    the argument
   * @param ctx  the firing
   * @return the argument to format
   */
  Value printfArg(char conv, Value v, ProbeContext ctx) {
    if ((conv != 'a' && conv != 'A') || v.isString() || v.bytes() != null) {
      return v;
    }
    long pc = v.size() == 4 ? v.value() & 0xffffffffL : v.value();
    return Value.of(symbolic(conv == 'a' ? DTRACEACT_SYM : DTRACEACT_UADDR, pc, ctx));
  }

  /**
   * The keys printa() formats: a plain integer key that a {@code %a} conversion prints becomes
   * a sym record, printed with the kernel symbol learnt when it was aggregated.
   *
   * @param format the printa format
   * @param keys   the entry's keys
   * @return the keys to format
   */
  java.util.List<Value> addressKeys(org.hypertrace.engine.consume.DPrintf format,
      java.util.List<Value> keys) {
    java.util.List<Value> out = new java.util.ArrayList<>(keys);
    for (int i = 0; i < out.size(); i++) {
      Value v = out.get(i);
      if (format.argConversion(i) == 'a' && v.symbolic() == null && !v.isString()
          && v.bytes() == null) {
        long pc = v.size() == 4 ? v.value() & 0xffffffffL : v.value();
        out.set(i, Value.of(new Symbolic(DTRACEACT_SYM, new long[] {pc}, printer)));
      }
    }
    return out;
  }

  /**
   * Adds a stack or sym-like key to an aggregation key: the captured frames, or the address
   * rounded as dt_aggregate.c rounds sym/mod/usym/umod keys (to its function, its module).
   *
   * @param k      the key being built
   * @param kind   the key's action
   * @param frames the frames of a stack key ({@link #frames})
   * @param pc     the evaluated address (sym-like keys)
   * @param ctx    the firing
   */
  void key(TupleKey k, int kind, int frames, long pc, ProbeContext ctx) {
    if (Symbolic.isStack(kind)) {
      k.addWords(words, capture(ctx, kind, frames));
      return;
    }
    int space = SymbolCache.KERNEL;
    int n = 1;
    if (Symbolic.isUser(kind)) {
      space = ctx == null ? 0 : ctx.pid();
      words[0] = space;
      n = 2;
    }
    symbols.learn(pc, space, ctx);
    long v = kind == DTRACEACT_SYM || kind == DTRACEACT_USYM ? symbols.start(pc, space)
        : kind == DTRACEACT_MOD || kind == DTRACEACT_UMOD ? symbols.base(pc, space) : pc;
    words[n - 1] = v;
    k.addWords(words, n);
  }
}

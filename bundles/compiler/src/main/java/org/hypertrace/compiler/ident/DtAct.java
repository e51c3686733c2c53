package org.hypertrace.compiler.ident;

/**
 * Library action codes ({@code DT_ACT_*}, dt_impl.h): identifiers of D's action functions, and
 * the {@code dtad_arg} of DTRACEACT_LIBACT actions. They start after the last subroutine.
 */
public final class DtAct {
  private DtAct() {}

  /** DT_ACT_BASE = DIF_SUBR_MAX + 1. */
  public static final int DT_ACT_BASE = org.hypertrace.api.dif.DifConstants.DIF_SUBR_MAX + 1;
  public static final int DT_ACT_PRINTF = DT_ACT_BASE;
  public static final int DT_ACT_TRACE = DT_ACT_BASE + 1;
  public static final int DT_ACT_TRACEMEM = DT_ACT_BASE + 2;
  public static final int DT_ACT_STACK = DT_ACT_BASE + 3;
  public static final int DT_ACT_STOP = DT_ACT_BASE + 4;
  public static final int DT_ACT_BREAKPOINT = DT_ACT_BASE + 5;
  public static final int DT_ACT_PANIC = DT_ACT_BASE + 6;
  public static final int DT_ACT_SPECULATE = DT_ACT_BASE + 7;
  public static final int DT_ACT_COMMIT = DT_ACT_BASE + 8;
  public static final int DT_ACT_DISCARD = DT_ACT_BASE + 9;
  public static final int DT_ACT_CHILL = DT_ACT_BASE + 10;
  public static final int DT_ACT_EXIT = DT_ACT_BASE + 11;
  public static final int DT_ACT_USTACK = DT_ACT_BASE + 12;
  public static final int DT_ACT_PRINTA = DT_ACT_BASE + 13;
  public static final int DT_ACT_RAISE = DT_ACT_BASE + 14;
  public static final int DT_ACT_CLEAR = DT_ACT_BASE + 15;
  public static final int DT_ACT_NORMALIZE = DT_ACT_BASE + 16;
  public static final int DT_ACT_DENORMALIZE = DT_ACT_BASE + 17;
  public static final int DT_ACT_TRUNC = DT_ACT_BASE + 18;
  public static final int DT_ACT_SYSTEM = DT_ACT_BASE + 19;
  public static final int DT_ACT_JSTACK = DT_ACT_BASE + 20;
  public static final int DT_ACT_FTRUNCATE = DT_ACT_BASE + 21;
  public static final int DT_ACT_FREOPEN = DT_ACT_BASE + 22;
  public static final int DT_ACT_SYM = DT_ACT_BASE + 23;
  public static final int DT_ACT_MOD = DT_ACT_BASE + 24;
  public static final int DT_ACT_USYM = DT_ACT_BASE + 25;
  public static final int DT_ACT_UMOD = DT_ACT_BASE + 26;
  public static final int DT_ACT_UADDR = DT_ACT_BASE + 27;
  public static final int DT_ACT_SETOPT = DT_ACT_BASE + 28;
  public static final int DT_ACT_PRINT = DT_ACT_BASE + 29;
}

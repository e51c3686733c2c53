package org.hypertrace.compiler;

import java.util.List;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DErrorTag;
import org.hypertrace.compiler.cook.T;
import org.hypertrace.compiler.ident.Ident;
import org.hypertrace.compiler.lex.Pcb;

/**
 * The parameter checks and encodings of lquantize() and llquantize(): port of the
 * DTRACEAGG_LQUANTIZE and DTRACEAGG_LLQUANTIZE parts of dt_cc.c {@code dt_compile_agg}, with the
 * DTRACE_LQUANTIZE_* and DTRACE_LLQUANTIZE_* layouts of sys/dtrace.h. The first use of an
 * aggregation fixes its parameters; later uses must match.
 */
final class Quantize {
  static final int LQ_STEPSHIFT = 48;
  static final int LQ_LEVELSHIFT = 32;
  static final long LQ_BASEMASK = 0xffffffffL;
  static final int LLQ_FACTORSHIFT = 48;
  static final int LLQ_LOWSHIFT = 32;
  static final int LLQ_HIGHSHIFT = 16;
  static final int LLQ_NSTEPSHIFT = 0;

  private Quantize() {}

  static long lquantize(Pcb pcb, T.Agg a, List<T> fargs) throws DCompileException {
    T arg1 = fargs.get(1);
    T arg2 = fargs.get(2);
    T arg3 = fargs.size() > 3 ? fargs.get(3) : null;
    if (!(arg1 instanceof T.Int i1)) {
      throw pcb.error(DErrorTag.D_LQUANT_BASETYPE, arg1.line(),
          "lquantize( ) argument #1 must be an integer constant\n");
    }
    long baseval = i1.value();
    if (baseval < Integer.MIN_VALUE || baseval > Integer.MAX_VALUE) {
      throw pcb.error(DErrorTag.D_LQUANT_BASEVAL, arg1.line(),
          "lquantize( ) argument #1 must be a 32-bit quantity\n");
    }
    if (!(arg2 instanceof T.Int i2)) {
      throw pcb.error(DErrorTag.D_LQUANT_LIMTYPE, arg2.line(),
          "lquantize( ) argument #2 must be an integer constant\n");
    }
    long limitval = i2.value();
    if (limitval < Integer.MIN_VALUE || limitval > Integer.MAX_VALUE) {
      throw pcb.error(DErrorTag.D_LQUANT_LIMVAL, arg2.line(),
          "lquantize( ) argument #2 must be a 32-bit quantity\n");
    }
    if (limitval < baseval) {
      throw pcb.error(DErrorTag.D_LQUANT_MISMATCH, a.line(),
          "lquantize( ) base (argument #1) must be less than limit (argument #2)\n");
    }
    long step = 1;
    if (arg3 != null) {
      if (!Actions.isPosConst(arg3)) {
        throw pcb.error(DErrorTag.D_LQUANT_STEPTYPE, arg3.line(), "lquantize( ) argument #3 "
            + "must be a non-zero positive integer constant\n");
      }
      step = ((T.Int) arg3).value();
      if (Long.compareUnsigned(step, 0xffff) > 0) {
        throw pcb.error(DErrorTag.D_LQUANT_STEPVAL, arg3.line(),
            "lquantize( ) argument #3 must be a 16-bit quantity\n");
      }
    }
    long nlevels = Long.divideUnsigned(limitval - baseval, step);
    if (nlevels == 0) {
      throw pcb.error(DErrorTag.D_LQUANT_STEPLARGE, a.line(), "lquantize( ) step (argument #3) "
          + "too large: must have at least one quantization level\n");
    }
    if (Long.compareUnsigned(nlevels, 0xffff) > 0) {
      throw pcb.error(DErrorTag.D_LQUANT_STEPSMALL, a.line(), "lquantize( ) step (argument #3) "
          + "too small: number of quantization levels must be a 16-bit quantity\n");
    }
    long arg = (step << LQ_STEPSHIFT) | (nlevels << LQ_LEVELSHIFT) | (baseval & LQ_BASEMASK);
    Ident aid = a.ident();
    if (aid.auxInfo() == 0) {
      aid.setAuxInfo(arg);
    } else if (aid.auxInfo() != arg) {
      long oarg = aid.auxInfo();
      int obase = (int) (oarg & LQ_BASEMASK);
      int olevels = (int) ((oarg >>> LQ_LEVELSHIFT) & 0xffff);
      int ostep = (int) ((oarg >>> LQ_STEPSHIFT) & 0xffff);
      if (obase != baseval) {
        throw pcb.error(DErrorTag.D_LQUANT_MATCHBASE, a.line(), "lquantize( ) base (argument "
            + "#1) doesn't match previous declaration: expected %d, found %d\n", obase,
            (int) baseval);
      }
      if ((long) olevels * ostep != nlevels * step) {
        throw pcb.error(DErrorTag.D_LQUANT_MATCHLIM, a.line(), "lquantize( ) limit (argument "
            + "#2) doesn't match previous declaration: expected %d, found %d\n",
            obase + olevels * ostep, (int) baseval + (int) nlevels * (int) step);
      }
      throw pcb.error(DErrorTag.D_LQUANT_MATCHSTEP, a.line(), "lquantize( ) step (argument #3) "
          + "doesn't match previous declaration: expected %d, found %d\n", ostep, (int) step);
    }
    return arg;
  }

  static long llquantize(Pcb pcb, T.Agg a, List<T> fargs) throws DCompileException {
    String[] names = {"factor", "low magnitude", "high magnitude", "linear steps per magnitude"};
    DErrorTag[][] tags = {
        {DErrorTag.D_LLQUANT_FACTORTYPE, DErrorTag.D_LLQUANT_FACTORVAL,
            DErrorTag.D_LLQUANT_FACTORMATCH},
        {DErrorTag.D_LLQUANT_LOWTYPE, DErrorTag.D_LLQUANT_LOWVAL, DErrorTag.D_LLQUANT_LOWMATCH},
        {DErrorTag.D_LLQUANT_HIGHTYPE, DErrorTag.D_LLQUANT_HIGHVAL,
            DErrorTag.D_LLQUANT_HIGHMATCH},
        {DErrorTag.D_LLQUANT_NSTEPTYPE, DErrorTag.D_LLQUANT_NSTEPVAL,
            DErrorTag.D_LLQUANT_NSTEPMATCH}};
    int[] shifts = {LLQ_FACTORSHIFT, LLQ_LOWSHIFT, LLQ_HIGHSHIFT, LLQ_NSTEPSHIFT};
    long[] v = new long[4];
    long arg = 0;
    for (int i = 0; i < 4; i++) {
      T t = fargs.get(i + 1);
      if (!(t instanceof T.Int ti)) {
        throw pcb.error(tags[i][0], t.line(), "llquantize( ) argument #%d (%s) must be an "
            + "integer constant\n", i + 1, names[i]);
      }
      if (Long.compareUnsigned(ti.value(), 0xffff) > 0) {
        throw pcb.error(tags[i][1], t.line(), "llquantize( ) argument #%d (%s) must be an "
            + "unsigned 16-bit quantity\n", i + 1, names[i]);
      }
      v[i] = ti.value();
      arg |= v[i] << shifts[i];
    }
    if (v[0] < 2) {
      throw pcb.error(DErrorTag.D_LLQUANT_FACTORSMALL, a.line(),
          "llquantize( ) factor (argument #1) must be two or more\n");
    }
    if (v[1] >= v[2]) {
      throw pcb.error(DErrorTag.D_LLQUANT_MAGRANGE, a.line(), "llquantize( ) high magnitude "
          + "(argument #3) must be greater than low magnitude (argument #2)\n");
    }
    if (v[3] < v[0]) {
      throw pcb.error(DErrorTag.D_LLQUANT_FACTORNSTEPS, a.line(), "llquantize( ) factor "
          + "(argument #1) must be less than or equal to the number of linear steps per "
          + "magnitude (argument #4)\n");
    }
    long p = v[0];
    while (p < v[3]) {
      p *= v[0];
    }
    if (v[3] % v[0] != 0 || p % v[3] != 0) {
      throw pcb.error(DErrorTag.D_LLQUANT_FACTOREVEN, a.line(), "llquantize( ) factor "
          + "(argument #1) must evenly divide the number of steps per magnitude (argument #4), "
          + "and the number of steps per magnitude must evenly divide a power of the factor\n");
    }
    long order = 1;
    for (int i = 0; i < v[2]; i++) {
      if (Long.compareUnsigned(order * v[0], order) > 0
          && Long.divideUnsigned(order * v[0], v[0]) == order) {
        order *= v[0];
        continue;
      }
      throw pcb.error(DErrorTag.D_LLQUANT_MAGTOOBIG, a.line(), "llquantize( ) factor (%d) "
          + "raised to power of high magnitude (%d) overflows 64-bits\n", v[0], v[2]);
    }
    Ident aid = a.ident();
    if (aid.auxInfo() == 0) {
      aid.setAuxInfo(arg);
    } else if (aid.auxInfo() != arg) {
      long oarg = aid.auxInfo();
      for (int i = 0; i < 4; i++) {
        long exp = (oarg >>> shifts[i]) & 0xffff;
        long found = (arg >>> shifts[i]) & 0xffff;
        if (exp != found) {
          throw pcb.error(tags[i][2], a.line(), "llquantize( ) %s (argument #%d) doesn't match "
              + "previous declaration: expected %d, found %d\n", names[i], i + 1, exp, found);
        }
      }
    }
    return arg;
  }
}

package org.hypertrace.compiler;

import static org.hypertrace.api.dtrace.DTraceConstants.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DErrorTag;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifType;
import org.hypertrace.api.program.ActionDescription;
import org.hypertrace.api.program.AggregationDescription;
import org.hypertrace.compiler.cook.T;
import org.hypertrace.compiler.decl.DType;
import org.hypertrace.compiler.decl.TypeRules;
import org.hypertrace.compiler.ident.DtAct;
import org.hypertrace.compiler.ident.Ident;
import org.hypertrace.compiler.ident.IdentKind;
import org.hypertrace.compiler.lex.Pcb;

/**
 * The action helpers of dt_cc.c that take more than a few lines: {@code dt_action_printa},
 * {@code dt_action_stack_args}, {@code dt_action_ustack_args}, {@code dt_action_tracemem},
 * {@code dt_action_clear}/{@code normalize}/{@code trunc} and {@code dt_compile_agg} with the
 * lquantize/llquantize parameter checks and encodings of dtrace.h.
 */
final class Actions {
  private Actions() {}

  static boolean isPosConst(T t) {
    return t instanceof T.Int i && i.value() != 0 && (!i.type().isSigned() || i.value() > 0);
  }

  static ActionDescription stack(ClauseCompiler cc, Pcb pcb, Map<String, String> options,
      List<T> args, int line) throws DCompileException {
    long frames = 0;
    String sf = options.get("stackframes");
    if (sf != null && !sf.isEmpty()) {
      frames = Options.parseC(sf);
    }
    if (!args.isEmpty()) {
      T a = args.get(0);
      if (args.size() > 1) {
        throw pcb.error(DErrorTag.D_STACK_PROTO, a.line(),
            "stack( ) prototype mismatch: too many arguments\n");
      }
      if (!isPosConst(a)) {
        throw pcb.error(DErrorTag.D_STACK_SIZE, a.line(), "stack( ) size must be a non-zero "
            + "positive integral constant expression\n");
      }
      frames = ((T.Int) a).value();
    }
    return ClauseCompiler.act(DTRACEACT_STACK, null, frames);
  }

  static ActionDescription ustack(Pcb pcb, Map<String, String> options, Ident fn,
      List<T> args, int line) throws DCompileException {
    boolean j = fn.id() == DtAct.DT_ACT_JSTACK;
    long nframes = 0;
    long strsize = 0;
    String o = options.get(j ? "jstackframes" : "ustackframes");
    if (o != null && !o.isEmpty()) {
      nframes = Options.parseC(o);
    }
    if (j) {
      String s = options.get("jstackstrsize");
      if (s != null && !s.isEmpty()) {
        strsize = Options.parseSize(s);
      }
    }
    if (!args.isEmpty()) {
      T a0 = args.get(0);
      if (!isPosConst(a0)) {
        throw pcb.error(DErrorTag.D_USTACK_FRAMES, a0.line(), "ustack( ) argument #1 must be a "
            + "non-zero positive integer constant\n");
      }
      nframes = ((T.Int) a0).value() & 0xffffffffL;
    }
    if (args.size() > 1) {
      T a1 = args.get(1);
      if (!(a1 instanceof T.Int i1) || i1.type().isSigned() && i1.value() < 0) {
        throw pcb.error(DErrorTag.D_USTACK_STRSIZE, a1.line(), "ustack( ) argument #2 must be "
            + "a positive integer constant\n");
      }
      if (args.size() > 2) {
        throw pcb.error(DErrorTag.D_USTACK_PROTO, a1.line(),
            "ustack( ) prototype mismatch: too many arguments\n");
      }
      strsize = i1.value() & 0xffffffffL;
    }
    return ClauseCompiler.act(j ? DTRACEACT_JSTACK : DTRACEACT_USTACK, null,
        (nframes << 32) | strsize);
  }

  static void tracemem(ClauseCompiler cc, Pcb pcb, List<T> args, int line,
      List<ActionDescription> out) throws DCompileException {
    T addr = args.get(0);
    T max = args.get(1);
    if (!TypeRules.isInteger(addr.type()) && !TypeRules.isPointer(addr.type())) {
      throw pcb.error(DErrorTag.D_TRACEMEM_ADDR, addr.line(), "tracemem( ) argument #1 is "
          + "incompatible with prototype:\n\tprototype: pointer or integer\n\t argument: %s\n",
          addr.type());
    }
    if (!isPosConst(max)) {
      throw pcb.error(DErrorTag.D_TRACEMEM_SIZE, max.line(), "tracemem( ) argument #2 must be "
          + "a non-zero positive integral constant expression\n");
    }
    if (args.size() > 2) {
      T size = args.get(2);
      if (args.size() > 3) {
        throw pcb.error(DErrorTag.D_TRACEMEM_ARGS, size.line(),
            "tracemem ( ) prototype mismatch: expected at most 3 args\n");
      }
      if (!TypeRules.isScalar(size.type())) {
        throw pcb.error(DErrorTag.D_TRACEMEM_DYNSIZE, size.line(), "tracemem ( ) dynamic size "
            + "(argument #3) must be of scalar type\n");
      }
      DifObject d = cc.cg(size, ClauseCompiler.INT_RTYPE);
      out.add(ClauseCompiler.act(DTRACEACT_TRACEMEM_DYNSIZE, d, 0));
    }
    DifObject d = cc.cg(addr, null);
    DifType r = d.returnType();
    DifType nr = new DifType(r.kind(), r.ckind(),
        r.flags() | org.hypertrace.api.dif.DifConstants.DIF_TF_BYREF, (int) ((T.Int) max).value());
    out.add(ClauseCompiler.act(DTRACEACT_TRACEMEM, new DifObject(d.text(), d.intTab(),
        d.strTab(), d.varTab(), nr, d.relocations()), 0));
  }

  private static String argName(T t) {
    if (t instanceof T.Agg) {
      return "aggregation";
    }
    return t.type() == TypeRules.DYN ? "<DYN>" : String.valueOf(t.type());
  }

  static void printa(ClauseCompiler cc, Pcb pcb, T.Call c, List<ActionDescription> out)
      throws DCompileException {
    List<T> args = c.args();
    String name = c.fn().name();
    String format = null;
    int start = 0;
    int argr = 1;
    if (!args.isEmpty() && args.get(0) instanceof T.Str s) {
      format = s.value();
      start = 1;
      argr = 2;
    }
    if (args.size() < argr) {
      throw pcb.error(DErrorTag.D_PRINTA_PROTO, c.line(), "%s( ) prototype mismatch: %d args "
          + "passed, %d expected\n", name, args.size(), argr);
    }
    T.Agg proto = null;
    for (int i = start; i < args.size(); i++, argr++) {
      T a = args.get(i);
      if (!(a instanceof T.Agg agg)) {
        throw pcb.error(DErrorTag.D_PRINTA_AGGARG, c.line(), "%s( ) argument #%d is "
            + "incompatible with prototype:\n\tprototype: aggregation\n\t argument: %s\n", name,
            argr, argName(a));
      }
      Ident aid = agg.ident();
      if ((aid.flags() & Ident.MOD) == 0) {
        throw pcb.error(DErrorTag.D_PRINTA_AGGBAD, c.line(), "undefined aggregation: @%s\n",
            aid.name());
      }
      if (proto != null) {
        List<DType> l = proto.ident().signature();
        List<DType> r = aid.signature();
        int ln = l == null ? 0 : l.size();
        int rn = r == null ? 0 : r.size();
        if (ln != rn) {
          throw pcb.error(DErrorTag.D_PRINTA_AGGKEY, c.line(), "printa( ): @%s and @%s must "
              + "have the same number of keys\n", proto.ident().name(), aid.name());
        }
        for (int k = 0; k < ln; k++) {
          if (!TypeRules.compat(l.get(k), r.get(k)) && !(TypeRules.isInteger(l.get(k))
              && TypeRules.isInteger(r.get(k)))) {
            throw pcb.error(DErrorTag.D_PRINTA_AGGPROTO, c.line(), "printa( ): key #%d "
                + "incompatible with key #%d of @%s\n", k + 1, k + 1, proto.ident().name());
          }
        }
      } else {
        proto = agg;
      }
      if (format != null) {
        List<DType> keys = aid.signature() == null ? List.of() : aid.signature();
        int fkind = aid.aggFunc() == null ? 0 : aid.aggFunc().id();
        format = new PrintfChecker(pcb, cc_types(cc)).check(c.line(), name, format, keys, false,
            true, fkind);
      }
      out.add(new ActionDescription(DTRACEACT_PRINTA, ClauseCompiler.difconst(aid.id()), 0, 0,
          aid.id(), i == start ? format : null, null));
      format = null;
    }
  }

  private static org.hypertrace.compiler.decl.TypeTable cc_types(ClauseCompiler cc) {
    return cc.types();
  }

  /** clear(), normalize(), denormalize(), trunc(). */
  static void aggop(ClauseCompiler cc, Pcb pcb, Ident fn, List<T> args, int line,
      List<ActionDescription> out) throws DCompileException {
    String name = fn.name();
    int id = fn.id();
    int argc = args.size();
    DErrorTag proto;
    DErrorTag aggarg;
    DErrorTag aggbad;
    if (id == DtAct.DT_ACT_CLEAR) {
      proto = DErrorTag.D_CLEAR_PROTO;
      aggarg = DErrorTag.D_CLEAR_AGGARG;
      aggbad = DErrorTag.D_CLEAR_AGGBAD;
      if (argc != 1) {
        throw pcb.error(proto, line, "%s( ) prototype mismatch: %d args passed, 1 expected\n",
            name, argc);
      }
    } else if (id == DtAct.DT_ACT_TRUNC) {
      proto = DErrorTag.D_TRUNC_PROTO;
      aggarg = DErrorTag.D_TRUNC_AGGARG;
      aggbad = DErrorTag.D_TRUNC_AGGBAD;
      if (argc > 2 || argc < 1) {
        throw pcb.error(proto, line, "%s( ) prototype mismatch: %d args passed, %s expected\n",
            name, argc, argc < 1 ? "at least 1" : "no more than 2");
      }
    } else {
      boolean denormal = id == DtAct.DT_ACT_DENORMALIZE;
      proto = DErrorTag.D_NORMALIZE_PROTO;
      aggarg = DErrorTag.D_NORMALIZE_AGGARG;
      aggbad = DErrorTag.D_NORMALIZE_AGGBAD;
      if (denormal && argc != 1 || !denormal && argc != 2) {
        throw pcb.error(proto, line, "%s( ) prototype mismatch: %d args passed, %d expected\n",
            name, argc, denormal ? 1 : 2);
      }
    }
    T a = args.get(0);
    if (!(a instanceof T.Agg agg)) {
      throw pcb.error(aggarg, line, "%s( ) argument #1 is incompatible with prototype:\n"
          + "\tprototype: aggregation\n\t argument: %s\n", name, argName(a));
    }
    if (id == DtAct.DT_ACT_NORMALIZE && !TypeRules.isScalar(args.get(1).type())) {
      throw pcb.error(DErrorTag.D_NORMALIZE_SCALAR, line,
          "%s( ) argument #2 must be of scalar type\n", name);
    }
    if (id == DtAct.DT_ACT_TRUNC && argc == 2 && !TypeRules.isScalar(args.get(1).type())) {
      throw pcb.error(DErrorTag.D_TRUNC_SCALAR, line,
          "%s( ) argument #2 must be of scalar type\n", name);
    }
    Ident aid = agg.ident();
    if ((aid.flags() & Ident.MOD) == 0) {
      throw pcb.error(aggbad, line, "undefined aggregation: @%s\n", aid.name());
    }
    out.add(new ActionDescription(DTRACEACT_LIBACT, ClauseCompiler.difconst(aid.id()), 0, id, 0,
        null, null));
    if (id == DtAct.DT_ACT_NORMALIZE) {
      out.add(new ActionDescription(DTRACEACT_LIBACT, cc.cg(args.get(1), null), 0, id, 0, null,
          null));
    } else if (id == DtAct.DT_ACT_TRUNC) {
      DifObject d = argc == 1 ? ClauseCompiler.difconst(0) : cc.cg(args.get(1), null);
      out.add(new ActionDescription(DTRACEACT_LIBACT, d, 0, id, 0, null, null));
    }
  }

  // ---------------------------------------------------------------- aggregations

  /** dt_compile_agg. */
  static void aggregation(ClauseCompiler cc, Pcb pcb, T.Agg a, List<ActionDescription> out,
      List<AggregationDescription> aggs) throws DCompileException {
    Ident aid = a.ident();
    if (a.fun() == null) {
      throw pcb.error(DErrorTag.D_AGG_NULL, a.line(), "expression has null effect: @%s\n",
          aid.name());
    }
    T.Call fun = a.fun();
    Ident fid = fun.fn();
    List<T> fargs = fun.args();
    if (!fargs.isEmpty() && !TypeRules.isScalar(fargs.get(0).type())) {
      throw pcb.error(DErrorTag.D_AGG_SCALAR, fun.line(),
          "%s( ) argument #1 must be of scalar type\n", fid.name());
    }
    out.add(ClauseCompiler.act(DTRACEACT_DIFEXPR, ClauseCompiler.difconst(aid.id()), 0));
    int n = 1;
    for (T k : a.keys()) {
      n++;
      if (k instanceof T.Call kc && kc.fn().kind() == IdentKind.ACTFUNC) {
        int kid = kc.fn().id();
        if (kid == DtAct.DT_ACT_STACK) {
          out.add(stack(cc, pcb, cc.options(), kc.args(), kc.line()));
          continue;
        }
        if (kid == DtAct.DT_ACT_USTACK || kid == DtAct.DT_ACT_JSTACK) {
          out.add(ustack(pcb, cc.options(), kc.fn(), kc.args(), kc.line()));
          continue;
        }
        if (kid == DtAct.DT_ACT_SYM || kid == DtAct.DT_ACT_MOD || kid == DtAct.DT_ACT_USYM
            || kid == DtAct.DT_ACT_UMOD || kid == DtAct.DT_ACT_UADDR) {
          out.add(cc.symmod(kid, kc.args().get(0)));
          continue;
        }
      }
      out.add(ClauseCompiler.act(DTRACEACT_DIFEXPR, cc.cg(k, null), 0));
    }
    long arg = 0;
    T incr = null;
    int argmax = 0;
    int f = fid.id();
    if (f == DTRACEAGG_LQUANTIZE) {
      arg = Quantize.lquantize(pcb, a, fargs);
      incr = fargs.size() > 4 ? fargs.get(4) : null;
      argmax = 5;
    } else if (f == DTRACEAGG_LLQUANTIZE) {
      arg = Quantize.llquantize(pcb, a, fargs);
      incr = fargs.size() > 5 ? fargs.get(5) : null;
      argmax = 6;
    } else if (f == DTRACEAGG_QUANTIZE) {
      incr = fargs.size() > 1 ? fargs.get(1) : null;
      argmax = 2;
    }
    if (incr != null) {
      if (!TypeRules.isScalar(incr.type())) {
        throw pcb.error(DErrorTag.D_PROTO_ARG, a.line(), "%s( ) increment value (argument #%d) "
            + "must be of scalar type\n", fid.name(), argmax);
      }
      if (fargs.size() > argmax) {
        throw pcb.error(DErrorTag.D_PROTO_LEN, incr.line(), "%s( ) prototype mismatch: %d args "
            + "passed, at most %d expected", fid.name(), fargs.size(), argmax);
      }
      n++;
      DifObject d = cc.cg(incr, ClauseCompiler.VOID_RTYPE);
      out.add(ClauseCompiler.act(DTRACEACT_DIFEXPR, d, 0));
    }
    AggregationDescription ad = null;
    for (AggregationDescription e : aggs) {
      if (e.id() == aid.id()) {
        ad = e;
      }
    }
    if (ad == null) {
      List<org.hypertrace.api.dif.DifType> kt = new ArrayList<>();
      if (aid.signature() != null) {
        for (DType t : aid.signature()) {
          kt.add(cc.rtypeOf(new T.Type(0, t)));
        }
      }
      ad = new AggregationDescription(aid.id(), aid.name().equals("_") ? "" : aid.name(), f,
          List.copyOf(kt));
      aggs.add(ad);
    }
    DifObject d = fargs.isEmpty() ? null : cc.cg(fargs.get(0), null);
    out.add(new ActionDescription(f, d, n, arg, aid.id(), null, ad));
  }
}

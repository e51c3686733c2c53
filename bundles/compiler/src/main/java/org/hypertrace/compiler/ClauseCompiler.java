package org.hypertrace.compiler;

import static org.hypertrace.api.dtrace.DTraceConstants.*;

import java.util.ArrayList;
import java.util.List;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DErrorTag;
import org.hypertrace.api.dif.DifConstants;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifType;
import org.hypertrace.api.program.ActionDescription;
import org.hypertrace.api.program.AggregationDescription;
import org.hypertrace.compiler.as.DifAssembler;
import org.hypertrace.compiler.cg.CodeGenerator;
import org.hypertrace.compiler.cook.T;
import org.hypertrace.compiler.decl.DType;
import org.hypertrace.compiler.decl.TypeRules;
import org.hypertrace.compiler.decl.TypeTable;
import org.hypertrace.compiler.ident.DtAct;
import org.hypertrace.compiler.ident.Ident;
import org.hypertrace.compiler.ident.IdentKind;
import org.hypertrace.compiler.lex.Pcb;

/**
 * Statements to action descriptions: port of dt_cc.c {@code dt_compile_exp},
 * {@code dt_compile_fun} with its {@code dt_action_*} helpers, {@code dt_compile_agg} and the
 * ordering rules of {@code dt_stmt_append}. The layout of the actions is described in
 * CONTRACT.md.
 */
final class ClauseCompiler {
  static final DifType VOID_RTYPE = new DifType(DifConstants.DIF_TYPE_CTF, DType.CTF_K_INTEGER,
      0, 0);
  static final DifType INT_RTYPE = new DifType(DifConstants.DIF_TYPE_CTF, DType.CTF_K_INTEGER,
      0, 8);

  private final Pcb pcb;
  private final TypeTable types;
  private final java.util.Map<String, String> options;
  private final List<AggregationDescription> aggs;

  ClauseCompiler(Pcb pcb, TypeTable types, java.util.Map<String, String> options,
      List<AggregationDescription> aggs) {
    this.pcb = pcb;
    this.types = types;
    this.options = options;
    this.aggs = aggs;
  }

  TypeTable types() {
    return types;
  }

  java.util.Map<String, String> options() {
    return options;
  }

  // ---------------------------------------------------------------- DIF objects

  DifObject cg(T t, DifType rtype) throws DCompileException {
    DifAssembler as = new DifAssembler();
    new CodeGenerator(pcb, types).generate(t, as, rtype);
    DifObject d = as.result();
    if (d.text().length > DifAssembler.MAX_INSTRUCTIONS) {
      throw pcb.error(DErrorTag.D_UNKNOWN, t.line(), "DIF object exceeds maximum size");
    }
    return d;
  }

  DifType rtypeOf(T t) {
    return new CodeGenerator(pcb, types).difType(t.type(), t.flags());
  }

  private DifObject withRtype(DifObject d, DifType r) {
    return new DifObject(d.text(), d.intTab(), d.strTab(), d.varTab(), r, d.relocations());
  }

  /** dt_action_difconst: {@code setx id, %r1; ret %r1}. */
  static DifObject difconst(long id) {
    int[] text = {(DifConstants.DIF_OP_SETX << 24) | 1, (DifConstants.DIF_OP_RET << 24) | 1};
    return new DifObject(text, new long[] {id}, new byte[0], List.of(), INT_RTYPE, List.of());
  }

  static ActionDescription act(int kind, DifObject d, long arg) {
    return new ActionDescription(kind, d, 0, arg, 0, null, null);
  }

  // ---------------------------------------------------------------- statements

  /** Compiles one cooked statement and appends its actions to {@code ecb}. */
  void statement(T t, List<ActionDescription> ecb) throws DCompileException {
    List<ActionDescription> out = new ArrayList<>();
    if (t instanceof T.Agg a) {
      agg(a, out);
    } else if (t instanceof T.Call c && c.fn().kind() == IdentKind.ACTFUNC) {
      fun(c, out);
    } else {
      DifObject d = cg(t, null);
      out.add(act(DTRACEACT_DIFEXPR, withRtype(d, VOID_RTYPE), 0));
    }
    append(ecb, out, t.line());
  }

  /* dt_stmt_append: ordering rules of speculations, commits and data records. */
  private void append(List<ActionDescription> ecb, List<ActionDescription> out, int line)
      throws DCompileException {
    boolean commit = false;
    boolean speculate = false;
    boolean datarec = false;
    List<ActionDescription> all = new ArrayList<>(ecb);
    all.addAll(out);
    for (int i = 0; i < all.size(); i++) {
      ActionDescription ap = all.get(i);
      int k = ap.kind();
      if (k == DTRACEACT_COMMIT) {
        if (commit) {
          throw pcb.error(DErrorTag.D_COMM_COMM, line, "commit( ) may not follow commit( )\n");
        }
        if (datarec) {
          throw pcb.error(DErrorTag.D_COMM_DREC, line,
              "commit( ) may not follow data-recording action(s)\n");
        }
        for (int j = i; j < all.size(); j++) {
          if (isAgg(all.get(j).kind())) {
            throw pcb.error(DErrorTag.D_AGG_COMM, line,
                "aggregating actions may not follow commit( )\n");
          }
        }
        commit = true;
        continue;
      }
      if (k == DTRACEACT_SPECULATE) {
        if (speculate) {
          throw pcb.error(DErrorTag.D_SPEC_SPEC, line,
              "speculate( ) may not follow speculate( )\n");
        }
        if (commit) {
          throw pcb.error(DErrorTag.D_SPEC_COMM, line,
              "speculate( ) may not follow commit( )\n");
        }
        if (datarec) {
          throw pcb.error(DErrorTag.D_SPEC_DREC, line,
              "speculate( ) may not follow data-recording action(s)\n");
        }
        speculate = true;
        continue;
      }
      if (isAgg(k)) {
        if (speculate) {
          throw pcb.error(DErrorTag.D_AGG_SPEC, line,
              "aggregating actions may not follow speculate( )\n");
        }
        datarec = true;
        continue;
      }
      if (speculate) {
        if (destructive(ap)) {
          throw pcb.error(DErrorTag.D_ACT_SPEC, line,
              "destructive actions may not follow speculate( )\n");
        }
        if (k == DTRACEACT_EXIT) {
          throw pcb.error(DErrorTag.D_EXIT_SPEC, line, "exit( ) may not follow speculate( )\n");
        }
      }
      if (destructive(ap) || k == DTRACEACT_DISCARD) {
        continue;
      }
      if (k == DTRACEACT_DIFEXPR && ap.difo() != null
          && ap.difo().returnType().kind() == DifConstants.DIF_TYPE_CTF
          && ap.difo().returnType().size() == 0) {
        continue;
      }
      if (commit) {
        throw pcb.error(DErrorTag.D_DREC_COMM, line,
            "data-recording actions may not follow commit( )\n");
      }
      if (!speculate) {
        datarec = true;
      }
    }
    ecb.addAll(out);
  }

  static boolean isAgg(int k) {
    return (k & 0xff00) == DTRACEACT_AGGREGATION;
  }

  private static boolean destructive(ActionDescription ap) {
    int k = ap.kind();
    int cls = k & 0xff00;
    if (cls == DTRACEACT_PROC_DESTRUCTIVE || cls == DTRACEACT_KERNEL_DESTRUCTIVE) {
      return true;
    }
    if (k == DTRACEACT_DIFEXPR && ap.difo() != null) {
      for (int in : ap.difo().text()) {
        if ((in >>> 24) == DifConstants.DIF_OP_CALL) {
          int s = (in >>> 8) & 0xffff;
          if (s == DifConstants.DIF_SUBR_COPYOUT || s == DifConstants.DIF_SUBR_COPYOUTSTR) {
            return true;
          }
        }
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- actions

  private void fun(T.Call c, List<ActionDescription> out) throws DCompileException {
    Ident fn = c.fn();
    int id = fn.id();
    List<T> args = c.args();
    int line = c.line();
    if (id == DtAct.DT_ACT_PRINTF) {
      printflike(c, DTRACEACT_PRINTF, out);
    } else if (id == DtAct.DT_ACT_SYSTEM) {
      printflike(c, DTRACEACT_SYSTEM, out);
    } else if (id == DtAct.DT_ACT_FREOPEN) {
      printflike(c, DTRACEACT_FREOPEN, out);
    } else if (id == DtAct.DT_ACT_TRACE || id == DtAct.DT_ACT_PRINT) {
      trace(c, out);
    } else if (id == DtAct.DT_ACT_PRINTA) {
      Actions.printa(this, pcb, c, out);
    } else if (id == DtAct.DT_ACT_EXIT) {
      DifObject d = cg(args.get(0), null);
      DifType r = d.returnType();
      out.add(act(DTRACEACT_EXIT, withRtype(d, new DifType(r.kind(), r.ckind(), r.flags(), 4)),
          0));
    } else if (id == DtAct.DT_ACT_SPECULATE) {
      out.add(act(DTRACEACT_SPECULATE, cg(args.get(0), null), 0));
    } else if (id == DtAct.DT_ACT_COMMIT) {
      out.add(act(DTRACEACT_COMMIT, cg(args.get(0), null), 0));
    } else if (id == DtAct.DT_ACT_DISCARD) {
      out.add(act(DTRACEACT_DISCARD, cg(args.get(0), null), 0));
    } else if (id == DtAct.DT_ACT_CHILL) {
      out.add(act(DTRACEACT_CHILL, cg(args.get(0), null), 0));
    } else if (id == DtAct.DT_ACT_RAISE) {
      out.add(act(DTRACEACT_RAISE, cg(args.get(0), null), 0));
    } else if (id == DtAct.DT_ACT_STOP) {
      out.add(act(DTRACEACT_STOP, null, 0));
    } else if (id == DtAct.DT_ACT_BREAKPOINT) {
      out.add(act(DTRACEACT_BREAKPOINT, null, 0));
    } else if (id == DtAct.DT_ACT_PANIC) {
      out.add(act(DTRACEACT_PANIC, null, 0));
    } else if (id == DtAct.DT_ACT_STACK) {
      out.add(Actions.stack(this, pcb, options, args, line));
    } else if (id == DtAct.DT_ACT_USTACK || id == DtAct.DT_ACT_JSTACK) {
      out.add(Actions.ustack(pcb, options, fn, args, line));
    } else if (id == DtAct.DT_ACT_SYM || id == DtAct.DT_ACT_MOD || id == DtAct.DT_ACT_USYM
        || id == DtAct.DT_ACT_UMOD || id == DtAct.DT_ACT_UADDR) {
      out.add(symmod(id, args.get(0)));
    } else if (id == DtAct.DT_ACT_TRACEMEM) {
      Actions.tracemem(this, pcb, args, line, out);
    } else if (id == DtAct.DT_ACT_CLEAR || id == DtAct.DT_ACT_NORMALIZE
        || id == DtAct.DT_ACT_DENORMALIZE || id == DtAct.DT_ACT_TRUNC) {
      Actions.aggop(this, pcb, fn, args, line, out);
    } else if (id == DtAct.DT_ACT_SETOPT) {
      out.add(new ActionDescription(DTRACEACT_LIBACT, cg(args.get(0), null), 0,
          DtAct.DT_ACT_SETOPT, 0, null, null));
      DifObject d = args.size() > 1 ? cg(args.get(1), null) : difconst(0);
      out.add(new ActionDescription(DTRACEACT_LIBACT, d, 0, DtAct.DT_ACT_SETOPT, 0, null, null));
    } else if (id == DtAct.DT_ACT_FTRUNCATE) {
      out.add(new ActionDescription(DTRACEACT_LIBACT, difconst(0), 0, DtAct.DT_ACT_FTRUNCATE, 0,
          null, null));
    } else {
      throw pcb.error(DErrorTag.D_UNKNOWN, line, "tracing function %s( ) is not yet "
          + "supported\n", fn.name());
    }
  }

  ActionDescription symmod(int id, T arg) throws DCompileException {
    int kind = id == DtAct.DT_ACT_SYM ? DTRACEACT_SYM : id == DtAct.DT_ACT_MOD ? DTRACEACT_MOD
        : id == DtAct.DT_ACT_USYM ? DTRACEACT_USYM : id == DtAct.DT_ACT_UMOD ? DTRACEACT_UMOD
        : DTRACEACT_UADDR;
    DifObject d = cg(arg, null);
    DifType r = d.returnType();
    return act(kind, withRtype(d, new DifType(r.kind(), r.ckind(), r.flags(), 8)), 0);
  }

  private void trace(T.Call c, List<ActionDescription> out) throws DCompileException {
    boolean istrace = c.fn().id() == DtAct.DT_ACT_TRACE;
    String a = istrace ? "trace" : "print";
    T arg = c.args().get(0);
    if (TypeRules.isVoid(arg.type())) {
      throw pcb.error(istrace ? DErrorTag.D_TRACE_VOID : DErrorTag.D_PRINT_VOID, arg.line(),
          "%s( ) may not be applied to a void expression\n", a);
    }
    if (arg instanceof T.Xlate x && x.ptr()) {
      throw pcb.error(istrace ? DErrorTag.D_TRACE_DYN : DErrorTag.D_PRINT_DYN, arg.line(),
          "%s( ) may not be applied to a translated pointer\n", a);
    }
    if (arg instanceof T.Agg) {
      throw pcb.error(istrace ? DErrorTag.D_TRACE_AGG : DErrorTag.D_PRINT_AGG, arg.line(),
          "%s( ) may not be applied to an aggregation%s\n", a,
          istrace ? "" : " -- did you mean printa()?");
    }
    out.add(act(DTRACEACT_DIFEXPR, cg(arg, null), 0));
  }

  private void printflike(T.Call c, int kind, List<ActionDescription> out)
      throws DCompileException {
    List<T> args = c.args();
    T fmt = args.get(0);
    if (!(fmt instanceof T.Str s)) {
      throw pcb.error(DErrorTag.D_PRINTF_ARG_FMT, c.line(), "%s( ) argument #1 is incompatible "
          + "with prototype:\n\tprototype: string constant\n\t argument: %s\n", c.fn().name(),
          fmt.type());
    }
    String str = s.value();
    if (kind == DTRACEACT_FREOPEN) {
      if (str.equals(".")) {
        throw pcb.error(DErrorTag.D_FREOPEN_INVALID, c.line(),
            "%s( ) argument #1 cannot be \"%s\"\n", c.fn().name(), ".");
      }
      if (str.isEmpty()) {
        str = ".";
      }
    }
    List<T> rest = args.subList(1, args.size());
    str = new PrintfChecker(pcb, types).validate(c.line(), c.fn().name(), str, rest, kind);
    if (rest.isEmpty()) {
      int[] text = {(DifConstants.DIF_OP_RET << 24)};
      DifObject d = new DifObject(text, new long[0], new byte[0], List.of(), INT_RTYPE,
          List.of());
      out.add(new ActionDescription(kind, d, 0, 0, 0, str, null));
      return;
    }
    boolean first = true;
    for (T a : rest) {
      // the validated format carries the signedness (%d became %i or %u, as pfcheck_dint
      // does), and an explicit %i is signed whatever the type: the argument's own flag goes
      DifObject d = cg(a, null);
      DifType r = d.returnType();
      if ((r.flags() & DifConstants.DIF_TF_UNSIGNED) != 0) {
        d = withRtype(d, new DifType(r.kind(), r.ckind(),
            r.flags() & ~DifConstants.DIF_TF_UNSIGNED, r.size()));
      }
      out.add(new ActionDescription(kind, d, 0, 0, 0, first ? str : null, null));
      first = false;
    }
  }

  private void agg(T.Agg a, List<ActionDescription> out) throws DCompileException {
    Actions.aggregation(this, pcb, a, out, aggs);
  }
}

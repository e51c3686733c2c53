package org.hypertrace.compiler.cook;

import java.util.ArrayList;
import java.util.List;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DErrorTag;
import org.hypertrace.compiler.decl.DType;
import org.hypertrace.compiler.decl.TypeRules;
import org.hypertrace.compiler.decl.TypeTable;
import org.hypertrace.compiler.ident.Ident;
import org.hypertrace.compiler.ident.IdentKind;
import org.hypertrace.compiler.ident.Proto;
import org.hypertrace.compiler.lex.Pcb;

/**
 * Signature checks of function calls, associative array keys and aggregation keys: port of
 * dt_ident.c {@code dt_idcook_sign}, {@code dt_idcook_func} and {@code dt_idcook_assc}.
 */
final class Signatures {
  private final Pcb pcb;
  private final TypeTable types;

  Signatures(Pcb pcb, TypeTable types) {
    this.pcb = pcb;
    this.types = types;
  }

  /** dt_idcook_func: @return the function's return type. */
  DType checkCall(int line, Ident fn, List<T> args, Cooker c) throws DCompileException {
    Proto p = fn.proto();
    int argc = args.size();
    int nparams = p.params().size();
    boolean mismatch;
    int arglimit;
    if (p.varargs() >= 0) {
      mismatch = argc < p.varargs();
      arglimit = p.varargs();
    } else if (p.optargs() >= 0) {
      mismatch = argc < p.optargs() || argc > nparams;
      arglimit = argc;
    } else {
      mismatch = argc != nparams;
      arglimit = nparams;
    }
    if (mismatch) {
      throw pcb.error(DErrorTag.D_PROTO_LEN, line, "%s%s%s prototype mismatch: %d %s%s"
          + "passed, %s%d expected\n", "", fn.name(), "( )", argc, "arg",
          argc == 1 ? " " : "s ", p.optargs() >= 0 ? "at least " : "",
          p.optargs() >= 0 ? p.optargs() : arglimit);
    }
    for (int i = 0; i < arglimit; i++) {
      String pt = p.params().get(i);
      if (pt.equals("@") || pt.equals("...")) {
        continue;
      }
      DType proto = c.lookupTypeName(pt);
      if (proto == null) {
        continue;
      }
      T a = args.get(i);
      if (!c.argCompat(proto, a)) {
        throw pcb.error(DErrorTag.D_PROTO_ARG, line, "%s%s%s %s #%d is incompatible with "
            + "prototype:\n\tprototype: %s\n\t%9s: %s\n", "", fn.name(), "( )", "argument",
            i + 1, proto, "argument", Cooker.name(a));
      }
    }
    if (fn.kind() == IdentKind.AGGFUNC) {
      return TypeRules.DYN;
    }
    DType ret = c.lookupTypeName(p.ret());
    return ret == null ? types.voidType() : ret;
  }

  /** dt_idcook_assc: create or check the key signature of an array or aggregation. */
  void cookAssoc(int line, Ident idp, List<T> keys, String prefix, String suffix)
      throws DCompileException {
    if (idp.signature() == null) {
      List<DType> sig = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        T k = keys.get(i);
        if (k.type() == TypeRules.DYN || TypeRules.isVoid(k.type()) || k instanceof T.Agg) {
          throw pcb.error(DErrorTag.D_KEY_TYPE, line, "%s expression may not be used as %s "
              + "index: key #%d\n", Cooker.name(k), idp.kind().label(), i + 1);
        }
        sig.add(k.type());
      }
      idp.setSignature(sig);
      return;
    }
    List<DType> sig = idp.signature();
    int argc = keys.size();
    if (argc != sig.size()) {
      throw pcb.error(DErrorTag.D_PROTO_LEN, line, "%s%s%s prototype mismatch: %d %s%s"
          + "passed, %s%d expected\n", prefix, idp.name(), suffix, argc, "key",
          argc == 1 ? " " : "s ", "", sig.size());
    }
    for (int i = 0; i < argc; i++) {
      T k = keys.get(i);
      if (!argCompat(sig.get(i), k)) {
        throw pcb.error(DErrorTag.D_PROTO_ARG, line, "%s%s%s %s #%d is incompatible with "
            + "prototype:\n\tprototype: %s\n\t%9s: %s\n", prefix, idp.name(), suffix, "key",
            i + 1, sig.get(i), "key", Cooker.name(k));
      }
    }
  }

  private static boolean argCompat(DType proto, T arg) {
    DType a = arg.type();
    if (TypeRules.isInteger(proto) && TypeRules.isInteger(a)) {
      return true;
    }
    if (TypeRules.isStrCompat(proto) && TypeRules.isStrCompat(a)) {
      return true;
    }
    for (String sp : new String[] {"stack", "_symaddr", "_usymaddr"}) {
      if (TypeRules.isNamed(proto, sp) && TypeRules.isNamed(a, sp)) {
        return true;
      }
    }
    if (TypeRules.compat(proto, a)) {
      return true;
    }
    boolean rzero = arg instanceof T.Int ri && ri.value() == 0;
    return TypeRules.ptrCompat(proto, a, false, rzero) != null;
  }
}

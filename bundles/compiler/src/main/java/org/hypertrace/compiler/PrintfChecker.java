package org.hypertrace.compiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DErrorTag;
import org.hypertrace.compiler.decl.DType;
import org.hypertrace.compiler.decl.TypeRules;
import org.hypertrace.compiler.decl.TypeTable;
import org.hypertrace.compiler.lex.Pcb;

/**
 * Format strings of printf(), printa(), system() and freopen(): port of dt_printf.c
 * {@code dt_printf_create} (parsing conversions) and {@code dt_printf_validate} (checking each
 * conversion against the type of the argument that feeds it).
 */
final class PrintfChecker {
  private static final String XINT = "char, short, int, long, or long long";
  private static final String CSI = "char, short, or int";
  private static final String FP = "float, double, or long double";
  private static final String ADDR = "pointer or integer";
  private static final String CSTR = "char [] or string (or use stringof)";

  /** Conversion name to {prototype text, check kind}. */
  private static final Map<String, String[]> CONV = Map.ofEntries(
      Map.entry("a", new String[] {ADDR, "kaddr"}), Map.entry("A", new String[] {ADDR, "uaddr"}),
      Map.entry("c", new String[] {CSI, "csi"}), Map.entry("C", new String[] {CSI, "csi"}),
      Map.entry("d", new String[] {XINT, "int"}), Map.entry("e", new String[] {FP, "fp"}),
      Map.entry("E", new String[] {FP, "fp"}), Map.entry("f", new String[] {FP, "fp"}),
      Map.entry("g", new String[] {FP, "fp"}), Map.entry("G", new String[] {FP, "fp"}),
      Map.entry("hd", new String[] {"short", "type:2:s"}),
      Map.entry("hi", new String[] {"short", "type:2:s"}),
      Map.entry("ho", new String[] {"unsigned short", "type:2:u"}),
      Map.entry("hu", new String[] {"unsigned short", "type:2:u"}),
      Map.entry("hx", new String[] {"short", "size:2"}),
      Map.entry("hX", new String[] {"short", "size:2"}),
      Map.entry("i", new String[] {XINT, "int"}), Map.entry("I", new String[] {CSTR, "str"}),
      Map.entry("k", new String[] {"stack", "stack"}),
      Map.entry("lc", new String[] {"int", "type:4:s"}),
      Map.entry("ld", new String[] {"long", "type:8:s"}),
      Map.entry("li", new String[] {"long", "type:8:s"}),
      Map.entry("lo", new String[] {"unsigned long", "type:8:u"}),
      Map.entry("lu", new String[] {"unsigned long", "type:8:u"}),
      Map.entry("ls", new String[] {"wchar_t []", "wstr"}),
      Map.entry("lx", new String[] {"long", "size:8"}),
      Map.entry("lX", new String[] {"long", "size:8"}),
      Map.entry("lld", new String[] {"long long", "type:8:s"}),
      Map.entry("lli", new String[] {"long long", "type:8:s"}),
      Map.entry("llo", new String[] {"unsigned long long", "type:8:u"}),
      Map.entry("llu", new String[] {"unsigned long long", "type:8:u"}),
      Map.entry("llx", new String[] {"long long", "size:8"}),
      Map.entry("llX", new String[] {"long long", "size:8"}),
      Map.entry("Le", new String[] {"long double", "fp"}),
      Map.entry("LE", new String[] {"long double", "fp"}),
      Map.entry("Lf", new String[] {"long double", "fp"}),
      Map.entry("Lg", new String[] {"long double", "fp"}),
      Map.entry("LG", new String[] {"long double", "fp"}),
      Map.entry("o", new String[] {XINT, "int"}), Map.entry("p", new String[] {ADDR, "addr"}),
      Map.entry("P", new String[] {"uint16_t", "type:2:u"}),
      Map.entry("s", new String[] {CSTR, "str"}), Map.entry("S", new String[] {CSTR, "str"}),
      Map.entry("T", new String[] {"int64_t", "time"}),
      Map.entry("u", new String[] {XINT, "int"}), Map.entry("wc", new String[] {"int", "type:4:s"}),
      Map.entry("ws", new String[] {"wchar_t []", "wstr"}),
      Map.entry("x", new String[] {XINT, "int"}), Map.entry("X", new String[] {XINT, "int"}),
      Map.entry("Y", new String[] {"int64_t", "time"}),
      Map.entry("%", new String[] {"void", "pct"}));

  /** One parsed conversion. */
  record Conv(String name, boolean dynWidth, boolean dynPrec, boolean agg) {}

  private final Pcb pcb;
  private final TypeTable types;

  PrintfChecker(Pcb pcb, TypeTable types) {
    this.pcb = pcb;
    this.types = types;
  }

  /** dt_printf_create: the conversions of {@code fmt}. */
  List<Conv> parse(int line, String fmt) throws DCompileException {
    List<Conv> out = new ArrayList<>();
    int p = fmt.indexOf('%');
    int argc = 0;
    while (p >= 0) {
      argc++;
      boolean dw = false;
      boolean dp = false;
      boolean agg = false;
      int dot = 0;
      StringBuilder name = new StringBuilder();
      int i = p + 1;
      while (true) {
        if (i >= fmt.length()) {
          throw pcb.syntax(line, "format conversion #" + argc + " name expected before end of "
              + "format string\n", null);
        }
        char c = fmt.charAt(i);
        if (Character.isDigit(c) || c == '#' || c == '+' || c == '-' || c == '?' || c == '\''
            || c == ' ') {
          i++;
          continue;
        }
        if (c == '*') {
          if (dot > 0 ? dp : dw) {
            throw pcb.syntax(line, "format conversion #" + argc + " has more than one '*' "
                + "specified for the output " + (dot > 0 ? "precision" : "width") + "\n", null);
          }
          if (dot > 0) {
            dp = true;
          } else {
            dw = true;
          }
          i++;
          continue;
        }
        if (c == '.') {
          if (dot++ != 0) {
            throw pcb.syntax(line, "format conversion #" + argc + " has more than one '.' "
                + "specified\n", null);
          }
          i++;
          continue;
        }
        if (c == '@') {
          agg = true;
          i++;
          continue;
        }
        if (c == '$') {
          throw pcb.syntax(line, "format conversion #" + argc + " uses unsupported positional "
              + "format (%n$)\n", null);
        }
        if (c == '%' && fmt.charAt(i - 1) != '%') {
          throw pcb.syntax(line, "format conversion #" + argc + " cannot be combined with "
              + "other format flags: %%\n", null);
        }
        if (c == 'h' || c == 'l' || c == 'L' || c == 'w') {
          if (name.length() < 6) {
            name.append(c);
          }
          i++;
          continue;
        }
        name.append(c);
        break;
      }
      String n = name.toString();
      if (!CONV.containsKey(n)) {
        throw pcb.syntax(line, "format conversion #" + argc + " is undefined: %" + n + "\n",
            null);
      }
      out.add(new Conv(n, dw, dp, agg));
      p = fmt.indexOf('%', i + 1);
    }
    return out;
  }

  /**
   * dt_printf_validate.
   *
   * @param args     the value arguments (or aggregation keys) in order
   * @param exactLen whether extra arguments are an error (printf) or allowed (printa)
   * @param aggKind  for printa, the aggregating function (for %@); else 0
   */
  void validate(int line, String func, String fmt, List<org.hypertrace.compiler.cook.T> args,
      int kind) throws DCompileException {
    List<DType> ts = new ArrayList<>();
    for (org.hypertrace.compiler.cook.T t : args) {
      ts.add(t.type());
    }
    check(line, func, fmt, ts, true, false, 0);
  }

  void check(int line, String func, String fmt, List<DType> args, boolean exactLen,
      boolean aggregation, int aggKind) throws DCompileException {
    if (fmt.isEmpty()) {
      throw pcb.error(DErrorTag.D_PRINTF_FMT_EMPTY, line, "%s( ) format string is empty\n",
          func);
    }
    List<Conv> convs = parse(line, fmt);
    int j = 0;
    int foff = 1;
    for (int i = 0; i < convs.size(); i++) {
      Conv c = convs.get(i);
      String[] def = CONV.get(c.name());
      if (def[1].equals("pct")) {
        continue;
      }
      List<String> dyns = new ArrayList<>();
      if (c.dynPrec()) {
        dyns.add(".*");
      }
      if (c.dynWidth()) {
        dyns.add("*");
      }
      for (int d = dyns.size(); d > 0; d--) {
        if (j >= args.size()) {
          throw pcb.error(DErrorTag.D_PRINTF_DYN_PROTO, line, "%s( ) prototype mismatch: "
              + "conversion #%d (%%%s) is missing a corresponding \"%s\" argument\n", func, i + 1,
              c.name(), dyns.get(d - 1));
        }
        if (!TypeRules.isInteger(args.get(j))) {
          throw pcb.error(DErrorTag.D_PRINTF_DYN_TYPE, line, "%s( ) argument #%d is incompatible "
              + "with conversion #%d prototype:\n\tconversion: %% %s %s\n\t prototype: int\n\t  "
              + "argument: %s\n", func, j + foff + 1, i + 1, dyns.get(d - 1), c.name(),
              args.get(j));
        }
        j++;
      }
      DType v;
      String vname;
      if (c.agg()) {
        if (!aggregation) {
          throw pcb.error(DErrorTag.D_PRINTF_AGG_CONV, line, "%%@ conversion requires an "
              + "aggregation and is not for use with %s( )\n", func);
        }
        vname = "aggregating action";
        v = types.lookup(aggKind == org.hypertrace.api.dtrace.DTraceConstants.DTRACEAGG_COUNT
            ? "uint64_t" : "int64_t");
      } else if (j >= args.size()) {
        throw pcb.error(DErrorTag.D_PRINTF_ARG_PROTO, line, "%s( ) prototype mismatch: "
            + "conversion #%d (%%%s) is missing a corresponding value argument\n", func, i + 1,
            c.name());
      } else {
        vname = "argument #" + (j + foff + 1);
        v = args.get(j++);
      }
      if (!ok(def[1], v)) {
        throw pcb.error(DErrorTag.D_PRINTF_ARG_TYPE, line, "%s( ) %s is incompatible with "
            + "conversion #%d prototype:\n\tconversion: %%%s\n\t prototype: %s\n\t  argument: "
            + "%s\n", func, vname, i + 1, c.name(), def[0], v == TypeRules.DYN ? "<DYN>" : v);
      }
    }
    if (exactLen && j < args.size()) {
      throw pcb.error(DErrorTag.D_PRINTF_ARG_EXTRA, line, "%s( ) prototype mismatch: only %d "
          + "arguments required by this format string\n", func, j);
    }
  }

  private static boolean ok(String check, DType v) {
    if (v == null) {
      return false;
    }
    DType r = v.resolve();
    switch (check) {
      case "int":
        return TypeRules.isInteger(v);
      case "csi":
        return TypeRules.isInteger(v) && v.size() <= 4;
      case "fp":
        return r.kind() == DType.Kind.FLOAT;
      case "addr":
        return TypeRules.isPointer(v) || TypeRules.isInteger(v);
      case "kaddr":
        return TypeRules.isPointer(v) || TypeRules.isInteger(v)
            || TypeRules.isNamed(v, "_symaddr");
      case "uaddr":
        return TypeRules.isNamed(v, "_usymaddr") || TypeRules.isPointer(v)
            || TypeRules.isInteger(v);
      case "stack":
        return TypeRules.isNamed(v, "stack");
      case "time":
        return TypeRules.isInteger(v) && v.size() == 8;
      case "str":
        if (TypeRules.isString(v)) {
          return true;
        }
        return r.kind() == DType.Kind.ARRAY && r.ref().resolve().kind() == DType.Kind.INTEGER
            && r.ref().size() == 1;
      case "wstr":
        return r.kind() == DType.Kind.ARRAY && r.ref().resolve().kind() == DType.Kind.INTEGER
            && r.ref().size() == 4;
      default:
        if (check.startsWith("size:")) {
          return (r.kind() == DType.Kind.INTEGER && !TypeRules.isNamed(v, "stack"))
              && r.size() == Integer.parseInt(check.substring(5));
        }
        if (check.startsWith("type:")) {
          String[] f = check.split(":");
          return r.kind() == DType.Kind.INTEGER && !TypeRules.isNamed(v, "stack")
              && !TypeRules.isNamed(v, "_symaddr") && !TypeRules.isNamed(v, "_usymaddr")
              && r.size() == Integer.parseInt(f[1]) && r.isSigned() == f[2].equals("s");
        }
        return true;
    }
  }
}

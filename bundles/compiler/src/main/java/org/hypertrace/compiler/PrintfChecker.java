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

  private final Pcb pcb;
  private final TypeTable types;

  PrintfChecker(Pcb pcb, TypeTable types) {
    this.pcb = pcb;
    this.types = types;
  }

  static final int ALT = 1;
  static final int ZPAD = 2;
  static final int LEFT = 4;
  static final int SPOS = 8;
  static final int GROUP = 16;
  static final int SPACE = 32;

  /** One parsed conversion with the literal text before it (a dt_pfargd_t). */
  record Conv(String prefix, String name, int flags, int width, int prec, boolean dynWidth,
      boolean dynPrec, boolean agg) {}

  /** A parsed format: its conversions and the text after the last one. */
  record Format(List<Conv> convs, String tail) {}

  /** dt_printf_create: the conversions of {@code fmt}. */
  Format parse(int line, String fmt) throws DCompileException {
    List<Conv> out = new ArrayList<>();
    int q = 0;
    int p = fmt.indexOf('%');
    int argc = 0;
    while (p >= 0) {
      argc++;
      String prefix = fmt.substring(q, p);
      boolean dw = false;
      boolean dp = false;
      boolean agg = false;
      int flags = 0;
      int width = 0;
      int prec = 0;
      int dot = 0;
      int digits = 0;
      StringBuilder name = new StringBuilder();
      int i = p + 1;
      while (true) {
        if (i >= fmt.length()) {
          throw pcb.syntax(line, "format conversion #" + argc + " name expected before end of "
              + "format string\n", null);
        }
        char c = fmt.charAt(i);
        if (Character.isDigit(c)) {
          if (dot == 0 && digits == 0 && c == '0') {
            flags = (flags | ZPAD) & ~LEFT;
            i++;
            continue;
          }
          int n = 0;
          while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
            n = n * 10 + fmt.charAt(i++) - '0';
          }
          if (dot > 0) {
            prec = n;
          } else {
            width = n;
          }
          digits++;
          continue;
        }
        if (c == '#' || c == '+' || c == '-' || c == '?' || c == '\'' || c == ' ') {
          switch (c) {
            case '#': flags |= ALT; break;
            case '+': flags |= SPOS; break;
            case '-': flags = (flags | LEFT) & ~ZPAD; break;
            case '?': width = 16; break;
            case '\'': flags |= GROUP; break;
            default: flags |= SPACE; break;
          }
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
          digits = 0;
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
      out.add(new Conv(prefix, n, flags, width, prec, dw, dp, agg));
      q = i + 1;
      p = fmt.indexOf('%', q);
    }
    return new Format(out, fmt.substring(Math.min(q, fmt.length())));
  }

  /** Conversions printed by pfprint_sint, pfprint_uint or pfprint_dint (get an "ll"). */
  private static final java.util.Set<String> INTS = java.util.Set.of("c", "hd", "hi", "i", "lc",
      "ld", "li", "lld", "lli", "wc", "ho", "hu", "hx", "hX", "lo", "lu", "lx", "lX", "llo",
      "llu", "llx", "llX", "o", "p", "u", "x", "X", "d");
  /** Conversions whose output format is %s: the pickled format keeps their own name. */
  private static final java.util.Set<String> STRINGY = java.util.Set.of("a", "A", "C", "I", "k",
      "P", "s", "S", "T", "Y");

  /** pfc_ofmt: the printf conversion a D conversion prints with. */
  private static String ofmt(String name) {
    if (STRINGY.contains(name)) {
      return "s";
    }
    switch (name) {
      case "p":
        return "x";
      case "hd": case "ld": case "lld":
        return "d";
      case "hi": case "li": case "lli":
        return "i";
      case "ho": case "lo": case "llo":
        return "o";
      case "hu": case "lu": case "llu":
        return "u";
      case "hx": case "lx": case "llx":
        return "x";
      case "hX": case "lX": case "llX":
        return "X";
      case "Le": return "e";
      case "LE": return "E";
      case "Lf": return "f";
      case "Lg": return "g";
      case "LG": return "G";
      default:
        return name;
    }
  }

  /** pfd_fmt: size prefix and output format for one conversion fed by a value of type v. */
  private static String derived(Conv c, DType v) {
    String f = "";
    if (INTS.contains(c.name()) && v != null && v.size() == 8) {
      f = "ll";
    } else if (CONV.get(c.name())[1].equals("fp") && v != null && v.size() == 16) {
      f = "L";
    }
    f += ofmt(c.name());
    if (c.name().equals("d") && v != null) {
      f = f.substring(0, f.length() - 1) + (v.isSigned() ? "i" : "u");
    }
    return f;
  }

  /** dtrace_printf_format: the format as DOF carries it, conversions as validated. */
  static String pickle(Format f, List<String> derived) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < f.convs().size(); i++) {
      Conv c = f.convs().get(i);
      sb.append(c.prefix()).append('%');
      if ((c.flags() & ALT) != 0) {
        sb.append('#');
      }
      if ((c.flags() & ZPAD) != 0) {
        sb.append('0');
      }
      if ((c.flags() & LEFT) != 0) {
        sb.append('-');
      }
      if ((c.flags() & SPOS) != 0) {
        sb.append('+');
      }
      if (c.dynWidth()) {
        sb.append('*');
      }
      if (c.dynPrec()) {
        sb.append(".*");
      }
      if ((c.flags() & GROUP) != 0) {
        sb.append('\'');
      }
      if ((c.flags() & SPACE) != 0) {
        sb.append(' ');
      }
      if (c.agg()) {
        sb.append('@');
      }
      if (c.width() != 0) {
        sb.append(c.width());
      }
      if (c.prec() != 0) {
        sb.append('.').append(c.prec());
      }
      sb.append(STRINGY.contains(c.name()) ? c.name() : derived.get(i));
    }
    return sb.append(f.tail()).toString();
  }

  /**
   * dt_printf_validate.
   *
   * @param args     the value arguments (or aggregation keys) in order
   * @param exactLen whether extra arguments are an error (printf) or allowed (printa)
   * @param aggKind  for printa, the aggregating function (for %@); else 0
   */
  String validate(int line, String func, String fmt, List<org.hypertrace.compiler.cook.T> args,
      int kind) throws DCompileException {
    List<DType> ts = new ArrayList<>();
    for (org.hypertrace.compiler.cook.T t : args) {
      ts.add(t.type());
    }
    return check(line, func, fmt, ts, true, false, 0);
  }

  /** dt_printf_validate. @return the format as dtrace_printf_format pickles it. */
  String check(int line, String func, String fmt, List<DType> args, boolean exactLen,
      boolean aggregation, int aggKind) throws DCompileException {
    if (fmt.isEmpty()) {
      throw pcb.error(DErrorTag.D_PRINTF_FMT_EMPTY, line, "%s( ) format string is empty\n",
          func);
    }
    Format parsed = parse(line, fmt);
    List<Conv> convs = parsed.convs();
    List<String> derived = new ArrayList<>();
    int j = 0;
    int foff = 1;
    for (int i = 0; i < convs.size(); i++) {
      Conv c = convs.get(i);
      String[] def = CONV.get(c.name());
      if (def[1].equals("pct")) {
        derived.add("%");
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
      derived.add(derived(c, v));
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
    return pickle(parsed, derived);
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

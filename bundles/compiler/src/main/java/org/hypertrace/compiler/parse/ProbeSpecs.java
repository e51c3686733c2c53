package org.hypertrace.compiler.parse;

import java.util.ArrayList;
import java.util.List;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DErrorTag;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.compiler.lex.Pcb;

/**
 * Probe specifier strings to descriptions: port of dt_subr.c {@code dtrace_xstr2desc} for the
 * name context, extended with HyperTrace's fifth leading {@code target} field. Fields are
 * assigned from the right: {@code name}, {@code function}, {@code module}, {@code provider},
 * {@code target}. A backslash escapes a colon.
 */
public final class ProbeSpecs {
  private ProbeSpecs() {}

  /* A field may end in one macro reference: $N, $$N or $name; the rest of the field follows. */
  private static String substitute(Pcb pcb, String spec, String field, int line,
      org.hypertrace.compiler.lex.DLexer lexer) throws DCompileException {
    int v = field.indexOf('$');
    if (v < 0 || lexer == null) {
      return field;
    }
    String head = field.substring(0, v);
    String var = field.substring(v);
    if (var.length() > 2 && var.charAt(1) == '$') {
      var = var.substring(1);
    }
    if (var.length() > 1 && Character.isDigit(var.charAt(1))) {
      int e = 1;
      while (e < var.length() && Character.isDigit(var.charAt(e))) {
        e++;
      }
      int i;
      try {
        i = Integer.parseInt(var.substring(1, e));
      } catch (NumberFormatException ex) {
        i = -1;
      }
      if (i < 0 || i >= lexer.macroArgs().size()) {
        throw badVar(pcb, spec, line);
      }
      lexer.markArgUsed(i);
      return head + lexer.macroArgs().get(i) + var.substring(e);
    }
    if (var.length() > 1) {
      Long val = lexer.macroVars().get(var.substring(1));
      if (val == null) {
        throw badVar(pcb, spec, line);
      }
      return head + (int) (long) val;
    }
    throw badVar(pcb, spec, line);
  }

  private static DCompileException badVar(Pcb pcb, String spec, int line)
      throws DCompileException {
    throw pcb.error(DErrorTag.D_PDESC_INVAL, line, "invalid probe description \"%s\": "
        + "Invalid probe specifier variable\n", spec);
  }

  /** @return the description of {@code spec}. */
  public static ProbeDescription parse(Pcb pcb, String spec, int line) throws DCompileException {
    return parse(pcb, spec, line, null);
  }

  /**
   * @param lexer the lexer whose macro arguments and variables {@code $N} / {@code $name}
   *              refer to, or null
   */
  public static ProbeDescription parse(Pcb pcb, String spec, int line,
      org.hypertrace.compiler.lex.DLexer lexer) throws DCompileException {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < spec.length(); i++) {
      char c = spec.charAt(i);
      if (c == '\\' && i + 1 < spec.length() && spec.charAt(i + 1) == ':') {
        cur.append(':');
        i++;
      } else if (c == ':') {
        parts.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    parts.add(cur.toString());
    if (parts.size() > (lexer == null || lexer.hyperTrace() ? 5 : 4)) {
      throw pcb.error(DErrorTag.D_PDESC_INVAL, line,
          "invalid probe description \"%s\": Overspecified probe description\n", spec);
    }
    for (int i = 0; i < parts.size(); i++) {
      parts.set(i, substitute(pcb, spec, parts.get(i), line, lexer));
    }
    String[] f = {"", "", "", "", ""};
    int j = 4;
    for (int i = parts.size() - 1; i >= 0; i--) {
      f[j--] = parts.get(i);
    }
    for (String s : f) {
      if (s.length() >= 128) {
        throw pcb.error(DErrorTag.D_PDESC_INVAL, line,
            "invalid probe description \"%s\": Description exceeds maximum length\n", spec);
      }
    }
    return new ProbeDescription(f[0], f[1], f[2], f[3], f[4]);
  }
}

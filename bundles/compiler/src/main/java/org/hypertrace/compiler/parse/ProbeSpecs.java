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

  /** @return the description of {@code spec}. */
  public static ProbeDescription parse(Pcb pcb, String spec, int line) throws DCompileException {
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
    if (parts.size() > 5) {
      throw pcb.error(DErrorTag.D_PDESC_INVAL, line,
          "invalid probe description \"%s\": Overspecified probe description\n", spec);
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

package org.hypertrace.compiler.ident;

import java.util.List;

/**
 * A built-in function prototype as dt_open.c writes it ({@code "string(const char *, [int])"}),
 * parsed: return type name, parameter type names ("@" = any type), the index of the first
 * optional parameter and of "...".
 *
 * @param ret      the return type name
 * @param params   parameter type names, including "@" and "..." entries
 * @param optargs  index of the first optional parameter, or -1
 * @param varargs  index of "...", or -1
 */
public record Proto(String ret, List<String> params, int optargs, int varargs) {

  /** Parses a dt_open.c prototype string. */
  public static Proto parse(String s) {
    int lp = s.indexOf('(');
    int rp = s.lastIndexOf(')');
    String ret = s.substring(0, lp).trim();
    String inner = s.substring(lp + 1, rp).trim();
    List<String> params = new java.util.ArrayList<>();
    int opt = -1;
    int va = -1;
    if (!inner.isEmpty()) {
      for (String p : inner.split(",")) {
        p = p.trim();
        if (p.equals("...")) {
          va = params.size();
        } else if (p.startsWith("[") && p.endsWith("]")) {
          if (opt < 0) {
            opt = params.size();
          }
          p = p.substring(1, p.length() - 1).trim();
        }
        params.add(p);
      }
    }
    return new Proto(ret, List.copyOf(params), opt, va);
  }
}

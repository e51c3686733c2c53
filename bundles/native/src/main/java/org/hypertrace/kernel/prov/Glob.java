package org.hypertrace.kernel.prov;

/**
 * Shell-style pattern matching of probe description fields, as dtrace matches them with
 * gmatch(3GEN): {@code *}, {@code ?}, {@code [set]} with ranges and {@code !} negation, and
 * {@code \} escapes. An empty pattern matches everything.
 */
public final class Glob {
  private Glob() {}

  /** @return whether s matches pattern (empty pattern: always) */
  public static boolean matches(String pattern, String s) {
    return pattern == null || pattern.isEmpty() || match(pattern, 0, s, 0);
  }

  /** @return whether the pattern has glob characters */
  public static boolean isGlob(String pattern) {
    return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0 || pattern.indexOf('[') >= 0
        || pattern.indexOf('\\') >= 0;
  }

  private static boolean match(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        for (int k = s.length(); k >= si; k--) {
          if (match(p, pi + 1, s, k)) {
            return true;
          }
        }
        return false;
      }
      if (si >= s.length()) {
        return false;
      }
      char ch = s.charAt(si);
      if (c == '?') {
        pi++;
      } else if (c == '[') {
        int end = p.indexOf(']', pi + 2);
        if (end < 0) {
          if (ch != '[') {
            return false;
          }
          pi++;
        } else {
          if (!inSet(p.substring(pi + 1, end), ch)) {
            return false;
          }
          pi = end + 1;
        }
      } else {
        if (c == '\\' && pi + 1 < p.length()) {
          c = p.charAt(++pi);
        }
        if (c != ch) {
          return false;
        }
        pi++;
      }
      si++;
    }
    return si == s.length();
  }

  private static boolean inSet(String set, char ch) {
    boolean negate = set.startsWith("!");
    int i = negate ? 1 : 0;
    boolean found = false;
    while (i < set.length()) {
      char lo = set.charAt(i);
      if (i + 2 < set.length() && set.charAt(i + 1) == '-') {
        found |= ch >= lo && ch <= set.charAt(i + 2);
        i += 3;
      } else {
        found |= ch == lo;
        i++;
      }
    }
    return found != negate;
  }
}

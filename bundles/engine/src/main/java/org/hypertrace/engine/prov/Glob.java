package org.hypertrace.engine.prov;

/**
 * Shell-style pattern matching of probe description fields: port of libdtrace's use of
 * {@code gmatch(3GEN)} ({@code *}, {@code ?}, {@code [...]}, {@code \}). An empty pattern matches
 * everything.
 */
public final class Glob {
  private Glob() {}

  /**
   * @param pattern the pattern ("" matches all)
   * @param s       the string
   * @return whether it matches
   */
  public static boolean matches(String pattern, String s) {
    return pattern == null || pattern.isEmpty() || match(pattern, 0, s, 0);
  }

  private static boolean match(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      switch (c) {
        case '*': {
          for (int k = si; k <= s.length(); k++) {
            if (match(p, pi + 1, s, k)) {
              return true;
            }
          }
          return false;
        }
        case '?':
          if (si >= s.length()) {
            return false;
          }
          pi++;
          si++;
          break;
        case '[': {
          int end = p.indexOf(']', pi + 2);
          if (end < 0 || si >= s.length()) {
            return false;
          }
          boolean neg = p.charAt(pi + 1) == '!' || p.charAt(pi + 1) == '^';
          boolean hit = false;
          char x = s.charAt(si);
          for (int k = pi + (neg ? 2 : 1); k < end; k++) {
            if (k + 2 < end && p.charAt(k + 1) == '-') {
              hit |= x >= p.charAt(k) && x <= p.charAt(k + 2);
              k += 2;
            } else {
              hit |= x == p.charAt(k);
            }
          }
          if (hit == neg) {
            return false;
          }
          pi = end + 1;
          si++;
          break;
        }
        case '\\':
          if (pi + 1 < p.length()) {
            c = p.charAt(++pi);
          }
          // fall through to a literal match
        default:
          if (si >= s.length() || s.charAt(si) != c) {
            return false;
          }
          pi++;
          si++;
      }
    }
    return si == s.length();
  }
}

package org.hypertrace.engine.vm;

/**
 * The {@code json(string, selector)} subroutine's semantics (dtrace_json): walk JSON text to the
 * value a selector names ({@code "top.array[2].bb"}, {@code "0.first"}, {@code "[3]"}) and return
 * its raw text — a string's characters between its quotes with escapes as written, an object or
 * array from its bracket to the matching one, a number or literal as written. The walk streams:
 * text after the selected value is not examined, and any syntax error met before it (including
 * text cut short by strsize) selects nothing.
 */
final class JsonSelector {
  private final String s;
  private int p;

  private JsonSelector(String s) {
    this.s = s;
  }

  /**
   * @param json     the JSON text
   * @param selector the selector
   * @return the selected value's text, or null
   */
  static String select(String json, String selector) {
    String[] path = parse(selector);
    if (path == null) {
      return null;
    }
    JsonSelector j = new JsonSelector(json);
    return j.find(path, 0);
  }

  /** Splits a selector into keys and "[N]" indexes; null when malformed. */
  private static String[] parse(String sel) {
    java.util.List<String> out = new java.util.ArrayList<>();
    int i = 0;
    int n = sel.length();
    while (i < n) {
      if (sel.charAt(i) == '[') {
        int e = sel.indexOf(']', i);
        if (e < 0 || e == i + 1 || !digits(sel, i + 1, e)) {
          return null;
        }
        out.add(sel.substring(i, e + 1));
        i = e + 1;
        if (i < n && sel.charAt(i) == '.') {
          i++;
          if (i == n) {
            return null;
          }
        }
        continue;
      }
      int e = i;
      while (e < n && sel.charAt(e) != '.' && sel.charAt(e) != '[') {
        e++;
      }
      if (e == i) {
        return null;
      }
      out.add(sel.substring(i, e));
      i = e;
      if (i < n && sel.charAt(i) == '.') {
        i++;
        if (i == n) {
          return null;
        }
      }
    }
    return out.isEmpty() ? null : out.toArray(new String[0]);
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return to > from;
  }

  /** Finds path[k..] in the value at p. */
  private String find(String[] path, int k) {
    ws();
    if (k == path.length) {
      int start = p;
      if (p < s.length() && s.charAt(p) == '"') {
        int end = string();
        return end < 0 ? null : s.substring(start + 1, end - 1);
      }
      return value() ? s.substring(start, p) : null;
    }
    if (p >= s.length()) {
      return null;
    }
    String c = path[k];
    char open = s.charAt(p);
    if (open == '{') {
      if (c.startsWith("[")) {
        return null;
      }
      p++;
      ws();
      if (peek('}')) {
        return null;
      }
      while (true) {
        ws();
        int ks = p;
        int ke = string();
        if (ke < 0) {
          return null;
        }
        String key = s.substring(ks + 1, ke - 1);
        ws();
        if (!peek(':')) {
          return null;
        }
        p++;
        if (key.equals(c)) {
          return find(path, k + 1);
        }
        ws();
        if (!value()) {
          return null;
        }
        ws();
        if (peek(',')) {
          p++;
          continue;
        }
        return null;
      }
    }
    if (open == '[') {
      String idx = c.startsWith("[") ? c.substring(1, c.length() - 1) : c;
      if (!digits(idx, 0, idx.length()) || idx.length() > 9) {
        return null;
      }
      int want = Integer.parseInt(idx);
      p++;
      ws();
      if (peek(']')) {
        return null;
      }
      for (int i = 0; ; i++) {
        if (i == want) {
          return find(path, k + 1);
        }
        ws();
        if (!value()) {
          return null;
        }
        ws();
        if (peek(',')) {
          p++;
          continue;
        }
        return null;
      }
    }
    return null;
  }

  private boolean peek(char c) {
    return p < s.length() && s.charAt(p) == c;
  }

  private void ws() {
    while (p < s.length()) {
      char c = s.charAt(p);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      p++;
    }
  }

  /** Skips one value at p; false on a syntax error or the end of the text. */
  private boolean value() {
    ws();
    if (p >= s.length()) {
      return false;
    }
    char c = s.charAt(p);
    switch (c) {
      case '"':
        return string() >= 0;
      case '{':
      case '[': {
        char close = c == '{' ? '}' : ']';
        p++;
        ws();
        if (peek(close)) {
          p++;
          return true;
        }
        while (true) {
          if (c == '{') {
            ws();
            if (string() < 0) {
              return false;
            }
            ws();
            if (!peek(':')) {
              return false;
            }
            p++;
          }
          if (!value()) {
            return false;
          }
          ws();
          if (peek(',')) {
            p++;
            continue;
          }
          if (peek(close)) {
            p++;
            return true;
          }
          return false;
        }
      }
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      default:
        return number();
    }
  }

  private boolean literal(String w) {
    if (s.startsWith(w, p)) {
      p += w.length();
      return true;
    }
    return false;
  }

  /** JSON's number grammar; hex and the like are errors. */
  private boolean number() {
    int start = p;
    if (peek('-')) {
      p++;
    }
    int d = p;
    while (p < s.length() && Character.isDigit(s.charAt(p))) {
      p++;
    }
    if (p == d || s.charAt(d) == '0' && p - d > 1) {
      return false;
    }
    if (peek('.')) {
      p++;
      int f = p;
      while (p < s.length() && Character.isDigit(s.charAt(p))) {
        p++;
      }
      if (p == f) {
        return false;
      }
    }
    if (peek('e') || peek('E')) {
      p++;
      if (peek('+') || peek('-')) {
        p++;
      }
      int e = p;
      while (p < s.length() && Character.isDigit(s.charAt(p))) {
        p++;
      }
      if (p == e) {
        return false;
      }
    }
    // a number ends at a delimiter: one cut short by strsize is incomplete
    if (p >= s.length()) {
      return false;
    }
    char c = s.charAt(p);
    return p > start
        && (c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\n' || c == '\r');
  }

  /** Skips a string at p; @return the index after its closing quote, or -1. */
  private int string() {
    if (!peek('"')) {
      return -1;
    }
    p++;
    while (p < s.length()) {
      char c = s.charAt(p++);
      if (c == '"') {
        return p;
      }
      if (c == '\\') {
        if (p >= s.length()) {
          return -1;
        }
        char e = s.charAt(p++);
        if (e == 'u') {
          for (int i = 0; i < 4; i++) {
            if (p >= s.length() || Character.digit(s.charAt(p++), 16) < 0) {
              return -1;
            }
          }
        } else if ("\"\\/bfnrt".indexOf(e) < 0) {
          return -1;
        }
      }
    }
    return -1;
  }
}

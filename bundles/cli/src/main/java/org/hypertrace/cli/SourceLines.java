package org.hypertrace.cli;

import org.hypertrace.api.program.ProbeDescription;

/**
 * Finds the line of a probe description in D source for errors the command line raises after
 * compiling (D_PDESC_ZERO), since statements carry no line: the first line outside comments that
 * holds the description's last non-empty field as a word.
 */
final class SourceLines {
  private SourceLines() {}

  static int lineOf(String source, ProbeDescription d) {
    String word = !d.name().isEmpty() ? d.name() : !d.function().isEmpty() ? d.function()
        : !d.module().isEmpty() ? d.module() : d.provider();
    if (word.isEmpty()) {
      return 1;
    }
    String[] lines = source.split("\n", -1);
    boolean comment = false;
    for (int i = 0; i < lines.length; i++) {
      StringBuilder code = new StringBuilder();
      String l = lines[i];
      for (int c = 0; c < l.length(); c++) {
        if (comment) {
          if (l.startsWith("*/", c)) {
            comment = false;
            c++;
          }
        } else if (l.startsWith("/*", c)) {
          comment = true;
          c++;
        } else if (l.startsWith("//", c)) {
          break;
        } else {
          code.append(l.charAt(c));
        }
      }
      if (containsWord(code, word)) {
        return i + 1;
      }
    }
    return 1;
  }

  private static boolean containsWord(CharSequence s, String w) {
    String t = s.toString();
    for (int at = t.indexOf(w); at >= 0; at = t.indexOf(w, at + 1)) {
      boolean before = at == 0 || !part(t.charAt(at - 1));
      int end = at + w.length();
      boolean after = end >= t.length() || !part(t.charAt(end));
      if (before && after) {
        return true;
      }
    }
    return false;
  }

  private static boolean part(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }
}

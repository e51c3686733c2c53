package org.hypertrace.cli;

/** DTrace's probe-description globs ({@code *}, {@code ?}, {@code [...]}) as Java regexes. */
final class Globs {
  private Globs() {}

  static String toRegex(String glob) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> b.append(".*");
        case '?' -> b.append('.');
        case '[' -> {
          int end = glob.indexOf(']', i + 1);
          if (end < 0) {
            b.append("\\[");
          } else {
            String set = glob.substring(i + 1, end);
            b.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
            i = end;
          }
        }
        case '\\' -> {
          if (i + 1 < glob.length()) {
            b.append(java.util.regex.Pattern.quote(String.valueOf(glob.charAt(++i))));
          }
        }
        default -> b.append(java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    return b.toString();
  }
}

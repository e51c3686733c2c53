package org.hypertrace.guesttypes.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed member path: "real_cred->uid.val", "comm[0]", "->pid". Each segment names a member,
 * says whether it is reached through a pointer ({@code ->}) and lists its array subscripts.
 *
 * @param segments the segments in order
 */
record MemberPath(List<Segment> segments) {

  /**
   * One member of a path.
   *
   * @param arrow      true if reached with {@code ->}
   * @param name       the member name
   * @param subscripts array subscripts applied to the member, in order
   */
  record Segment(boolean arrow, String name, List<Long> subscripts) {}

  /**
   * @param path the path text; "" gives no segments
   * @return the parsed path
   * @throws IllegalArgumentException with the position and what was expected
   */
  static MemberPath parse(String path) {
    List<Segment> out = new ArrayList<>();
    int i = 0;
    int n = path.length();
    while (i < n) {
      boolean arrow = false;
      if (path.startsWith("->", i)) {
        arrow = true;
        i += 2;
      } else if (path.charAt(i) == '.') {
        i++;
      } else if (!out.isEmpty()) {
        throw new IllegalArgumentException("expected . or -> at " + i + " in \"" + path + "\"");
      }
      int start = i;
      while (i < n && (Character.isLetterOrDigit(path.charAt(i)) || path.charAt(i) == '_')) {
        i++;
      }
      if (start == i) {
        throw new IllegalArgumentException("expected a member name at " + i + " in \"" + path
            + "\"");
      }
      String name = path.substring(start, i);
      List<Long> subs = new ArrayList<>();
      while (i < n && path.charAt(i) == '[') {
        int close = path.indexOf(']', i);
        if (close < 0) {
          throw new IllegalArgumentException("unclosed [ at " + i + " in \"" + path + "\"");
        }
        try {
          subs.add(Long.decode(path.substring(i + 1, close).trim()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("subscript is not a number at " + i + " in \""
              + path + "\"");
        }
        i = close + 1;
      }
      out.add(new Segment(arrow, name, List.copyOf(subs)));
    }
    return new MemberPath(List.copyOf(out));
  }
}

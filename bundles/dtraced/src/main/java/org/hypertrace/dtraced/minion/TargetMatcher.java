package org.hypertrace.dtraced.minion;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides whether a program is for this node: HyperTrace's target field (the fifth probe
 * description field, in front) matched with shell globs ({@code *}, {@code ?}, {@code [...]})
 * against what {@code -x resolvers=} names: {@code hostname} (the host name and the node name)
 * and {@code version} (the kernel release and "OS release"). An empty target matches every node.
 */
public final class TargetMatcher {
  private final List<String> candidates;

  /**
   * @param resolvers comma-separated resolvers ("hostname,version" by default)
   * @param hostname  the host name
   * @param nodeName  the node name (vmname)
   * @param osName    the OS name
   * @param osVersion the kernel release
   */
  public TargetMatcher(String resolvers, String hostname, String nodeName, String osName,
      String osVersion) {
    java.util.ArrayList<String> c = new java.util.ArrayList<>();
    for (String r : resolvers.split(",")) {
      switch (r.trim()) {
        case "hostname":
          c.add(hostname);
          c.add(nodeName);
          break;
        case "version":
          c.add(osVersion);
          c.add(osName + " " + osVersion);
          break;
        case "":
          break;
        default:
          throw new IllegalArgumentException("unknown resolver '" + r.trim()
              + "' (expected hostname or version)");
      }
    }
    this.candidates = List.copyOf(c);
  }

  /** @param targets target globs of a program @return whether any selects this node */
  public boolean matches(List<String> targets) {
    if (targets.isEmpty()) {
      return true;
    }
    for (String t : targets) {
      if (t.isEmpty()) {
        return true;
      }
      Pattern p = glob(t);
      for (String c : candidates) {
        if (p.matcher(c).matches()) {
          return true;
        }
      }
    }
    return false;
  }

  /** @param glob a shell glob @return the equivalent regular expression */
  static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char ch = glob.charAt(i);
      switch (ch) {
        case '*':
          re.append(".*");
          break;
        case '?':
          re.append('.');
          break;
        case '[': {
          int end = glob.indexOf(']', i + 2);
          if (end < 0) {
            re.append("\\[");
            break;
          }
          String set = glob.substring(i + 1, end);
          re.append('[').append(set.startsWith("!") ? "^" + quoteSet(set.substring(1))
              : quoteSet(set)).append(']');
          i = end;
          break;
        }
        case '\\':
          if (i + 1 < glob.length()) {
            re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
          }
          break;
        default:
          re.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(re.toString());
  }

  private static String quoteSet(String set) {
    return set.replace("\\", "\\\\").replace("[", "\\[").replace("&", "\\&");
  }
}

package org.hypertrace.cli.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides from a D script's text whether it needs only the probes every engine has
 * ({@code dtrace:::BEGIN/END/ERROR}, {@code profile}/{@code tick}) or the kernel: a lexical pass
 * that finds the probe descriptions of the clauses (text at brace depth 0 before a block, minus
 * declarations), plus a few markers of kernel types and symbols.
 *
 * <p>Steps: (1) blank comments, strings, character constants and preprocessor lines; (2) cut the
 * text at depth 0 into heads (what precedes each depth-0 {@code {}}); (3) drop heads that are
 * declarations; (4) judge each comma-separated description of the rest, fields aligned to the name.
 */
final class ProbeScope {
  private static final Set<String> DECLARATION = Set.of("struct", "union", "enum", "typedef",
      "inline", "translator", "provider", "static", "extern", "const", "volatile", "register",
      "signed", "unsigned", "int", "char", "short", "long", "float", "double", "void", "string",
      "self", "this", "xlate");
  private static final Set<String> BUILTIN_NAMES = Set.of("BEGIN", "END", "ERROR");
  /** text that needs kernel types, symbols, stacks or a target process. */
  private static final Pattern KERNEL_MARK = Pattern.compile(
      "`|\\bcurthread\\b|\\bcurpsinfo\\b|\\bcurlwpsinfo\\b|\\bcurcpu\\b|\\b[uj]?stack\\s*\\("
      + "|\\$target\\b|\\buregs\\b|\\bargs\\s*\\[|\\bprogenyof\\b|\\bmutex_owned\\b"
      + "|\\b(func|mod|sym|ufunc|umod|usym|uaddr)\\s*\\("
      + "|\\bfds\\s*\\[|\\bgetmajor\\b|\\bddi_pathname\\b|\\bkthread_t\\b"
      + "|\\bproc_t\\b|\\bvnode_t\\b|\\bstruct\\s+(proc|vnode|cpu|kthread|file|buf|thread)\\b");

  /** a ksh test that names a kernel provider, a function-boundary probe or a build tool. */
  private static final Pattern SHELL_KERNEL = Pattern.compile(
      "\\b(fbt|syscall|proc|sched|io|pid[0-9]*|lockstat|sdt|mib|ip|tcp|udp|cpc|fasttrap"
      + "|sysinfo|vminfo|plockstat|nfsv[34]|sysevent|xdt|iscsi|fc|srp)\\s*:"
      + "|pid\\$|:entry\\b|:return\\b|\\$target|\\s-[cp]\\s|\\b(gcc|cc|make|java|javac|mdb"
      + "|ppriv|pfexec|modinfo|modload|modunload|prstat|dumpadm|svcadm|zoneadm|isainfo)\\b"
      + "|/usr/ccs|\\.exe\\b|`|\\b(unix|genunix|krtld)\\b");

  private ProbeScope() {}

  /**
   * @param script a ksh test
   * @return KERNEL when its text names kernel providers, function-boundary probes or tools
   */
  static SuiteTest.Scope ofShell(String script) {
    StringBuilder code = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.stripLeading().startsWith("#")) {
        code.append(line).append('\n');
      }
    }
    return SHELL_KERNEL.matcher(code).find() || KERNEL_MARK.matcher(code).find()
        ? SuiteTest.Scope.KERNEL : SuiteTest.Scope.INDEPENDENT;
  }

  /**
   * @param source a D script
   * @return its scope
   */
  static SuiteTest.Scope of(String source) {
    String code = blank(source);
    if (KERNEL_MARK.matcher(code).find()) {
      return SuiteTest.Scope.KERNEL;
    }
    for (String head : heads(code)) {
      for (String d : descriptions(head)) {
        if (!independent(d)) {
          return SuiteTest.Scope.KERNEL;
        }
      }
    }
    return SuiteTest.Scope.INDEPENDENT;
  }

  /** Probe descriptions of one clause head, or none if the head is a declaration. */
  static List<String> descriptions(String head) {
    String h = head.strip();
    int slash = h.indexOf('/');
    if (slash >= 0) {
      h = h.substring(0, slash).strip();
    }
    List<String> result = new ArrayList<>();
    if (h.isEmpty()) {
      return result;
    }
    String first = h.split("[\\s(*<]", 2)[0];
    if (DECLARATION.contains(first) || h.contains("=") || h.contains("(") || h.contains("[")) {
      return result;
    }
    for (String d : h.split(",")) {
      if (!d.isBlank()) {
        result.add(d.strip());
      }
    }
    return result;
  }

  /** Whether one description matches only dtrace or profile probes. */
  static boolean independent(String desc) {
    String[] f = desc.split(":", -1);
    String provider = f.length >= 4 ? f[f.length - 4] : "";
    String name = f[f.length - 1];
    if (provider.equals("dtrace") || provider.equals("profile")) {
      return true;
    }
    if (!provider.isEmpty()) {
      return false;
    }
    return BUILTIN_NAMES.contains(name) || name.startsWith("tick-")
        || name.startsWith("profile-");
  }

  /** The heads of depth-0 blocks in blanked code. */
  static List<String> heads(String code) {
    List<String> heads = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '{') {
        if (depth == 0) {
          heads.add(code.substring(start, i));
        }
        depth++;
      } else if (c == '}') {
        depth = Math.max(0, depth - 1);
        if (depth == 0) {
          start = i + 1;
        }
      } else if (c == ';' && depth == 0) {
        start = i + 1;
      }
    }
    return heads;
  }

  /** Replaces comments, string and char literals and preprocessor lines by blanks. */
  static String blank(String s) {
    StringBuilder b = new StringBuilder(s.length());
    int i = 0;
    boolean lineStart = true;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (lineStart && c == '#') {
        while (i < s.length() && s.charAt(i) != '\n') {
          b.append(' ');
          i++;
        }
        continue;
      }
      if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
        int end = s.indexOf("*/", i + 2);
        end = end < 0 ? s.length() : end + 2;
        for (; i < end; i++) {
          b.append(s.charAt(i) == '\n' ? '\n' : ' ');
        }
        continue;
      }
      if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
        while (i < s.length() && s.charAt(i) != '\n') {
          b.append(' ');
          i++;
        }
        continue;
      }
      if (c == '"' || c == '\'') {
        b.append(c);
        i++;
        while (i < s.length() && s.charAt(i) != c && s.charAt(i) != '\n') {
          if (s.charAt(i) == '\\') {
            b.append(' ');
            i++;
          }
          if (i < s.length()) {
            b.append(' ');
            i++;
          }
        }
        if (i < s.length()) {
          b.append(s.charAt(i));
          i++;
        }
        continue;
      }
      if (c == '\n') {
        lineStart = true;
      } else if (!Character.isWhitespace(c)) {
        lineStart = false;
      }
      b.append(c);
      i++;
    }
    return b.toString();
  }
}

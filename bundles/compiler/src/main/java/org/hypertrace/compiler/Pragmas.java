package org.hypertrace.compiler;

import java.util.List;
import java.util.Map;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DErrorTag;
import org.hypertrace.compiler.decl.TypeTable;
import org.hypertrace.compiler.lex.Pcb;
import org.hypertrace.compiler.lex.Tok;
import org.hypertrace.compiler.lex.Token;

/**
 * Control lines: port of dt_pragma.c {@code dt_pragma}. Handles {@code #pragma D option},
 * {@code #pragma D attributes|binding|depends_on} (accepted), {@code #pragma ident},
 * {@code #error}, {@code #line} / {@code # N "file"}; anything else gives D_PRAGCTL_INVAL or
 * D_PRAGMA_INVAL as libdtrace does.
 */
final class Pragmas {
  private final Pcb pcb;
  private final Map<String, String> options;
  private final TypeTable types;
  /** Receives the version option ({@code dt_reduce}). */
  java.util.function.IntConsumer versionSink = v -> { };
  /** line offset set by #line: the lexer line plus this is the reported line. */
  int lineDelta;

  Pragmas(Pcb pcb, Map<String, String> options, TypeTable types) {
    this.pcb = pcb;
    this.options = options;
    this.types = types;
  }

  void process(List<Token> items, int line) throws DCompileException {
    if (items.isEmpty()) {
      return;
    }
    int kind = 0;
    for (int i = 0; i < items.size(); i++) {
      Token t = items.get(i);
      if (t.kind() == Tok.INT) {
        return;
      }
      if (t.kind() != Tok.IDENT) {
        throw pcb.error(DErrorTag.D_PRAGCTL_INVAL, line, "invalid control directive\n");
      }
      String w = t.text();
      if (kind == 0 && w.equals("pragma")) {
        kind = 1;
        continue;
      }
      if (kind == 1 && w.equals("D")) {
        kind = 2;
        continue;
      }
      List<Token> args = items.subList(i + 1, items.size());
      switch (w) {
        case "error":
          if (kind <= 2) {
            StringBuilder s = new StringBuilder();
            for (Token a : args) {
              s.append(s.length() > 0 ? " " : "").append(a.text());
            }
            throw pcb.error(DErrorTag.D_PRAGERR, line, "#%s: %s\n", w, s);
          }
          break;
        case "ident":
        case "line":
          return;
        case "option":
          if (kind == 2) {
            option(w, args, line);
            return;
          }
          break;
        case "attributes":
          if (kind == 2) {
            attributes(w, args, line);
            return;
          }
          break;
        case "binding":
          if (kind == 2) {
            binding(w, args, line);
            return;
          }
          break;
        case "depends_on":
          if (kind == 2) {
            depends(w, args, line);
            return;
          }
          break;
        default:
          break;
      }
      switch (kind) {
        case 0:
          throw pcb.error(DErrorTag.D_PRAGCTL_INVAL, line, "invalid control directive: #%s\n", w);
        case 1:
          return;
        default:
          throw pcb.error(DErrorTag.D_PRAGMA_INVAL, line, "invalid D pragma: %s\n", w);
      }
    }
  }

  private static final java.util.List<String> STABILITY = java.util.List.of("internal",
      "private", "obsolete", "external", "unstable", "evolving", "stable", "standard");
  private static final java.util.List<String> CLASSES = java.util.List.of("unknown", "cpu",
      "platform", "group", "isa", "common");

  /** dtrace_str2attr. */
  static boolean validAttr(String s) {
    String[] p = s.split("/", -1);
    for (int i = 0; i < p.length && i < 3; i++) {
      if (p[i].isEmpty()) {
        return i > 0;
      }
      String v = p[i].toLowerCase(java.util.Locale.ROOT);
      if (i < 2 ? !STABILITY.contains(v) : !CLASSES.contains(v)) {
        return false;
      }
    }
    return true;
  }

  private void attributes(String prname, List<Token> args, int line) throws DCompileException {
    if (args.size() < 2 || args.get(0).kind() != Tok.IDENT || args.get(1).kind() != Tok.IDENT) {
      throw pcb.error(DErrorTag.D_PRAGMA_MALFORM, line, "malformed #pragma %s <attributes> "
          + "<ident>\n", prname);
    }
    if (!validAttr(args.get(0).text())) {
      throw pcb.error(DErrorTag.D_PRAGMA_INVAL, line, "invalid attributes specified by #pragma "
          + "%s\n", prname);
    }
    String name = args.get(1).text();
    if (name.equals("provider")) {
      return;
    }
    defer(name, prname, line);
  }

  private void binding(String prname, List<Token> args, int line) throws DCompileException {
    if (args.size() < 2 || args.get(0).kind() != Tok.STRING || args.get(1).kind() != Tok.IDENT) {
      throw pcb.error(DErrorTag.D_PRAGMA_MALFORM, line, "malformed #pragma %s \"version\" "
          + "<ident>\n", prname);
    }
    if (!args.get(0).text().matches("[0-9]+\\.[0-9]+(\\.[0-9]+)?")) {
      throw pcb.error(DErrorTag.D_PRAGMA_INVAL, line, "invalid version string specified by "
          + "#pragma %s\n", prname);
    }
    defer(args.get(1).text(), prname, line);
  }

  private void depends(String prname, List<Token> args, int line) throws DCompileException {
    if (args.size() < 2 || args.get(0).kind() != Tok.IDENT || args.get(1).kind() != Tok.IDENT) {
      throw pcb.error(DErrorTag.D_PRAGMA_MALFORM, line, "malformed #pragma %s <class> <name>\n",
          prname);
    }
    String cls = args.get(0).text();
    String name = args.get(1).text();
    switch (cls) {
      case "provider":
        if (!org.hypertrace.compiler.cook.ProbeCatalog.isKnownProvider(name)) {
          throw pcb.error(DErrorTag.D_PRAGMA_DEPEND, line, "program requires %s %s\n", cls,
              name);
        }
        return;
      case "module":
        return;
      case "library":
        throw pcb.error(DErrorTag.D_PRAGMA_DEPEND, line,
            "main program may not explicitly depend on a library");
      default:
        throw pcb.error(DErrorTag.D_PRAGMA_INVAL, line, "invalid class %s specified by #pragma "
            + "%s\n", cls, prname);
    }
  }

  /** Pragmas naming identifiers not (yet) defined: checked at the end (D_PRAGMA_UNUSED). */
  final Map<String, Object[]> deferred = new java.util.LinkedHashMap<>();

  private void defer(String name, String prname, int line) {
    deferred.putIfAbsent(name, new Object[] {prname, line});
  }

  private void option(String prname, List<Token> args, int line) throws DCompileException {
    if (args.isEmpty() || args.get(0).kind() != Tok.IDENT) {
      throw pcb.error(DErrorTag.D_PRAGMA_MALFORM, line,
          "malformed #pragma %s <option>=<val>\n", prname);
    }
    if (args.size() > 1) {
      throw pcb.error(DErrorTag.D_PRAGMA_MALFORM, line,
          "superfluous arguments specified for #pragma %s\n", prname);
    }
    String opt = args.get(0).text();
    String val = null;
    int eq = opt.indexOf('=');
    if (eq >= 0) {
      val = opt.substring(eq + 1);
      opt = opt.substring(0, eq);
    }
    String err = Options.check(opt, val);
    if (err != null) {
      if (val == null) {
        throw pcb.error(DErrorTag.D_PRAGMA_OPTSET, line, "failed to set option '%s': %s\n", opt,
            err);
      }
      throw pcb.error(DErrorTag.D_PRAGMA_OPTSET, line,
          "failed to set option '%s' to '%s': %s\n", opt, val, err);
    }
    options.put(opt, val == null ? "" : val);
    if (opt.equals("version")) {
      versionSink.accept(Options.parseVersion(val));
    }
    if (opt.equals("strsize") && val != null) {
      types.setStringSize(Options.parseSize(val));
    }
  }
}

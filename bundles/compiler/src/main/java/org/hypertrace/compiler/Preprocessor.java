package org.hypertrace.compiler;

import java.io.IOException;
import java.util.List;
import org.anarres.cpp.Feature;
import org.anarres.cpp.LexerException;
import org.anarres.cpp.PreprocessorListener;
import org.anarres.cpp.Source;
import org.anarres.cpp.StringLexerSource;
import org.anarres.cpp.Token;
import org.anarres.cpp.Warning;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DErrorTag;
import org.hypertrace.compiler.lex.Pcb;

/**
 * {@code -C}: runs the C preprocessor over the program, as dt_cc.c {@code dt_preproc} runs
 * cpp(1). Uses jcpp (org.anarres:jcpp). {@code -D}, {@code -U}, {@code -I} arrive in
 * {@link org.hypertrace.api.compile.CompileRequest#cppArgs()}; {@code #pragma} lines are passed
 * through for the D lexer. Line numbers are kept by emitting the same number of lines.
 */
final class Preprocessor {
  private Preprocessor() {}

  private static final String MARK = "__dtrace_ctl_";

  /**
   * Hides from cpp the lines the D lexer must see: {@code #pragma} lines (jcpp drops unknown
   * pragmas) and control lines indented before their {@code #} (illumos cpp leaves those alone,
   * so the D lexer reports them); {@code #!} lines are blanked. Each hidden line becomes a
   * marker identifier restored after preprocessing, so lines inside false conditionals vanish.
   */
  static String protect(String src, List<String> saved) {
    StringBuilder b = new StringBuilder(src.length());
    String[] lines = src.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      String t = l.stripLeading();
      if (t.startsWith("#!")) {
        l = "";
      } else if (t.startsWith("#") && (t.length() != l.length()
          || t.substring(1).stripLeading().startsWith("pragma"))) {
        saved.add(l);
        l = MARK + (saved.size() - 1) + "__";
      }
      b.append(l);
      if (i + 1 < lines.length) {
        b.append('\n');
      }
    }
    return b.toString();
  }

  /** @return the line of an #if/#ifdef/#ifndef left open at the end (jcpp accepts it), or 0. */
  static int unterminatedConditional(String src) {
    java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
    String[] lines = src.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (!l.startsWith("#")) {
        continue;
      }
      String d = l.substring(1).stripLeading();
      if (d.startsWith("if")) {
        open.push(i + 1);
      } else if (d.startsWith("endif") && !open.isEmpty()) {
        open.pop();
      }
    }
    return open.isEmpty() ? 0 : open.peek();
  }

  static String restore(String out, List<String> saved) {
    if (saved.isEmpty()) {
      return out;
    }
    StringBuilder b = new StringBuilder(out.length());
    int i = 0;
    while (true) {
      int j = out.indexOf(MARK, i);
      if (j < 0) {
        b.append(out, i, out.length());
        return b.toString();
      }
      int k = out.indexOf("__", j + MARK.length());
      b.append(out, i, j);
      int n = Integer.parseInt(out.substring(j + MARK.length(), k));
      b.append(saved.get(n));
      i = k + 2;
    }
  }

  /**
   * @return whether cpp could change {@code src}: a directive other than {@code #pragma} or
   *     {@code #!}, a {@code //} comment, a {@code __} name (predefined macros) or -D/-U/-I
   */
  static boolean needed(String src, List<String> args) {
    if (args != null && !args.isEmpty() || src.contains("//") || src.contains("__")) {
      return true;
    }
    int i = 0;
    while (i < src.length()) {
      int e = src.indexOf('\n', i);
      if (e < 0) {
        e = src.length();
      }
      int j = i;
      while (j < e && (src.charAt(j) == ' ' || src.charAt(j) == '\t')) {
        j++;
      }
      if (j < e && src.charAt(j) == '#') {
        String rest = src.substring(j + 1, e).stripLeading();
        if (!rest.startsWith("pragma") && !rest.startsWith("!")) {
          return true;
        }
      }
      i = e + 1;
    }
    return false;
  }

  static String run(Pcb pcb, String src, String file, List<String> args)
      throws DCompileException {
    if (!needed(src, args)) {
      return src;
    }
    org.anarres.cpp.Preprocessor pp = new org.anarres.cpp.Preprocessor();
    pp.addFeature(Feature.KEEPCOMMENTS);
    pp.addFeature(Feature.LINEMARKERS);
    pp.addWarning(Warning.IMPORT);
    final String[] error = {null};
    final int[] errLine = {0};
    pp.setListener(new PreprocessorListener() {
      @Override
      public void handleWarning(Source source, int line, int column, String msg) {
      }

      @Override
      public void handleError(Source source, int line, int column, String msg) {
        if (msg.startsWith("File not found")) {
          return;
        }
        if (error[0] == null) {
          error[0] = msg;
          errLine[0] = line;
        }
      }

      @Override
      public void handleSourceChange(Source source, SourceChangeEvent event) {
      }
    });
    try {
      pp.addMacro("__SUNW_D", "1");
      pp.addMacro("__SUNW_D_VERSION", "0x01010000");
      pp.addMacro("__sparcv9", "0");
      pp.addMacro("__amd64", "1");
      pp.addMacro("__x86_64", "1");
      pp.addMacro("__linux__", "1");
      pp.addMacro("_LITTLE_ENDIAN", "1");
      pp.addMacro("_LP64", "1");
      pp.addMacro("__x86_64__", "1");
      if (args != null) {
        for (String a : args) {
          if (a.startsWith("-D")) {
            String d = a.substring(2);
            int eq = d.indexOf('=');
            if (eq >= 0) {
              pp.addMacro(d.substring(0, eq), d.substring(eq + 1));
            } else {
              pp.addMacro(d);
            }
          } else if (a.startsWith("-U")) {
            pp.getMacros().remove(a.substring(2));
          } else if (a.startsWith("-I")) {
            List<String> p = new java.util.ArrayList<>(pp.getQuoteIncludePath());
            p.add(a.substring(2));
            pp.setQuoteIncludePath(p);
            List<String> s = new java.util.ArrayList<>(pp.getSystemIncludePath());
            s.add(a.substring(2));
            pp.setSystemIncludePath(s);
          }
        }
      }
      int open = unterminatedConditional(src);
      if (open > 0) {
        throw pcb.error(DErrorTag.D_PRAGERR, open, "unterminated #if\n");
      }
      List<String> saved = new java.util.ArrayList<>();
      pp.addInput(new StringLexerSource(protect(src, saved), true));
      StringBuilder out = new StringBuilder();
      int line = 1;
      while (true) {
        Token t = pp.token();
        if (t.getType() == Token.EOF) {
          break;
        }
        if (t.getType() == Token.P_LINE) {
          continue;
        }
        String text = t.getText();
        if (t.getType() == Token.CCOMMENT || t.getType() == Token.CPPCOMMENT) {
          long nl = text.chars().filter(ch -> ch == '\n').count();
          text = t.getType() == Token.CPPCOMMENT ? "" : " " + "\n".repeat((int) nl);
        }
        out.append(text);
      }
      if (error[0] != null) {
        throw pcb.error(DErrorTag.D_PRAGERR, errLine[0], "%s\n", error[0]);
      }
      return restore(out.toString(), saved);
    } catch (IOException | LexerException | RuntimeException e) {
      throw pcb.error(DErrorTag.D_PRAGERR, 0, "preprocessor failed: %s\n", e.getMessage());
    } finally {
      try {
        pp.close();
      } catch (IOException e) {
        // nothing to release beyond the in-memory source
      }
    }
  }
}

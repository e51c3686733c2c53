package org.hypertrace.kernel.ebpf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the kernel program sources of kernel-modules/ into {@link BpfTemplate}s: the
 * {@link BpfTextParser} syntax, plus
 * <ul>
 *   <li>{@code .fragment NAME [LABEL...]} starts a fragment; the labels are its parameters,
 *       placed by the code that emits it (a guard's "skip");</li>
 *   <li>{@code .splice NAME [LABEL...]} marks where load time inserts code, handing it labels;</li>
 *   <li>{@code ${name}} or {@code ${name + N}} in an immediate, a memory offset
 *       ({@code (r0 + ${task.pid})}) or a map ({@code map[${ring}]}) is a hole filled at load
 *       time.</li>
 * </ul>
 * Errors name the file and line, as a compiler's do.
 */
public final class BpfTemplateParser {
  private static final Pattern HOLE = Pattern.compile(
      "\\$\\{\\s*([A-Za-z_][\\w.]*)\\s*(?:([+-])\\s*(\\d+)\\s*)?}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][\\w.]*");

  private final String file;
  private final List<BpfTemplate> out = new ArrayList<>();
  private String name;
  private List<String> params;
  private BpfTextParser parser;
  private Recorder rec;
  private int startLine;

  private BpfTemplateParser(String file) {
    this.file = file;
  }

  /**
   * @param file name for messages
   * @param text the source
   * @return its fragments, in order
   * @throws IllegalArgumentException "file:line: message" for the first error
   */
  public static List<BpfTemplate> parse(String file, String text) {
    BpfTemplateParser p = new BpfTemplateParser(file);
    int lineNo = 0;
    for (String raw : text.split("\n", -1)) {
      lineNo++;
      String s = BpfTextParser.strip(raw);
      if (s.isEmpty()) {
        continue;
      }
      try {
        p.line(s, lineNo);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new IllegalArgumentException(file + ":" + lineNo + ": " + e.getMessage() + ": "
            + raw.strip(), e);
      }
    }
    try {
      p.finish();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ":" + p.startLine + ": " + e.getMessage(), e);
    }
    return p.out;
  }

  private void line(String s, int lineNo) {
    String[] words = s.split(" ");
    if (words[0].equals(".fragment")) {
      finish();
      if (words.length < 2) {
        throw new IllegalArgumentException(".fragment needs a name");
      }
      name = checkName(words[1]);
      params = names(words, 2);
      parser = new BpfTextParser();
      rec = new Recorder();
      startLine = lineNo;
      return;
    }
    if (rec == null) {
      throw new IllegalArgumentException("code before the first .fragment");
    }
    if (words[0].equals(".splice")) {
      if (words.length < 2) {
        throw new IllegalArgumentException(".splice needs a name");
      }
      rec.marks.add(new BpfTemplate.Mark(rec.size(), true, checkName(words[1]),
          names(words, 2)));
      rec.used.addAll(names(words, 2));
      return;
    }
    if (words[0].startsWith(".") && !s.endsWith(":")) {
      throw new IllegalArgumentException("unknown directive " + words[0]);
    }
    parser.parseLine(holes(s), rec);
  }

  private static String checkName(String n) {
    if (!NAME.matcher(n).matches()) {
      throw new IllegalArgumentException("bad name " + n);
    }
    return n;
  }

  private static List<String> names(String[] words, int from) {
    List<String> l = new ArrayList<>();
    for (String w : Arrays.asList(words).subList(from, words.length)) {
      l.add(checkName(w));
    }
    return l;
  }

  /** Records the holes of a line against the next instruction and puts 0 in their place. */
  private String holes(String s) {
    Matcher m = HOLE.matcher(s);
    StringBuilder b = new StringBuilder();
    int count = 0;
    while (m.find()) {
      if (++count > 1) {
        throw new IllegalArgumentException("one hole per instruction");
      }
      String before = s.substring(0, m.start());
      int field;
      if (before.endsWith("map[")) {
        field = BpfTemplate.FIELD_IMM64;
      } else if (before.matches(".*\\(r\\d+ \\+ $")) {
        field = BpfTemplate.FIELD_OFF;
      } else if (before.matches(".*\\(r\\d+ - $")) {
        throw new IllegalArgumentException("a hole in an offset is added: write (rN + ${...})");
      } else {
        field = s.endsWith(" ll") ? BpfTemplate.FIELD_IMM64 : BpfTemplate.FIELD_IMM;
      }
      long addend = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
      if ("-".equals(m.group(2))) {
        addend = -addend;
      }
      rec.holes.add(new BpfTemplate.Hole(rec.size(), field, m.group(1), addend));
      m.appendReplacement(b, "0");
    }
    m.appendTail(b);
    return b.toString();
  }

  /** Closes the current fragment: every jump must reach a label placed in it or a parameter. */
  private void finish() {
    if (rec == null) {
      return;
    }
    List<String> placed = new ArrayList<>();
    for (BpfTemplate.Mark m : rec.marks) {
      if (!m.splice()) {
        if (params.contains(m.name())) {
          throw new IllegalArgumentException("fragment " + name + " places its parameter "
              + m.name());
        }
        placed.add(m.name());
      }
    }
    List<String> wanted = new ArrayList<>(rec.used);
    for (BpfTemplate.Jump j : rec.jumps) {
      wanted.add(j.label());
    }
    for (String l : wanted) {
      if (!placed.contains(l) && !params.contains(l)) {
        throw new IllegalArgumentException("fragment " + name + ": label " + l
            + " is never placed");
      }
    }
    out.add(new BpfTemplate(name, params, rec.toByteArray(), rec.holes, rec.marks, rec.jumps));
    rec = null;
  }

  /** Assembles with labels resolved in place, and remembers labels and jump targets by name. */
  private static final class Recorder extends BpfAssembler {
    final List<BpfTemplate.Hole> holes = new ArrayList<>();
    final List<BpfTemplate.Mark> marks = new ArrayList<>();
    final List<BpfTemplate.Jump> jumps = new ArrayList<>();
    final List<String> used = new ArrayList<>();
    private final List<Label> dangling = new ArrayList<>();

    @Override
    public void visitLabel(Label label) {
      super.visitLabel(label);
      marks.add(new BpfTemplate.Mark(size(), false, label.toString(), List.of()));
    }

    @Override
    public void visitJumpInsn(int opcode, int dst, int src, int imm, Label target) {
      jumps.add(new BpfTemplate.Jump(size(), target.toString()));
      super.visitJumpInsn(opcode, dst, src, imm, target);
      dangling.add(target);
    }

    @Override
    public byte[] toByteArray() {
      // parameters are placed by the caller: here they stand at the end, so the code assembles
      for (Label l : dangling) {
        if (l.position() < 0) {
          visitLabelAtEnd(l);
        }
      }
      return super.toByteArray();
    }

    private void visitLabelAtEnd(Label l) {
      super.visitLabel(l);
    }
  }
}

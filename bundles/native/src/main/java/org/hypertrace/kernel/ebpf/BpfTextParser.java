package org.hypertrace.kernel.ebpf;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads eBPF assembly text (the syntax {@link BpfDisassembler} prints) into a {@link BpfVisitor},
 * so that programs can live as text (kernel-modules/*.s) and listings round-trip. Comments start
 * with {@code ;}, {@code #} or {@code //}. Errors name the line.
 */
public final class BpfTextParser implements Opcodes {
  private static final String IMM = "(-?(?:0x[0-9a-fA-F]+|\\d+))";
  private static final String MEM = "\\*\\(([us])(8|16|32|64) \\*\\)\\(r(\\d+) ([+-]) (\\d+)\\)";
  private static final Pattern LABEL = Pattern.compile("([A-Za-z_.][\\w.]*):");
  private static final Pattern CALL = Pattern.compile("call (\\w+)");
  private static final Pattern GOTO = Pattern.compile("goto ([\\w.]+)");
  private static final Pattern COND = Pattern.compile(
      "if ([rw])(\\d+) (==|!=|>=|<=|>|<|s>=|s<=|s>|s<|&) (?:([rw])(\\d+)|" + IMM
          + ") goto ([\\w.]+)");
  private static final Pattern LDIMM64 = Pattern.compile(
      "r(\\d+) = (?:map\\[(\\d+)\\]|" + IMM + ") ll");
  private static final Pattern LOAD = Pattern.compile("r(\\d+) = " + MEM);
  private static final Pattern STORE = Pattern.compile(MEM + " = (?:r(\\d+)|" + IMM + ")");
  private static final Pattern ATOMIC = Pattern.compile("lock (\\w+) " + MEM + ", r(\\d+)");
  private static final Pattern NEG = Pattern.compile("([rw])(\\d+) = -([rw])(\\d+)");
  private static final Pattern END = Pattern.compile("r(\\d+) = (be|le)(16|32|64) r(\\d+)");
  private static final Pattern ALU = Pattern.compile(
      "([rw])(\\d+) (=|\\+=|-=|\\*=|/=|\\|=|&=|<<=|>>=|%=|\\^=|s>>=) (?:([rw])(\\d+)|" + IMM + ")");

  private final Map<String, Label> labels = new HashMap<>();
  private int lineNo;

  /**
   * Parses text and drives v; ends with {@link BpfVisitor#visitEnd}.
   *
   * @throws IllegalArgumentException naming the line of the first malformed instruction
   */
  public static void parse(String text, BpfVisitor v) {
    new BpfTextParser().run(text, v);
  }

  /** @return the bytes of an assembled text */
  public static byte[] assemble(String text) {
    BpfAssembler a = new BpfAssembler();
    parse(text, a);
    return a.toByteArray();
  }

  /** A parser whose labels live until it is dropped: drive it with {@link #parseLine}. */
  public BpfTextParser() {}

  /** @return the line without its comment, trimmed, blanks collapsed to one space */
  public static String strip(String raw) {
    String s = raw;
    for (String c : new String[] {";", "#", "//"}) {
      int at = s.indexOf(c);
      if (at >= 0) {
        s = s.substring(0, at);
      }
    }
    return s.strip().replaceAll("\\s+", " ");
  }

  /**
   * Parses one stripped, non-empty line (an instruction or a label) into v; labels are shared
   * with the parser's earlier and later lines.
   *
   * @throws IllegalArgumentException when the line is not an instruction
   */
  public void parseLine(String s, BpfVisitor v) {
    line(s, v);
  }

  private void run(String text, BpfVisitor v) {
    for (String raw : text.split("\n", -1)) {
      lineNo++;
      String s = strip(raw);
      if (!s.isEmpty()) {
        try {
          line(s, v);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("line " + lineNo + ": " + e.getMessage()
              + ": " + raw.strip(), e);
        }
      }
    }
    v.visitEnd();
  }

  private Label label(String name) {
    return labels.computeIfAbsent(name, Label::new);
  }

  private static long imm(String s) {
    boolean neg = s.startsWith("-");
    String m = neg ? s.substring(1) : s;
    long v = m.startsWith("0x") || m.startsWith("0X") ? Long.parseUnsignedLong(m.substring(2), 16)
        : Long.parseLong(m);
    return neg ? -v : v;
  }

  private static int reg(String r) {
    int n = Integer.parseInt(r);
    if (n > 10) {
      throw new IllegalArgumentException("no register r" + n);
    }
    return n;
  }

  private static int off(String sign, String abs) {
    int o = Integer.parseInt(abs);
    return sign.equals("-") ? -o : o;
  }

  private static int size(String bits) {
    return BpfSyntax.size(Integer.parseInt(bits));
  }

  private void line(String s, BpfVisitor v) {
    Matcher m;
    if ((m = LABEL.matcher(s)).matches()) {
      v.visitLabel(label(m.group(1)));
    } else if (s.equals("exit")) {
      v.visitExitInsn();
    } else if ((m = CALL.matcher(s)).matches()) {
      int id = BpfSyntax.helperId(m.group(1));
      if (id < 0) {
        throw new IllegalArgumentException("unknown helper " + m.group(1));
      }
      v.visitCallInsn(id);
    } else if ((m = GOTO.matcher(s)).matches()) {
      v.visitJumpInsn(BPF_JMP | BPF_JA, 0, 0, 0, label(m.group(1)));
    } else if ((m = COND.matcher(s)).matches()) {
      int cls = m.group(1).equals("w") ? BPF_JMP32 : BPF_JMP;
      int op = BpfSyntax.jumpOp(m.group(3));
      if (m.group(4) != null) {
        v.visitJumpInsn(cls | op | BPF_X, reg(m.group(2)), reg(m.group(5)), 0, label(m.group(7)));
      } else {
        v.visitJumpInsn(cls | op | BPF_K, reg(m.group(2)), 0, (int) imm(m.group(6)),
            label(m.group(7)));
      }
    } else if ((m = LDIMM64.matcher(s)).matches()) {
      if (m.group(2) != null) {
        v.visitLdImm64Insn(reg(m.group(1)), BPF_PSEUDO_MAP_FD, Long.parseLong(m.group(2)));
      } else {
        v.visitLdImm64Insn(reg(m.group(1)), 0, imm(m.group(3)));
      }
    } else if ((m = LOAD.matcher(s)).matches()) {
      int mode = m.group(2).equals("s") ? BPF_MEMSX : BPF_MEM;
      v.visitLoadInsn(BPF_LDX | size(m.group(3)) | mode, reg(m.group(1)), reg(m.group(4)),
          off(m.group(5), m.group(6)));
    } else if ((m = STORE.matcher(s)).matches()) {
      int size = size(m.group(2));
      int dst = reg(m.group(3));
      int off = off(m.group(4), m.group(5));
      if (m.group(6) != null) {
        v.visitStoreInsn(BPF_STX | size | BPF_MEM, dst, reg(m.group(6)), off, 0);
      } else {
        v.visitStoreInsn(BPF_ST | size | BPF_MEM, dst, 0, off, (int) imm(m.group(7)));
      }
    } else if ((m = ATOMIC.matcher(s)).matches()) {
      int op = BpfSyntax.atomicOp(m.group(1));
      if (op < 0) {
        throw new IllegalArgumentException("unknown atomic operation " + m.group(1));
      }
      v.visitAtomicInsn(BPF_STX | size(m.group(3)) | BPF_ATOMIC, reg(m.group(4)),
          reg(m.group(7)), off(m.group(5), m.group(6)), op);
    } else if ((m = NEG.matcher(s)).matches()) {
      int cls = m.group(1).equals("w") ? BPF_ALU : BPF_ALU64;
      v.visitAluInsn(cls | BPF_NEG, reg(m.group(2)), 0, 0);
    } else if ((m = END.matcher(s)).matches()) {
      int src = m.group(2).equals("be") ? BPF_TO_BE : BPF_TO_LE;
      v.visitAluInsn(BPF_ALU | BPF_END | src, reg(m.group(1)), 0, Integer.parseInt(m.group(3)));
    } else if ((m = ALU.matcher(s)).matches()) {
      int cls = m.group(1).equals("w") ? BPF_ALU : BPF_ALU64;
      int op = BpfSyntax.aluOp(m.group(3));
      if (m.group(4) != null) {
        v.visitAluInsn(cls | op | BPF_X, reg(m.group(2)), reg(m.group(5)), 0);
      } else {
        v.visitAluInsn(cls | op | BPF_K, reg(m.group(2)), 0, (int) imm(m.group(6)));
      }
    } else {
      throw new IllegalArgumentException("not an eBPF instruction");
    }
  }
}

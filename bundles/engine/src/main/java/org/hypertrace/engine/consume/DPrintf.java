package org.hypertrace.engine.consume;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed D format string and the C printf rules that print it: port of dt_printf.c
 * ({@code dt_printf_create}, {@code dt_printf_format} and the {@code pfprint_*} functions).
 *
 * <p>Integer arguments are first narrowed to their record size and signedness, as
 * {@code pfprint_sint}/{@code pfprint_uint} cast them, then printed with C's flag, width and
 * precision rules.
 */
public final class DPrintf {
  /** One piece of a format: literal text, or a conversion. */
  static final class Conv {
    String text;
    boolean minus;
    boolean plus;
    boolean space;
    boolean zero;
    boolean alt;
    boolean agg;
    int width = -1;
    boolean starWidth;
    int prec = -1;
    boolean starPrec;
    String length = "";
    char conv;
  }

  /** The aggregation datum of a {@code %@} conversion (printa). */
  public interface AggPrinter {
    /** @return the scalar value (count, sum, avg ...), or null for a histogram */
    Value scalar();

    /** @param sb where the histogram goes */
    void histogram(StringBuilder sb);
  }

  private final List<Conv> pieces = new ArrayList<>();
  private final String source;

  /** @param format the format as written in D (escapes already decoded by the compiler) */
  public DPrintf(String format) {
    this.source = format;
    parse(format);
  }

  /** @return the source format */
  public String source() {
    return source;
  }

  /** @return true if a conversion prints the aggregation value ({@code %@}) */
  public boolean hasAggConversion() {
    for (Conv c : pieces) {
      if (c.agg) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param index an argument record's position
   * @return the conversion character that consumes it ({@code '*'} for a star width or
   *     precision), or 0 past the last
   */
  public char argConversion(int index) {
    int n = 0;
    for (Conv c : pieces) {
      if (c.text != null || c.conv == '%') {
        continue;
      }
      for (int k = (c.starWidth ? 1 : 0) + (c.starPrec ? 1 : 0); k > 0; k--) {
        if (n++ == index) {
          return '*';
        }
      }
      if (!c.agg && n++ == index) {
        return c.conv;
      }
    }
    return 0;
  }

  /**
   * @param conv a conversion character
   * @return whether some conversion of the format is it
   */
  public boolean hasConversion(char conv) {
    for (Conv c : pieces) {
      if (c.text == null && c.conv == conv) {
        return true;
      }
    }
    return false;
  }

  /** @return number of argument records the conversions consume */
  public int argCount() {
    int n = 0;
    for (Conv c : pieces) {
      if (c.text == null && c.conv != '%') {
        n += (c.starWidth ? 1 : 0) + (c.starPrec ? 1 : 0) + (c.agg ? 0 : 1);
      }
    }
    return n;
  }

  private void parse(String f) {
    StringBuilder lit = new StringBuilder();
    int i = 0;
    int n = f.length();
    while (i < n) {
      char ch = f.charAt(i);
      if (ch != '%') {
        lit.append(ch);
        i++;
        continue;
      }
      if (i + 1 < n && f.charAt(i + 1) == '%') {
        lit.append('%');
        i += 2;
        continue;
      }
      if (lit.length() > 0) {
        Conv t = new Conv();
        t.text = lit.toString();
        pieces.add(t);
        lit.setLength(0);
      }
      Conv c = new Conv();
      i++;
      for (; i < n; i++) {
        char x = f.charAt(i);
        if (x == '-') c.minus = true;
        else if (x == '+') c.plus = true;
        else if (x == ' ') c.space = true;
        else if (x == '0') c.zero = true;
        else if (x == '#') c.alt = true;
        else if (x == '@') c.agg = true;
        else if (x == '\'') continue;
        else break;
      }
      if (i < n && f.charAt(i) == '*') {
        c.starWidth = true;
        i++;
      } else {
        int w = 0;
        boolean any = false;
        while (i < n && Character.isDigit(f.charAt(i))) {
          w = w * 10 + (f.charAt(i++) - '0');
          any = true;
        }
        if (any) {
          c.width = w;
        }
      }
      if (i < n && f.charAt(i) == '.') {
        i++;
        if (i < n && f.charAt(i) == '*') {
          c.starPrec = true;
          i++;
        } else {
          int p = 0;
          while (i < n && Character.isDigit(f.charAt(i))) {
            p = p * 10 + (f.charAt(i++) - '0');
          }
          c.prec = p;
        }
      }
      while (i < n && f.charAt(i) == '@') {
        c.agg = true;
        i++;
      }
      int ls = i;
      while (i < n && "hlLwjzt?".indexOf(f.charAt(i)) >= 0) {
        i++;
      }
      c.length = f.substring(ls, i);
      c.conv = i < n ? f.charAt(i++) : '%';
      pieces.add(c);
    }
    if (lit.length() > 0) {
      Conv t = new Conv();
      t.text = lit.toString();
      pieces.add(t);
    }
  }

  /**
   * Formats.
   *
   * @param sb   output
   * @param args argument records in order
   * @param agg  printer of {@code %@} (printa), or null
   * @return records consumed
   */
  public int format(StringBuilder sb, List<Value> args, AggPrinter agg) {
    int ai = 0;
    for (Conv c : pieces) {
      if (c.text != null) {
        sb.append(c.text);
        continue;
      }
      if (c.conv == '%') {
        sb.append('%');
        continue;
      }
      int width = c.width;
      boolean minus = c.minus;
      int prec = c.prec;
      if (c.starWidth) {
        width = ai < args.size() ? (int) args.get(ai++).value() : 0;
        if (width < 0) {
          minus = true;
          width = -width;
        }
      }
      if (c.starPrec) {
        prec = ai < args.size() ? (int) args.get(ai++).value() : -1;
      }
      if (c.agg) {
        if (agg != null) {
          Value sv = agg.scalar();
          if (sv == null) {
            agg.histogram(sb);
          } else {
            sb.append(convert(c, sv, width, minus, prec));
          }
        }
        continue;
      }
      if (ai >= args.size()) {
        continue;
      }
      Value v = args.get(ai++);
      sb.append(convert(c, v, width, minus, prec));
    }
    return ai;
  }

  /**
   * The conversions of records whose addresses print as symbols: pfprint_stack for {@code %k}
   * (a left-aligned width becomes the frames' indentation), pfprint_mod/pfprint_umod for
   * mod()/umod() records whatever the conversion, pfprint_addr ({@code %a}) and pfprint_uaddr
   * ({@code %A}) with the function and offset.
   */
  private static String symbolic(Conv c, Symbolic v, int width, boolean minus) {
    StackPrinter p = v.printer();
    long[] w = v.words();
    if (Symbolic.isStack(v.kind())) {
      StringBuilder b = new StringBuilder();
      int indent = minus ? Math.max(0, width) : 0;
      if (v.kind() == Symbolic.STACK) {
        p.stack(b, w, 0, w.length, SymbolCache.KERNEL, indent, width, minus);
      } else if (w.length > 1) {
        p.stack(b, w, 1, w.length - 1, (int) w[0], indent, width, minus);
      }
      return b.toString();
    }
    String body;
    if (v.kind() == Symbolic.MOD || v.kind() == Symbolic.UMOD) {
      body = p.text(v);
    } else if (Symbolic.isUser(v.kind())) {
      body = p.frame(w[1], (int) w[0]);
    } else {
      body = p.frame(w[0], SymbolCache.KERNEL);
    }
    return pad(body, width, minus, false);
  }

  private static String convert(Conv c, Value v, int width, boolean minus, int prec) {
    String body;
    if (v.symbolic() != null && v.symbolic().printer() != null
        && (c.conv == 'k' || c.conv == 'a' || c.conv == 'A'
        || v.symbolic().kind() == Symbolic.MOD || v.symbolic().kind() == Symbolic.UMOD)) {
      return symbolic(c, v.symbolic(), width, minus);
    }
    // dt_printf_format passes a precision only when positive
    prec = prec > 0 ? prec : -1;
    switch (c.conv) {
      case 'd': case 'i':
        if (v.unsigned() && c.length.isEmpty()) {
          return integer(c, unsigned(c, v), false, 10, width, minus, prec);
        }
        return integer(c, signed(c, v), true, 10, width, minus, prec);
      case 'u':
        return integer(c, unsigned(c, v), false, 10, width, minus, prec);
      case 'o':
        return integer(c, unsigned(c, v), false, 8, width, minus, prec);
      case 'x': case 'X': case 'p':
        return integer(c, unsigned(c, v), false, 16, width, minus, prec);
      case 'c':
        body = String.valueOf((char) (v.value() & 0xff));
        return pad(body, width, minus, false);
      case 'C':
        body = escape(String.valueOf((char) (v.value() & 0xff)));
        return pad(body, width, minus, false);
      case 's':
        body = v.isString() ? v.string() : v.bytes() != null ? chars(v.bytes())
            : Long.toString(v.value());
        if (prec >= 0 && body.length() > prec) {
          body = body.substring(0, prec);
        }
        return pad(body, width, minus, false);
      case 'S':
        body = escape(v.isString() ? v.string() : v.bytes() != null ? chars(v.bytes())
            : Long.toString(v.value()));
        if (prec >= 0 && body.length() > prec) {
          body = body.substring(0, prec);
        }
        return pad(body, width, minus, false);
      case 'a': case 'A':
        return pad("0x" + Long.toHexString(v.value()), width, minus, false);
      case 'k':
        return pad("", width, minus, false);
      case 'Y':
        return pad(ctimeY(v.value()), width, minus, false);
      case 'T':
        return pad(rfc822(v.value()), width, minus, false);
      case 'P':
        return pad(Integer.toString((int) (Short.reverseBytes((short) v.value()) & 0xffff)),
            width, minus, false);
      case 'e': case 'E': case 'f': case 'g': case 'G':
        return floating(c, v, width, minus, prec);
      default:
        return "";
    }
  }

  private static long narrow(Conv c, Value v) {
    int size = v.size();
    if (c.length.equals("h")) {
      size = 2;
    } else if (c.length.equals("hh")) {
      size = 1;
    }
    return switch (size) {
      case 1 -> (byte) v.value();
      case 2 -> (short) v.value();
      case 4 -> (int) v.value();
      default -> v.value();
    };
  }

  private static long signed(Conv c, Value v) {
    return narrow(c, v);
  }

  private static long unsigned(Conv c, Value v) {
    int size = v.size();
    if (c.length.equals("h")) {
      size = 2;
    } else if (c.length.equals("hh")) {
      size = 1;
    }
    long x = v.value();
    return switch (size) {
      case 1 -> x & 0xff;
      case 2 -> x & 0xffff;
      case 4 -> x & 0xffffffffL;
      default -> x;
    };
  }

  /** C's integer conversion with flags, width and precision. */
  static String integer(Conv c, long x, boolean signed, int radix, int width, boolean minus,
      int prec) {
    boolean neg = signed && x < 0;
    String digits;
    if (signed) {
      digits = neg ? Long.toString(x).substring(1) : Long.toString(x);
    } else {
      digits = Long.toUnsignedString(x, radix);
    }
    if (c.conv == 'X') {
      digits = digits.toUpperCase(Locale.ROOT);
    }
    if (prec == 0 && x == 0) {
      digits = "";
    }
    if (prec > digits.length()) {
      digits = "0".repeat(prec - digits.length()) + digits;
    }
    String prefix = "";
    if (neg) {
      prefix = "-";
    } else if (signed && c.plus) {
      prefix = "+";
    } else if (signed && c.space) {
      prefix = " ";
    }
    if (c.alt && radix == 16 && x != 0) {
      prefix = c.conv == 'X' ? "0X" : "0x";
    } else if (c.alt && radix == 8 && !digits.startsWith("0")) {
      digits = "0" + digits;
    }
    int len = prefix.length() + digits.length();
    if (width > len) {
      if (minus) {
        return prefix + digits + " ".repeat(width - len);
      }
      if (c.zero && prec < 0) {
        return prefix + "0".repeat(width - len) + digits;
      }
      return " ".repeat(width - len) + prefix + digits;
    }
    return prefix + digits;
  }

  private static String floating(Conv c, Value v, int width, boolean minus, int prec) {
    double x = v.isString() ? 0 : (double) v.value();
    int p = prec >= 0 ? prec : 6;
    String body;
    char conv = c.conv;
    if (conv == 'g' || conv == 'G') {
      body = general(x, p == 0 ? 1 : p, c.alt);
      if (conv == 'G') {
        body = body.toUpperCase(Locale.ROOT);
      }
    } else {
      body = String.format(Locale.ROOT, "%." + p + (conv == 'E' ? "E" : conv == 'e' ? "e" : "f"),
          Math.abs(x));
    }
    if (body.startsWith("-")) {
      body = body.substring(1);
    }
    String sign = x < 0 || (x == 0 && 1 / x < 0) ? "-" : c.plus ? "+" : c.space ? " " : "";
    int len = sign.length() + body.length();
    if (width > len) {
      if (minus) {
        return sign + body + " ".repeat(width - len);
      }
      if (c.zero) {
        return sign + "0".repeat(width - len) + body;
      }
      return " ".repeat(width - len) + sign + body;
    }
    return sign + body;
  }

  /** C's %g: %e or %f by the exponent, trailing zeros removed unless '#'. */
  private static String general(double x, int p, boolean alt) {
    double a = Math.abs(x);
    if (a == 0) {
      return alt ? "0." + "0".repeat(Math.max(0, p - 1)) : "0";
    }
    String e = String.format(Locale.ROOT, "%." + (p - 1) + "e", a);
    int exp = Integer.parseInt(e.substring(e.indexOf('e') + 1));
    String r;
    if (exp < -4 || exp >= p) {
      String mant = e.substring(0, e.indexOf('e'));
      if (!alt) {
        mant = strip(mant);
      }
      r = mant + e.substring(e.indexOf('e'));
    } else {
      r = String.format(Locale.ROOT, "%." + (p - 1 - exp) + "f", a);
      if (!alt) {
        r = strip(r);
      }
    }
    return r;
  }

  private static String strip(String s) {
    if (s.indexOf('.') < 0) {
      return s;
    }
    int e = s.length();
    while (s.charAt(e - 1) == '0') {
      e--;
    }
    if (s.charAt(e - 1) == '.') {
      e--;
    }
    return s.substring(0, e);
  }

  /** Pads a string to a width, right-aligned unless {@code minus}. */
  public static String pad(String s, int width, boolean minus, boolean zero) {
    if (width <= s.length()) {
      return s;
    }
    String p = (zero ? "0" : " ").repeat(width - s.length());
    return minus ? s + p : p + s;
  }

  /** Port of {@code strchr2esc}: C escapes for non-printable characters. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case 0 -> b.append("\\0");
        case 7 -> b.append("\\a");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case 11 -> b.append("\\v");
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c != ' ' && (c < '!' || c > '~')) {
            b.append('\\').append(String.format("%03o", c & 0xff));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  private static final DateTimeFormatter CTIME =
      DateTimeFormatter.ofPattern("yyyy MMM ppd HH:mm:ss", Locale.ROOT);

  /** {@code %Y}: ctime's fields reordered as "2026 Nov 26 13:58:30". */
  static String ctimeY(long ns) {
    ZonedDateTime t = Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L))
        .atZone(ZoneId.systemDefault());
    return CTIME.format(t);
  }

  private static String rfc822(long ns) {
    ZonedDateTime t = Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L))
        .atZone(ZoneId.systemDefault());
    return DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.ROOT).format(t);
  }

  /** %s of a by-reference char array: its characters up to the first NUL. */
  private static String chars(byte[] b) {
    int n = 0;
    while (n < b.length && b[n] != 0) {
      n++;
    }
    return new String(b, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}

package org.hypertrace.engine.consume;

/**
 * Prints traced records as dtrace(1) does: port of the record loop of dt_consume.c
 * ({@code dt_consume_cpu}'s size switch, {@code dt_print_bytes}) and of dtrace.c's {@code chew}
 * (the {@code CPU ID FUNCTION:NAME} columns).
 */
public final class RecordPrinter {
  private RecordPrinter() {}

  /**
   * The heading line dtrace prints before the first record when not quiet.
   *
   * @param sb output
   */
  public static void heading(StringBuilder sb) {
    sb.append("CPU").append(' ').append(DPrintf.pad("ID", 6, false, false)).append(' ')
        .append(DPrintf.pad("FUNCTION:NAME", 32, false, false)).append('\n');
  }

  /**
   * The probe columns of a record ({@code "%3d %6d %32s "}).
   *
   * @param sb       output
   * @param cpu      CPU
   * @param id       probe id
   * @param function function
   * @param name     name
   */
  public static void probe(StringBuilder sb, int cpu, int id, String function, String name) {
    sb.append(DPrintf.pad(Integer.toString(cpu), 3, false, false)).append(' ')
        .append(DPrintf.pad(Integer.toString(id), 6, false, false)).append(' ')
        .append(DPrintf.pad(function + ":" + name, 32, false, false)).append(' ');
  }

  /**
   * Prints a {@code trace()} record.
   *
   * @param sb    output
   * @param v     the record
   * @param quiet the quiet option
   */
  public static void trace(StringBuilder sb, Value v, boolean quiet) {
    if (v.isString()) {
      printBytes(sb, v.string(), -33, quiet);
      return;
    }
    if (v.bytes() != null) {
      String str = asString(v.bytes());
      if (str != null) {
        printBytes(sb, str, -33, quiet);
      } else {
        printRaw(sb, v.bytes(), v.bytes().length);
      }
      return;
    }
    switch (v.size()) {
      case 8 -> sb.append(quiet ? Long.toString(v.value())
          : " " + DPrintf.pad(Long.toString(v.value()), 16, false, false));
      case 4 -> sb.append(quiet ? Integer.toString((int) v.value())
          : " " + DPrintf.pad(Integer.toString((int) v.value()), 8, false, false));
      case 2 -> sb.append(quiet ? Long.toString(v.value() & 0xffff)
          : " " + DPrintf.pad(Long.toString(v.value() & 0xffff), 5, false, false));
      case 1 -> sb.append(quiet ? Long.toString(v.value() & 0xff)
          : " " + DPrintf.pad(Long.toString(v.value() & 0xff), 3, false, false));
      default -> { }
    }
  }

  /**
   * Port of {@code dt_print_bytes} for a NUL-padded string record: printable text prints as a
   * string, anything else (including the empty string) as a hex dump.
   *
   * @param sb    output
   * @param s     the string
   * @param width field width (negative: left-aligned)
   * @param quiet the quiet option
   */
  public static void printBytes(StringBuilder sb, String s, int width, boolean quiet) {
    boolean printable = !s.isEmpty();
    for (int i = 0; i < s.length() && printable; i++) {
      char c = s.charAt(i);
      printable = (c >= 0x20 && c < 0x7f) || c == ' ' || (c >= 9 && c <= 13) || c == '\b'
          || c == 7 || c >= 0x80;
    }
    if (!printable) {
      byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      printRaw(sb, b, Math.max(1, b.length + 1));
      return;
    }
    if (quiet) {
      sb.append(s);
      return;
    }
    sb.append(' ');
    if (width < 0) {
      sb.append(' ').append(DPrintf.pad(s, -width, true, false));
    } else {
      sb.append(DPrintf.pad(s, width, false, false));
    }
  }

  /**
   * {@code dt_print_bytes}'s test for a byte range that is a string (a char array such as
   * {@code curthread->comm}): printable characters, then only NULs (or none at all).
   *
   * @param c the bytes
   * @return the string, or null when the range must print as a hex dump
   */
  public static String asString(byte[] c) {
    for (int i = 0; i < c.length; i++) {
      int b = c[i] & 0xff;
      if (b >= 0x20 && b < 0x7f || b >= 9 && b <= 13 || b == 8 || b == 7) {
        continue;
      }
      if (b == 0 && i > 0) {
        for (int j = i + 1; j < c.length; j++) {
          if (c[j] != 0) {
            return null;
          }
        }
        return new String(c, 0, i, java.nio.charset.StandardCharsets.ISO_8859_1);
      }
      return null;
    }
    return c.length == 0 ? null : new String(c, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /**
   * The hex dump of {@code dt_print_bytes}'s raw branch.
   *
   * @param sb output
   * @param c  bytes (zero-extended to n)
   * @param n  number of bytes to show
   */
  public static void printRaw(StringBuilder sb, byte[] c, int n) {
    int margin = 5;
    sb.append('\n').append(" ".repeat(margin)).append("      ");
    for (int i = 0; i < 16; i++) {
      sb.append("  ").append("0123456789abcdef".charAt(i));
    }
    sb.append("  0123456789abcdef\n");
    for (int i = 0; i < n; i += 16) {
      sb.append(" ".repeat(margin)).append(DPrintf.pad(Integer.toHexString(i), 5, false, false))
          .append(':');
      int j;
      for (j = i; j < i + 16 && j < n; j++) {
        int b = j < c.length ? c[j] & 0xff : 0;
        sb.append(' ').append(Character.forDigit(b >> 4, 16))
            .append(Character.forDigit(b & 15, 16));
      }
      while (j++ % 16 != 0) {
        sb.append("   ");
      }
      sb.append("  ");
      for (j = i; j < i + 16 && j < n; j++) {
        int b = j < c.length ? c[j] : 0;
        sb.append(b < ' ' || b > '~' ? '.' : (char) b);
      }
      sb.append('\n');
    }
  }
}

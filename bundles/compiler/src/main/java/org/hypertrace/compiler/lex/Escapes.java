package org.hypertrace.compiler.lex;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** C escape sequences in string and character literals: port of dt_string.c {@code stresc2chr}. */
public final class Escapes {
  private Escapes() {}

  /** @return the string with escapes decoded (bytes mapped 1:1 to chars as ISO-8859-1). */
  public static String decode(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    return new String(decodeBytes(s), StandardCharsets.ISO_8859_1);
  }

  /** @return the bytes of the literal after escape decoding. */
  public static byte[] decodeBytes(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        out.write(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'a': out.write(7); break;
        case 'b': out.write(8); break;
        case 'f': out.write(12); break;
        case 'n': out.write(10); break;
        case 'r': out.write(13); break;
        case 't': out.write(9); break;
        case 'v': out.write(11); break;
        case 'x': {
          int v = 0;
          int n = 0;
          while (i + 1 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0) {
            v = v * 16 + Character.digit(s.charAt(++i), 16);
            n++;
          }
          out.write(n == 0 ? 'x' : v);
          break;
        }
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
          int v = e - '0';
          for (int n = 0; n < 2 && i + 1 < s.length() && s.charAt(i + 1) >= '0'
              && s.charAt(i + 1) <= '7'; n++) {
            v = v * 8 + (s.charAt(++i) - '0');
          }
          out.write(v);
          break;
        }
        case '\n':
          break;
        default:
          out.write(e);
      }
    }
    return out.toByteArray();
  }
}

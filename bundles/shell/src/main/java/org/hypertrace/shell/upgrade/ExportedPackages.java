package org.hypertrace.shell.upgrade;

import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.framework.Version;

/**
 * Reader of an {@code Export-Package} manifest header: package name to version. Handles several
 * packages sharing one clause, quoted attribute values and directives.
 */
public final class ExportedPackages {
  private ExportedPackages() {}

  /**
   * @param header the header value, or null
   * @return package name to exported version (0.0.0 when none is given), in header order
   */
  public static Map<String, Version> parse(String header) {
    Map<String, Version> out = new LinkedHashMap<>();
    if (header == null) {
      return out;
    }
    for (String clause : split(header, ',')) {
      Version version = Version.emptyVersion;
      java.util.List<String> names = new java.util.ArrayList<>();
      for (String part : split(clause, ';')) {
        String p = part.trim();
        int eq = p.indexOf('=');
        if (eq < 0) {
          names.add(p);
        } else if (p.substring(0, eq).trim().equals("version")) {
          version = Version.parseVersion(unquote(p.substring(eq + 1).trim()));
        }
      }
      for (String n : names) {
        out.put(n, version);
      }
    }
    return out;
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1) : s;
  }

  /** Splits on {@code sep} outside double quotes. */
  private static java.util.List<String> split(String s, char sep) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == sep && !quoted) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(s.substring(start));
    return parts;
  }
}

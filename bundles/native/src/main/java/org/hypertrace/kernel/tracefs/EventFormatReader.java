package org.hypertrace.kernel.tracefs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a tracefs {@code format} file (kernel/trace/trace_events.c {@code f_show} output):
 * {@code name:}, {@code ID:}, then one {@code field:DECL; offset:N; size:N; signed:N;} line per
 * field, common fields first, a blank line, then {@code print fmt:}.
 */
public final class EventFormatReader {
  private static final Pattern FIELD = Pattern.compile(
      "\\s*field:(.*?);\\s*offset:(\\d+);\\s*size:(\\d+);\\s*(?:signed:(\\d+);)?.*");
  private static final Pattern ARRAY = Pattern.compile("(.*)\\[(\\d*)\\]$");

  private EventFormatReader() {}

  /**
   * @param group group the file belongs to
   * @param text  the file's content
   * @return the parsed layout
   * @throws IllegalArgumentException when the name, ID or a field line is malformed
   */
  public static EventFormat read(String group, String text) {
    String name = null;
    int id = -1;
    List<FormatField> common = new ArrayList<>();
    List<FormatField> fields = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("name: ")) {
        name = line.substring(6).strip();
      } else if (line.startsWith("ID: ")) {
        id = Integer.parseInt(line.substring(4).strip());
      } else if (line.startsWith("print fmt:")) {
        break;
      } else if (line.contains("field:")) {
        FormatField f = field(line);
        (f.name().startsWith("common_") ? common : fields).add(f);
      }
    }
    if (name == null || id < 0) {
      throw new IllegalArgumentException("format of " + group + " lacks name: or ID:");
    }
    return new EventFormat(group, name, id, List.copyOf(common), List.copyOf(fields));
  }

  static FormatField field(String line) {
    Matcher m = FIELD.matcher(line);
    if (!m.matches()) {
      throw new IllegalArgumentException("malformed format line: " + line.strip());
    }
    String decl = m.group(1).strip();
    boolean dataLoc = decl.startsWith("__data_loc ");
    if (dataLoc) {
      decl = decl.substring("__data_loc ".length()).strip();
    }
    int arrayLength = -1;
    Matcher a = ARRAY.matcher(decl);
    if (a.matches()) {
      decl = a.group(1).strip();
      arrayLength = a.group(2).isEmpty() ? 0 : Integer.parseInt(a.group(2));
    }
    int cut = decl.length();
    while (cut > 0 && (Character.isLetterOrDigit(decl.charAt(cut - 1))
        || decl.charAt(cut - 1) == '_')) {
      cut--;
    }
    String fieldName = decl.substring(cut);
    String type = decl.substring(0, cut).strip();
    if (dataLoc && arrayLength == 0) {
      arrayLength = -1;
      type = type + "[]";
    }
    boolean signed = m.group(4) != null && m.group(4).equals("1");
    return new FormatField(type, fieldName, Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)), signed, arrayLength, dataLoc);
  }
}

package org.hypertrace.cli;

/**
 * The probe specifier contexts of {@code -P}, {@code -m}, {@code -f}, {@code -n} and {@code -i}
 * (libdtrace's {@code dtrace_probespec_t}): a partial description names the field of its context
 * and the fields before it, so {@code -m foo} means module {@code foo}. The compiler parses every
 * description as {@code -n} does (fields aligned to the name), so the command line pads the
 * descriptions of the other contexts with the missing trailing fields.
 */
enum ProbeSpec {
  /** {@code -P}: the last field given is the provider. */
  PROVIDER(3),
  /** {@code -m}: the last field given is the module. */
  MODULE(2),
  /** {@code -f}: the last field given is the function. */
  FUNCTION(1),
  /** {@code -n}: the last field given is the name. */
  NAME(0),
  /** {@code -i}: a probe id, resolved to its full description before compiling. */
  ID(0),
  /** {@code -s}: a script. */
  SCRIPT(0);

  private final int pad;

  ProbeSpec(int pad) {
    this.pad = pad;
  }

  /**
   * Rewrites a specifier {@code desc[,desc...] [/pred/] [{actions}]} so that each description
   * reads as in a script. Text after the descriptions is kept byte for byte, so lines and
   * columns of errors do not move.
   *
   * @param spec the argument as given
   * @return the source to compile
   */
  String toSource(String spec) {
    if (pad == 0) {
      return spec;
    }
    int end = descriptionsEnd(spec);
    String[] descs = spec.substring(0, end).split(",", -1);
    StringBuilder b = new StringBuilder(spec.length() + 8 * descs.length);
    for (int i = 0; i < descs.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      String d = descs[i];
      int lead = 0;
      while (lead < d.length() && Character.isWhitespace(d.charAt(lead))) {
        lead++;
      }
      int trail = d.length();
      while (trail > lead && Character.isWhitespace(d.charAt(trail - 1))) {
        trail--;
      }
      b.append(d, 0, trail);
      if (trail > lead) {
        b.append(":".repeat(pad));
      }
      b.append(d, trail, d.length());
    }
    return b.append(spec, end, spec.length()).toString();
  }

  /**
   * @param spec a specifier
   * @return the name dtrace reports it by: the text before the first of {@code { / ;}
   */
  static String reportName(String spec) {
    for (int i = 0; i < spec.length(); i++) {
      char c = spec.charAt(i);
      if (c == '{' || c == '/' || c == ';') {
        return spec.substring(0, i);
      }
    }
    return spec;
  }

  /** @return whether a specifier holds only probe descriptions, no predicate nor actions */
  static boolean descriptionsOnly(String spec) {
    return descriptionsEnd(spec) == spec.length();
  }

  private static int descriptionsEnd(String spec) {
    for (int i = 0; i < spec.length(); i++) {
      char c = spec.charAt(i);
      if (c == '{' || c == '/') {
        return i;
      }
    }
    return spec.length();
  }

  /**
   * Reads a specifier that holds only descriptions ({@code dtrace -l -n ...}) without the
   * compiler, as {@code dtrace_str2desc} does: fields right-aligned to this context, a fifth
   * leading field is HyperTrace's target.
   *
   * @param spec the argument as given
   * @return its descriptions in order
   * @throws IllegalArgumentException with libdtrace's reason if a description has too many fields
   */
  java.util.List<org.hypertrace.api.program.ProbeDescription> descriptions(String spec) {
    java.util.List<org.hypertrace.api.program.ProbeDescription> result =
        new java.util.ArrayList<>();
    for (String d : toSource(spec).split(",")) {
      String t = d.strip();
      if (t.isEmpty()) {
        continue;
      }
      String[] f = t.split(":", -1);
      if (f.length > 5) {
        throw new IllegalArgumentException("invalid probe description \"" + t + "\"");
      }
      String[] all = {"", "", "", "", ""};
      System.arraycopy(f, 0, all, 5 - f.length, f.length);
      result.add(new org.hypertrace.api.program.ProbeDescription(all[0], all[1], all[2], all[3],
          all[4]));
    }
    return result;
  }
}

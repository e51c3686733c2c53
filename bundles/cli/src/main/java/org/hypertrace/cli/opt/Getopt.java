package org.hypertrace.cli.opt;

import java.util.ArrayList;
import java.util.List;

/**
 * The option scanner of dtrace(1): POSIX {@code getopt(3C)} rules (clustered flags, an option's
 * argument glued or in the next word, {@code --}) wrapped in dtrace.c's loop that resumes scanning
 * after each operand, so options may follow the script and its macro arguments.
 *
 * <p>Invariants:
 * <ol>
 *   <li>options come back in command-line order, each with its argument or null;</li>
 *   <li>every word that is not an option or an option's argument is an operand, in order;</li>
 *   <li>the first unknown option or missing argument ends the scan with a {@link UsageException}
 *       carrying getopt's own message.</li>
 * </ol>
 */
public final class Getopt {
  /** dtrace.c's option string plus HyperTrace's {@code E}, {@code y:} and {@code Y:}. */
  public static final String DTRACE_OPTSTR =
      "3:6:aAb:Bc:CD:eEf:FGhHi:I:lL:m:n:o:p:P:qs:SU:vVwx:X:y:Y:Z";

  /** One option as met: its letter and its argument (null for a flag). */
  public record Opt(char letter, String arg) {}

  /** The whole scan: options in order and the operands (macro arguments). */
  public record Scan(List<Opt> options, List<String> operands) {}

  private Getopt() {}

  /**
   * Scans a command line.
   *
   * @param pname  program name for messages
   * @param optstr getopt option string
   * @param args   the words after the program name
   * @return the options and operands
   * @throws UsageException on an illegal option or a missing argument
   */
  public static Scan scan(String pname, String optstr, String[] args) throws UsageException {
    List<Opt> opts = new ArrayList<>();
    List<String> operands = new ArrayList<>();
    int i = 0;
    while (i < args.length) {
      String word = args[i];
      if (word.equals("--")) {
        // getopt stops at "--" and steps over it; dtrace's loop takes the next word as an operand
        i++;
        if (i < args.length) {
          operands.add(args[i]);
          i++;
        }
        continue;
      }
      if (!word.startsWith("-") || word.length() == 1) {
        operands.add(word);
        i++;
        continue;
      }
      i = cluster(pname, optstr, args, i, opts);
    }
    return new Scan(List.copyOf(opts), List.copyOf(operands));
  }

  /** Scans one word of clustered flags; returns the index of the next word. */
  private static int cluster(String pname, String optstr, String[] args, int i, List<Opt> opts)
      throws UsageException {
    String word = args[i];
    for (int p = 1; p < word.length(); p++) {
      char c = word.charAt(p);
      int at = c == ':' ? -1 : optstr.indexOf(c);
      if (at < 0) {
        throw new UsageException(pname + ": illegal option -- " + c);
      }
      boolean takesArg = at + 1 < optstr.length() && optstr.charAt(at + 1) == ':';
      if (!takesArg) {
        opts.add(new Opt(c, null));
        continue;
      }
      if (p + 1 < word.length()) {
        opts.add(new Opt(c, word.substring(p + 1)));
        return i + 1;
      }
      if (i + 1 >= args.length) {
        throw new UsageException(pname + ": option requires an argument -- " + c);
      }
      opts.add(new Opt(c, args[i + 1]));
      return i + 2;
    }
    return i + 1;
  }
}

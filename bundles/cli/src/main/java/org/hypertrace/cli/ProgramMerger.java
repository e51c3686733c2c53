package org.hypertrace.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.Statement;

/**
 * Joins the programs of several {@code -s}/{@code -n} arguments into the one enabling dtrace
 * makes of them on its single handle: statements in command-line order, clause indices kept
 * distinct, options merged with later ones winning.
 */
final class ProgramMerger {
  private ProgramMerger() {}

  /**
   * @param program a program
   * @param matches whether a description matches some probe
   * @return the program without the statements whose description matches no probe (HyperTrace
   *         target descriptions are kept: they match elsewhere)
   */
  static DProgram withoutUnmatched(DProgram program,
      java.util.function.Predicate<org.hypertrace.api.program.ProbeDescription> matches) {
    List<Statement> kept = new ArrayList<>();
    for (Statement s : program.statements()) {
      if (!s.probe().target().isEmpty() || matches.test(s.probe())) {
        kept.add(s);
      }
    }
    return kept.size() == program.statements().size() ? program
        : new DProgram(List.copyOf(kept), program.options(), program.identity());
  }

  static DProgram merge(List<DProgram> programs) {
    if (programs.size() == 1) {
      return programs.get(0);
    }
    List<Statement> statements = new ArrayList<>();
    Map<String, String> options = new LinkedHashMap<>();
    int base = 0;
    for (DProgram p : programs) {
      int max = -1;
      for (Statement s : p.statements()) {
        statements.add(new Statement(s.probe(), s.predicate(), s.actions(), base + s.clause()));
        max = Math.max(max, s.clause());
      }
      base += max + 1;
      options.putAll(p.options());
    }
    return new DProgram(List.copyOf(statements), Map.copyOf(options), new byte[0]);
  }
}

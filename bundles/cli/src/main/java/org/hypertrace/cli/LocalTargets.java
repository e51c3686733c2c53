package org.hypertrace.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DErrorTag;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.program.Statement;

/**
 * HyperTrace's fifth probe-description field (the target) when tracing locally, without
 * {@code -E}: a target that names this machine (its host name, as a glob, or {@code localhost})
 * is dropped; any other makes the description overspecified for this machine, which dtrace
 * reports as {@code D_PDESC_INVAL} ("Overspecified probe description") as it does for a fifth
 * field.
 */
final class LocalTargets {
  private static String hostName;

  private LocalTargets() {}

  static DProgram localize(DProgram program, String source, String file, String prefix,
      boolean errtags) throws CliException {
    boolean any = false;
    for (Statement st : program.statements()) {
      any |= !st.probe().target().isEmpty();
    }
    if (!any) {
      return program;
    }
    List<Statement> local = new ArrayList<>();
    for (Statement st : program.statements()) {
      ProbeDescription d = st.probe();
      if (d.target().isEmpty()) {
        local.add(st);
        continue;
      }
      if (!matchesHere(d.target())) {
        String text = "invalid probe description \"" + d + "\": Overspecified probe description";
        DCompileException e = new DCompileException(DErrorTag.D_PDESC_INVAL, file,
            SourceLines.lineOf(source, d), text);
        throw new CliException(prefix + e.format(errtags));
      }
      ProbeDescription here = new ProbeDescription("", d.provider(), d.module(), d.function(),
          d.name());
      local.add(new Statement(here, st.predicate(), st.actions(), st.clause()));
    }
    return new DProgram(List.copyOf(local), program.options(), program.identity());
  }

  static boolean matchesHere(String target) {
    if (target.equals("localhost")) {
      return true;
    }
    String regex = Globs.toRegex(target);
    return host().matches(regex);
  }

  private static synchronized String host() {
    if (hostName == null) {
      try {
        hostName = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
      } catch (IOException e) {
        hostName = "localhost";
      }
    }
    return hostName;
  }
}

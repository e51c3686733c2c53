package org.hypertrace.cli;

import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.program.ActionDescription;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.Statement;
import org.hypertrace.api.types.LinkException;
import org.hypertrace.api.types.ProgramLinker;
import org.hypertrace.api.types.TargetTypes;
import org.hypertrace.api.types.TypeResolutionException;

/**
 * Local tracing of a program with HyperTrace relocation sites (members of kernel types): the
 * sites are resolved against the host's own types (its BTF) with the program linker before the
 * engine sees the program, so the engine only ever receives plain DIF. With {@code -E} the program
 * leaves with its sites instead, and each target links it against its own kernel's types.
 * A program without sites is returned as it is, without loading the linker or reading BTF.
 */
final class HostLink {
  private HostLink() {}

  /**
   * @param program the program as compiled
   * @param services where the linker and the type registry come from
   * @param prefix  dtrace's message prefix for this specification
   * @return the program with every relocation site resolved for this host
   * @throws CliException (one line) if the sites cannot be resolved here
   */
  static DProgram link(DProgram program, Services services, String prefix)
      throws CliException {
    if (!hasSites(program)) {
      return program;
    }
    ProgramLinker linker;
    TargetTypes host;
    try {
      linker = services.linker();
      host = services.typeRegistry().host();
    } catch (IllegalStateException e) {
      throw new CliException(prefix + "cannot resolve kernel type relocations: "
          + e.getMessage());
    } catch (TypeResolutionException e) {
      throw new CliException(prefix + "cannot resolve kernel type relocations: "
          + ClasspathServices.oneLine(e.getMessage()));
    }
    try {
      return linker.link(program, host);
    } catch (LinkException e) {
      throw new CliException(prefix + ClasspathServices.oneLine(e.getMessage()));
    }
  }

  /** @return whether any DIF object of the program has a relocation site */
  static boolean hasSites(DProgram program) {
    for (Statement st : program.statements()) {
      if (hasSites(st.predicate())) {
        return true;
      }
      for (ActionDescription a : st.actions()) {
        if (hasSites(a.difo())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean hasSites(DifObject d) {
    return d != null && d.relocations() != null && !d.relocations().isEmpty();
  }
}

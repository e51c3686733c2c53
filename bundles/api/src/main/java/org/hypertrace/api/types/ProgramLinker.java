package org.hypertrace.api.types;

import org.hypertrace.api.program.DProgram;
import org.osgi.annotation.versioning.ProviderType;

/**
 * HyperTrace's program linker ({@code dt_prog_link}) and verifier ({@code dt_prog_verify}):
 * rewrites the relocation sites of a program ({@code usetx}, {@code uload}, {@code uuload},
 * {@code typecast}; see {@link org.hypertrace.api.dif.DifConstants#DIF_OP_USETX} for their
 * encoding) into plain DIF for one target, and checks that a relocated program changed nothing
 * else.
 */
@ProviderType
public interface ProgramLinker {
  /**
   * Links a program against a target's types.
   *
   * @param base   the program as compiled, with relocation sites
   * @param target the target's types
   * @return the relocated program: same statements and actions, DIF objects without relocations
   * @throws LinkException if a site cannot be resolved or is malformed
   */
  DProgram link(DProgram base, TargetTypes target) throws LinkException;

  /**
   * Checks that {@code relocated} differs from {@code base} only at relocation sites, each
   * rewritten into one of the forms the linker produces, and in integer-table entries appended
   * after the base's. A rejection is logged as a security event.
   *
   * @param base      the program as compiled
   * @param relocated the program a target returned
   * @throws ProgramRejectedException naming statement, action and DIF offset of the difference
   */
  void verify(DProgram base, DProgram relocated) throws ProgramRejectedException;

  /**
   * As {@link #verify(DProgram, DProgram)}, and also checks that every site holds exactly what
   * linking {@code base} against {@code target} gives (when the verifier has the target's types).
   *
   * @param base      the program as compiled
   * @param relocated the program a target returned
   * @param target    the types of the target that returned it
   * @throws ProgramRejectedException naming statement, action and DIF offset of the difference
   */
  void verify(DProgram base, DProgram relocated, TargetTypes target)
      throws ProgramRejectedException;
}

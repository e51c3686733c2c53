package org.hypertrace.api.compile;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The D compiler service (bundle {@code compiler}): D source to a {@link
 * org.hypertrace.api.program.DProgram}. Port of libdtrace's {@code dt_compile}.
 */
@ProviderType
public interface DCompiler {
  /**
   * Compiles a D program.
   *
   * @param request what to compile
   * @return the program and warnings
   * @throws DCompileException at the first error
   */
  CompileResult compile(CompileRequest request) throws DCompileException;

  /**
   * Lists a program's DIF as {@code dtrace -S} (option {@code verbose}) prints it on standard
   * error: one {@code dt_dis} listing per DIF object, in the order the assembler met them.
   * Port of {@code dt_dis}.
   *
   * @param program a program this compiler produced
   * @return the listing, or null when this compiler offers no disassembler (the default)
   */
  default String disassemble(org.hypertrace.api.program.DProgram program) {
    return null;
  }
}

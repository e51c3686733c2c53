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
}

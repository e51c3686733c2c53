package org.hypertrace.compiler.dof;

import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProgramContainer;
import org.hypertrace.api.program.ProgramFormatException;

/** DTrace's DOF as a {@link ProgramContainer} (ServiceLoader and DS). */
public class DofContainer implements ProgramContainer {
  @Override
  public String format() {
    return "dof";
  }

  @Override
  public byte[] write(DProgram program) {
    return DofWriter.write(program);
  }

  @Override
  public DProgram read(byte[] bytes) throws ProgramFormatException {
    return DofReader.read(bytes);
  }
}

package org.hypertrace.compiler.component;

import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProgramContainer;
import org.hypertrace.api.program.ProgramFormatException;
import org.hypertrace.compiler.dof.DofContainer;
import org.osgi.service.component.annotations.Component;

/** Registers DTrace's DOF as a {@link ProgramContainer} service (format=dof). */
@Component(service = ProgramContainer.class, property = "format=dof")
public final class DofContainerComponent implements ProgramContainer {
  private final DofContainer dof = new DofContainer();

  @Override
  public String format() {
    return dof.format();
  }

  @Override
  public byte[] write(DProgram program) {
    return dof.write(program);
  }

  @Override
  public DProgram read(byte[] bytes) throws ProgramFormatException {
    return dof.read(bytes);
  }
}

package org.hypertrace.compiler.component;

import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProgramContainer;
import org.hypertrace.api.program.ProgramFormatException;
import org.hypertrace.compiler.elf.ElfContainer;
import org.osgi.service.component.annotations.Component;

/** Registers HyperTrace's ELF container as a {@link ProgramContainer} service (format=elf). */
@Component(service = ProgramContainer.class, property = "format=elf")
public final class ElfContainerComponent implements ProgramContainer {
  private final ElfContainer elf = new ElfContainer();

  @Override
  public String format() {
    return elf.format();
  }

  @Override
  public byte[] write(DProgram program) {
    return elf.write(program);
  }

  @Override
  public DProgram read(byte[] bytes) throws ProgramFormatException {
    return elf.read(bytes);
  }
}

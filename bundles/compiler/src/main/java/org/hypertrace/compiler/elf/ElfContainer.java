package org.hypertrace.compiler.elf;

import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProgramContainer;
import org.hypertrace.api.program.ProgramFormatException;

/** HyperTrace's ELF container as a {@link ProgramContainer} (ServiceLoader and DS). */
public class ElfContainer implements ProgramContainer {
  @Override
  public String format() {
    return "elf";
  }

  @Override
  public byte[] write(DProgram program) {
    return ElfProgramWriter.write(program);
  }

  @Override
  public DProgram read(byte[] bytes) throws ProgramFormatException {
    return ElfProgramReader.read(bytes);
  }
}

package org.hypertrace.api.program;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A program container format (HyperTrace's ELF container, DTrace's DOF): writes a {@link
 * DProgram} to bytes and reads it back. Writers are deterministic, so write(read(b)) equals b.
 */
@ProviderType
public interface ProgramContainer {
  /** @return the format name: "elf" or "dof" */
  String format();

  /**
   * @param program the program
   * @return its bytes
   */
  byte[] write(DProgram program);

  /**
   * @param bytes a container
   * @return the program
   * @throws ProgramFormatException naming the field at fault when the bytes are malformed
   */
  DProgram read(byte[] bytes) throws ProgramFormatException;
}

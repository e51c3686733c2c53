package org.hypertrace.compiler.component;

import org.hypertrace.api.program.ProgramContainer;
import org.hypertrace.compiler.elf.ElfContainer;
import org.osgi.service.component.annotations.Component;

/** Registers HyperTrace's ELF container as a {@link ProgramContainer} service (format=elf). */
@Component(service = ProgramContainer.class, property = "format=elf")
public final class ElfContainerComponent extends ElfContainer {
}

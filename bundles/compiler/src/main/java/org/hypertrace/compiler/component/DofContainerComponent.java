package org.hypertrace.compiler.component;

import org.hypertrace.api.program.ProgramContainer;
import org.hypertrace.compiler.dof.DofContainer;
import org.osgi.service.component.annotations.Component;

/** Registers DTrace's DOF as a {@link ProgramContainer} service (format=dof). */
@Component(service = ProgramContainer.class, property = "format=dof")
public final class DofContainerComponent extends DofContainer {
}

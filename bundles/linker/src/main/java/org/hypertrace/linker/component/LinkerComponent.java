package org.hypertrace.linker.component;

import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.types.LinkException;
import org.hypertrace.api.types.ProgramLinker;
import org.hypertrace.api.types.ProgramRejectedException;
import org.hypertrace.api.types.TargetTypes;
import org.hypertrace.linker.link.Linker;
import org.osgi.service.component.annotations.Component;

/** Registers the program linker as an OSGi service; all logic lives in {@link Linker}. */
@Component(service = ProgramLinker.class)
public class LinkerComponent implements ProgramLinker {
  private final Linker linker = new Linker();

  @Override
  public DProgram link(DProgram base, TargetTypes target) throws LinkException {
    return linker.link(base, target);
  }

  @Override
  public void verify(DProgram base, DProgram relocated) throws ProgramRejectedException {
    linker.verify(base, relocated);
  }

  @Override
  public void verify(DProgram base, DProgram relocated, TargetTypes target)
      throws ProgramRejectedException {
    linker.verify(base, relocated, target);
  }
}

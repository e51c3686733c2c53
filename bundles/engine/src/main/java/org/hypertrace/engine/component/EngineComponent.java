package org.hypertrace.engine.component;

import java.util.Map;
import org.hypertrace.api.engine.DTraceEngine;
import org.hypertrace.api.engine.TraceOutput;
import org.hypertrace.api.engine.TraceSession;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.engine.HyperTraceEngine;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Registers the engine as the {@link DTraceEngine} service and feeds it the ProbeProvider
 * services that come and go. Thin: the engine is plain Java.
 */
@Component(service = DTraceEngine.class, immediate = true)
public final class EngineComponent implements DTraceEngine {
  private final HyperTraceEngine engine = new HyperTraceEngine();

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addProvider(ProbeProvider p) {
    engine.addProvider(p);
  }

  void removeProvider(ProbeProvider p) {
    engine.removeProvider(p);
  }

  @Override
  public TraceSession open(DProgram program, Map<String, String> options, TraceOutput output) {
    return engine.open(program, options, output);
  }

  @Override
  public java.util.List<ProbeInfo> probes(ProbeDescription pattern) {
    return engine.probes(pattern);
  }

  @Override
  public java.util.List<org.hypertrace.api.provider.MemoryCapture> captures(
      org.hypertrace.api.program.Statement statement) {
    return engine.captures(statement);
  }
}

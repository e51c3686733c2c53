package org.hypertrace.engine.bench;

import java.util.List;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.api.provider.ProbeProvider;

/** A provider with one probe, {@code bench:::fire}, that the benchmark fires by hand. */
public final class BenchProvider implements ProbeProvider {
  static final ProbeInfo PROBE = new ProbeInfo(1, "bench", "", "", "fire", List.of());
  ProbeListener listener;

  @Override public String name() {
    return "bench";
  }

  @Override public List<ProbeInfo> probes(ProbeDescription p) {
    return "bench".equals(p.provider()) ? List.of(PROBE) : List.of();
  }

  @Override public Enabling enable(List<ProbeInfo> probes, ProbeListener l) {
    listener = l;
    return () -> listener = null;
  }
}

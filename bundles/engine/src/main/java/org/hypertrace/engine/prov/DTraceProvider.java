package org.hypertrace.engine.prov;

import java.util.ArrayList;
import java.util.List;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.api.provider.ProbeProvider;

/**
 * The {@code dtrace} provider: BEGIN (id 1), END (id 2) and ERROR (id 3), as dtrace.c's
 * {@code dtrace_provide} creates them. The session fires them itself; enabling is a no-op.
 */
public final class DTraceProvider implements ProbeProvider {
  /** Probe ids. */
  public static final int BEGIN = 1;
  public static final int END = 2;
  public static final int ERROR = 3;

  private static final List<ProbeInfo> PROBES = List.of(
      new ProbeInfo(BEGIN, "dtrace", "", "", "BEGIN", List.of()),
      new ProbeInfo(END, "dtrace", "", "", "END", List.of()),
      new ProbeInfo(ERROR, "dtrace", "", "", "ERROR", List.of()));

  @Override public String name() {
    return "dtrace";
  }

  @Override public List<ProbeInfo> probes(ProbeDescription p) {
    List<ProbeInfo> r = new ArrayList<>();
    for (ProbeInfo i : PROBES) {
      if (matches(p, i)) {
        r.add(i);
      }
    }
    return r;
  }

  /** @return whether a description matches a probe (globs, empty = any) */
  public static boolean matches(ProbeDescription p, ProbeInfo i) {
    return Glob.matches(p.provider(), i.provider()) && Glob.matches(p.module(), i.module())
        && Glob.matches(p.function(), i.function()) && Glob.matches(p.name(), i.name());
  }

  @Override public Enabling enable(List<ProbeInfo> probes, ProbeListener listener) {
    return () -> { };
  }
}

package org.hypertrace.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hypertrace.api.engine.DTraceEngine;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeProvider;

/**
 * The probes dtrace(1) can see: the engine's own (and whatever it reports of its providers) first,
 * then those of the installed providers it did not report. Port of the listing side of
 * {@code dtrace_probe_iter}: used by {@code -l}, {@code -i} and the "matched N probes" count.
 */
final class ProbeCatalog {
  private static final ProbeDescription ALL = new ProbeDescription("", "", "", "", "");
  private final DTraceEngine engine;
  private final List<ProbeProvider> providers;
  private Boolean known;

  ProbeCatalog(DTraceEngine engine, List<ProbeProvider> providers) {
    this.engine = engine;
    this.providers = providers;
  }

  /**
   * @return whether any probe at all is known; false when neither the engine nor a provider
   *         lists probes, so that matching cannot be judged here and is left to the engine
   */
  boolean known() {
    if (known == null) {
      known = !match(ALL).isEmpty();
    }
    return known;
  }

  /**
   * @param pattern a probe description with globs
   * @return the matching probes, engine's first, without duplicates
   */
  List<ProbeInfo> match(ProbeDescription pattern) {
    List<ProbeInfo> result = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    if (engine != null) {
      for (ProbeInfo p : engine.probes(pattern)) {
        if (seen.add(key(p))) {
          result.add(p);
        }
      }
    }
    for (ProbeProvider provider : providers) {
      List<ProbeInfo> found;
      try {
        found = provider.probes(pattern);
      } catch (RuntimeException e) {
        // a provider that cannot list here (no privilege, no facility) offers nothing
        continue;
      }
      for (ProbeInfo p : found) {
        if (seen.add(key(p))) {
          result.add(p);
        }
      }
    }
    return result;
  }

  /**
   * @param id a probe id as {@code -l} shows it
   * @return the probe, or null
   */
  ProbeInfo byId(int id) {
    for (ProbeInfo p : match(ALL)) {
      if (p.id() == id) {
        return p;
      }
    }
    return null;
  }

  /**
   * @param p a probe
   * @return its {@code -l} line: {@code "%5d %10s %17s %33s %s\n"}
   */
  static String line(ProbeInfo p) {
    return String.format("%5d %10s %17s %33s %s%n", p.id(), p.provider(), p.module(),
        p.function(), p.name()).replace(System.lineSeparator(), "\n");
  }

  /** @return the {@code -l} header line */
  static String header() {
    return String.format("%5s %10s %17s %33s %s", "ID", "PROVIDER", "MODULE", "FUNCTION", "NAME")
        + "\n";
  }

  private static String key(ProbeInfo p) {
    return p.provider() + ':' + p.module() + ':' + p.function() + ':' + p.name();
  }
}

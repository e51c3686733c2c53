package org.hypertrace.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.hypertrace.api.engine.DTraceEngine;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeProvider;

/**
 * The probes dtrace(1) can see: the engine's own (and whatever it reports of its providers) first,
 * then those of the installed providers it did not report. Port of the listing side of
 * {@code dtrace_probe_iter}: used by {@code -l}, {@code -i} and the "matched N probes" count.
 *
 * <p>Start-up matters: the installed providers (JNA, tracefs) are loaded only when a description
 * could match one of theirs, so {@code BEGIN}, {@code END}, {@code ERROR}, {@code tick-N} and
 * {@code profile-N} alone never load them. Matches are cached per description.
 */
final class ProbeCatalog {
  private static final ProbeDescription ALL = new ProbeDescription("", "", "", "", "");
  private static final Set<String> RESERVED = Set.of("BEGIN", "END", "ERROR");
  /**
   * Whether profile-N loads the installed providers: only as root (euid 0), who can arm the
   * kernel's perf sampling; otherwise the engine's timers serve it (with zero pcs) without
   * loading JNA. tick-N always stays with the timers.
   */
  private static final boolean SAMPLING = euidIsRoot();

  private static boolean euidIsRoot() {
    try {
      return ((Number) java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"),
          "unix:uid")).intValue() == 0;
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }
  private final DTraceEngine engine;
  private final Supplier<List<ProbeProvider>> installed;
  private final Map<ProbeDescription, List<ProbeInfo>> cache = new HashMap<>();
  private List<ProbeProvider> providers;
  private Boolean known;

  /**
   * @param engine    the engine, or null when none is installed
   * @param installed loads the installed providers, called at most once
   */
  ProbeCatalog(DTraceEngine engine, Supplier<List<ProbeProvider>> installed) {
    this.engine = engine;
    this.installed = installed;
  }

  /**
   * @return whether probes can be matched here at all; false when the engine lists no probes of
   *         its own and no provider is installed, so that matching is left to the engine
   */
  boolean known() {
    if (known == null) {
      known = engine != null && !engine.probes(new ProbeDescription("", "dtrace", "", "",
          "BEGIN")).isEmpty() || !providers().isEmpty();
    }
    return known;
  }

  /** @return the installed providers if some description needed them, else an empty list */
  List<ProbeProvider> loadedProviders() {
    return providers == null ? List.of() : providers;
  }

  /**
   * @param pattern a probe description with globs
   * @return the matching probes, engine's first, without duplicates
   */
  List<ProbeInfo> match(ProbeDescription pattern) {
    List<ProbeInfo> cached = cache.get(pattern);
    if (cached != null) {
      return cached;
    }
    List<ProbeInfo> result = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    if (engine != null) {
      for (ProbeInfo p : engine.probes(pattern)) {
        if (seen.add(key(p))) {
          result.add(p);
        }
      }
    }
    if (!builtInOnly(pattern)) {
      for (ProbeProvider provider : providers()) {
        addFrom(provider, pattern, result, seen);
      }
    }
    List<ProbeInfo> r = List.copyOf(result);
    cache.put(pattern, r);
    return r;
  }

  private static void addFrom(ProbeProvider provider, ProbeDescription pattern,
      List<ProbeInfo> result, Set<String> seen) {
    List<ProbeInfo> found;
    try {
      found = provider.probes(pattern);
    } catch (RuntimeException | LinkageError e) {
      // a provider that cannot list here (no privilege, no facility) offers nothing
      return;
    }
    for (ProbeInfo p : found) {
      if (seen.add(key(p))) {
        result.add(p);
      }
    }
  }

  /**
   * Whether a description can only mean probes of the engine's own dtrace and profile
   * providers: it names one of them, or names no provider and a reserved probe name.
   */
  static boolean builtInOnly(ProbeDescription d) {
    return builtInOnly(d, SAMPLING);
  }

  /**
   * @param d        a probe description
   * @param sampling whether profile-N means the kernel's sampling provider (arg0/arg1 the
   *                 interrupted kernel/user pc, as profile.c gives them): root can arm it
   * @return whether only the engine's own providers can match d
   */
  static boolean builtInOnly(ProbeDescription d, boolean sampling) {
    String prov = d.provider();
    if (sampling && (prov.equals("profile") || prov.isEmpty()) && d.target().isEmpty()
        && d.name().startsWith("profile-")) {
      return false;
    }
    if (prov.equals("dtrace") || prov.equals("profile")) {
      return true;
    }
    if (!prov.isEmpty() || !d.target().isEmpty()) {
      return false;
    }
    String name = d.name();
    if (RESERVED.contains(name)) {
      return true;
    }
    boolean glob = name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0;
    return !glob && (name.startsWith("tick-") || name.startsWith("profile-"));
  }

  private List<ProbeProvider> providers() {
    if (providers == null) {
      providers = installed.get();
    }
    return providers;
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

  /** @return every probe */
  List<ProbeInfo> all() {
    return match(ALL);
  }

  /**
   * @param p a probe
   * @return its {@code -l} line: {@code "%5d %10s %17s %33s %s\n"}
   */
  static String line(ProbeInfo p) {
    return String.format("%5d %10s %17s %33s %s", p.id(), p.provider(), p.module(),
        p.function(), p.name()) + "\n";
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

package org.hypertrace.api.engine;

import java.util.List;
import java.util.Map;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.ProbeInfo;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The DTrace engine service (bundle {@code engine}): runs programs against the probe providers it
 * knows, and formats their output like dtrace(1).
 */
@ProviderType
public interface DTraceEngine {
  /**
   * Validates a program's DIF and prepares a session; nothing fires before {@link
   * TraceSession#go()}.
   *
   * @param program the program
   * @param options options from the command line ({@code -x}, {@code -q}, {@code -w} ...), which
   *                override the program's own
   * @param output  where output goes
   * @return the session
   * @throws IllegalArgumentException with a dtrace-style message when the program is invalid or
   *         a probe description matches nothing
   */
  TraceSession open(DProgram program, Map<String, String> options, TraceOutput output);

  /**
   * Lists the probes this engine can enable that match a description: its built-in ones
   * ({@code dtrace:::BEGIN}, {@code END}, {@code ERROR}, {@code profile}/{@code tick} probes) and,
   * when it knows them, those of its providers, with the ids the engine reports in its output.
   * Used by {@code dtrace -l} and for the "matched N probes" count. Port of
   * {@code dtrace_probe_iter}.
   *
   * @param pattern a probe description (globs allowed, empty fields match all)
   * @return the matching probes in id order; the default lists none
   */
  default List<ProbeInfo> probes(ProbeDescription pattern) {
    return List.of();
  }

  /**
   * Adds a provider whose probes programs may enable from now on. On a plain class path the
   * command line hands over the providers it loaded; in OSGi the engine tracks ProbeProvider
   * services itself. The default ignores the provider.
   *
   * @param provider the provider
   */
  default void useProvider(org.hypertrace.api.provider.ProbeProvider provider) {
  }

  /**
   * The kernel memory a statement's predicate and actions read (member loads rooted at
   * {@code curthread} or an argument), as a provider must capture it at each firing. A minion
   * asks this for the programs it arms for a host.
   *
   * @param statement a statement of a linked program (no relocation sites)
   * @return what to capture; the default captures nothing
   */
  default List<org.hypertrace.api.provider.MemoryCapture> captures(
      org.hypertrace.api.program.Statement statement) {
    return List.of();
  }
}

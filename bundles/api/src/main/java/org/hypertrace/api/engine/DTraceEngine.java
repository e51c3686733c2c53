package org.hypertrace.api.engine;

import java.util.Map;
import org.hypertrace.api.program.DProgram;
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
}

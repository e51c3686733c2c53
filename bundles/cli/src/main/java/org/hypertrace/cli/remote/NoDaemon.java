package org.hypertrace.cli.remote;

import java.util.List;
import java.util.Map;
import org.hypertrace.api.engine.TraceOutput;
import org.hypertrace.api.program.DProgram;

/**
 * The -E path when no dtraced client is on the class path: refuses with one line that says what
 * is missing.
 */
public final class NoDaemon implements RemoteTracing {
  @Override
  public int run(List<DProgram> programs, List<String> names, Map<String, String> options,
      List<String> typeFiles, TraceOutput output) throws RemoteException {
    throw new RemoteException("-E requires a running dtraced (no dtraced client is installed)");
  }
}

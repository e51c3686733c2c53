package org.hypertrace.cli.remote;

import java.util.List;
import java.util.Map;
import org.hypertrace.api.engine.TraceOutput;
import org.hypertrace.api.program.DProgram;

/**
 * What {@code dtrace -E} hands its compiled programs to: the host's dtraced (HyperTrace's
 * {@code sub.sock} consumer path). The command line finds an implementation with
 * {@link java.util.ServiceLoader}; without one, {@link NoDaemon} explains that none is running.
 */
public interface RemoteTracing {
  /**
   * Submits programs to dtraced and streams their output until they end.
   *
   * @param programs  the programs compiled for HyperTrace ({@code CompileRequest.hyperTrace})
   * @param names     each program's name for messages ("script x.d", "description 'BEGIN '")
   * @param options   options from the command line
   * @param typeFiles {@code -y}/{@code -Y} type files as given ("file" or "file,host|guest")
   * @param output    where records and errors go
   * @return the exit status dtrace(1) returns
   * @throws RemoteException with a one-line reason when dtraced cannot be reached or refuses
   */
  int run(List<DProgram> programs, List<String> names, Map<String, String> options,
      List<String> typeFiles, TraceOutput output) throws RemoteException;

  /** A one-line failure of the -E path; the message follows {@code dtrace: }. */
  final class RemoteException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message the reason, one line */
    public RemoteException(String message) {
      super(message, null, false, false);
    }
  }
}

package org.hypertrace.api.daemon;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The clients and programs of a running dtraced (bundle dtraced), for the shell's commands. */
@ProviderType
public interface SessionRegistry {
  /** @return the connected clients, by id */
  List<ClientInfo> clients();

  /**
   * Kills one program: its enablings are removed and its spool entry deleted.
   *
   * @param identity the program identity (hex), or a unique prefix of it
   * @return true if a program was killed
   */
  boolean kill(String identity);

  /** @return the number of programs removed: every program of every client */
  int cleanup();
}

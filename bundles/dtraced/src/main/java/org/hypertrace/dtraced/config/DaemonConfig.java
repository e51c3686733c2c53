package org.hypertrace.dtraced.config;

import java.nio.file.Path;
import org.hypertrace.api.daemon.DaemonInfo.Role;

/**
 * A validated dtraced configuration (HyperTrace's dtraced options, taken from Config Admin
 * instead of the command line).
 *
 * @param role          overlord or minion
 * @param nodeName      the node name (the guest's vmname for minions)
 * @param baseDirectory spool, sockets and pidfile live here
 * @param listen        overlord: where minions connect ({@link Address} text), may be empty
 * @param connect       minion: the overlord's address ({@link Address} text), may be empty
 * @param socketGroup   group admitted to sub.sock besides root ("" = root only)
 */
public record DaemonConfig(Role role, String nodeName, Path baseDirectory, String listen,
    String connect, String socketGroup) {

  /** @return the address that matters for the role ({@code listen} or {@code connect}) */
  public String address() {
    return role == Role.OVERLORD ? listen : connect;
  }
}

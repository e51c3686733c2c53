package org.hypertrace.api.daemon;

import java.nio.file.Path;
import java.time.Instant;
import org.osgi.annotation.versioning.ProviderType;

/** What the running dtraced is: its role and identity from Config Admin (bundle dtraced). */
@ProviderType
public interface DaemonInfo {
  /** The role of a dtraced. */
  enum Role {
    /** on a host: accepts programs from dtrace -E and distributes them to minions. */
    OVERLORD,
    /** in a guest or remote host: receives programs from an overlord. */
    MINION
  }

  /** @return the role */
  Role role();

  /** @return the node name (vmname for guests) */
  String nodeName();

  /** @return the base directory (spool, sub.sock, pidfile) */
  Path baseDirectory();

  /** @return the address this daemon listens on (overlord) or connects to (minion), or "" */
  String address();

  /** @return the group whose members may use sub.sock besides root, or "" for root only */
  default String socketGroup() {
    return "";
  }

  /** @return when the current configuration was applied */
  Instant configuredAt();

  /** @return when the daemon component started */
  Instant startedAt();
}

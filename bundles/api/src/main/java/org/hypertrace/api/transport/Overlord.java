package org.hypertrace.api.transport;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The overlord side of dtraced (bundle dtraced), registered while the daemon's role is overlord:
 * distributes programs to minions transactionally (spooled, acknowledged, re-sent to a minion
 * that reconnects, applied once) and hands their DATA to listeners.
 */
@ProviderType
public interface Overlord {
  /** @return the registry: every minion seen since the overlord started, by node id */
  List<MinionInfo> minions();

  /** @return identities of the active programs, in publication order */
  List<String> programs();

  /**
   * Publishes a program to every minion (now and when they connect later). The program is in
   * the overlord's spool when this returns, so a restarted overlord still distributes it.
   *
   * @param identity single-use program identity (1..256 UTF-8 bytes: a 128-byte HyperTrace
   *                 identity in hex fits)
   * @param program  the program bytes (ELF container)
   * @param targets  target globs of its probe descriptions; empty = every node
   * @throws IllegalStateException when the identity is active or was used before
   * @throws java.io.UncheckedIOException when the spool cannot be written
   */
  void publish(String identity, byte[] program, List<String> targets);

  /**
   * Ends a program: KILL goes to every minion, including those that are away, when they return.
   *
   * @param identity the program identity
   * @return false when no such program is active
   */
  boolean kill(String identity);

  /**
   * Ends a program and has minions remove its spool entries (CLEANUP).
   *
   * @param identity the program identity
   * @return false when no such program is active
   */
  boolean cleanup(String identity);

  /** @param l a listener for DATA from minions */
  void addDataListener(DataListener l);

  /** @param l a listener to remove */
  void removeDataListener(DataListener l);
}

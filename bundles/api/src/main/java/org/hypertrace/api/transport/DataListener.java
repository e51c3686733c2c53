package org.hypertrace.api.transport;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives DATA that minions send up: probe firings or aggregation snapshots of one program,
 * opaque to the transport. Called from a transport thread: return quickly.
 */
@ConsumerType
public interface DataListener {
  /**
   * @param node     the node name of the minion
   * @param identity the program identity
   * @param sequence the minion's sequence number for this program
   * @param bytes    the records
   */
  void data(String node, String identity, long sequence, byte[] bytes);

  /**
   * Records of a program were lost on their way up (the minion's bounded queue was full or the
   * overlord was away): report them as DTrace drops.
   *
   * @param node     the node name of the minion
   * @param identity the program identity
   * @param total    records dropped for this program on that node so far (grows)
   */
  default void drops(String node, String identity, long total) {}
}

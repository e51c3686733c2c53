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
}

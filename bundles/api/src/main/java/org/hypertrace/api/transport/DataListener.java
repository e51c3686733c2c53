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

  /**
   * A minion linked a program against its own kernel's types and returns the relocated program
   * (HyperTrace's dt_prog_link on the guest); the host verifies it before it runs any firing of
   * that node. Arrives before the DATA of that program from that node.
   *
   * @param node      the node name of the minion
   * @param identity  the program identity
   * @param digest    the BTF digest of the node's kernel the program was linked against
   * @param relocated the relocated program, in the container format the program was sent in
   */
  default void linked(String node, String identity, String digest, byte[] relocated) {}
}

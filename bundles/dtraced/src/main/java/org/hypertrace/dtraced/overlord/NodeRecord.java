package org.hypertrace.dtraced.overlord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.hypertrace.api.transport.MinionInfo;

/**
 * What the overlord knows of one minion, across its connections: the registry row behind
 * {@code dtraced:minions}. Guarded by its own monitor.
 */
final class NodeRecord {
  final long nodeId;
  final String name;
  String address = "";
  String hostname = "";
  String osVersion = "";
  String btfDigest = "";
  MinionSession session;
  final Set<String> programs = new LinkedHashSet<>();
  /**
   * Active programs this node acknowledged at some time, even on an earlier connection: when it
   * lacks one at a later HELLO (it rebooted, or lost its spool), the re-send is flagged as a
   * redelivery so that it resumes the program (BEGIN does not fire there twice).
   */
  final Set<String> delivered = new java.util.HashSet<>();
  Instant lastSeen = Instant.EPOCH;
  long closedBytesIn;
  long closedBytesOut;
  long closedQueueDrops;
  /** the minion's own cumulative drop count per program (from DATA). */
  final Map<String, Long> minionDrops = new HashMap<>();

  NodeRecord(long nodeId, String name) {
    this.nodeId = nodeId;
    this.name = name;
  }

  synchronized MinionInfo info() {
    MinionSession s = session;
    long in = closedBytesIn + (s == null ? 0 : s.channel.bytesIn());
    long out = closedBytesOut + (s == null ? 0 : s.channel.bytesOut());
    long drops = closedQueueDrops + (s == null ? 0 : s.queue.drops());
    for (long d : minionDrops.values()) {
      drops += d;
    }
    return new MinionInfo(nodeId, name, address, s == null ? "AWAY" : "CONNECTED",
        new ArrayList<>(programs), lastSeen, in, out, drops, hostname, osVersion);
  }

  /** Folds a closed connection's counters into the totals. */
  synchronized void detach(MinionSession s) {
    if (session == s) {
      session = null;
    }
    closedBytesIn += s.channel.bytesIn();
    closedBytesOut += s.channel.bytesOut();
    closedQueueDrops += s.queue.drops();
  }
}

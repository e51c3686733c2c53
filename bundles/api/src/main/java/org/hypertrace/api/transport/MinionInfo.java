package org.hypertrace.api.transport;

import java.time.Instant;
import java.util.List;

/**
 * One row of the overlord's minion registry ({@code dtraced:minions}, {@code dtracedctl minions}).
 *
 * @param nodeId    the id the overlord gave the minion (stable across its reconnects)
 * @param name      node name (vmname of a guest, host name of a remote host)
 * @param address   where it connected from
 * @param state     CONNECTED, or AWAY when its connection is gone
 * @param programs  identities of the programs it acknowledged and still runs
 * @param lastSeen  when the last frame arrived from it
 * @param bytesIn   bytes received from it, over all its connections
 * @param bytesOut  bytes sent to it, over all its connections
 * @param drops     records lost for it: dropped by the minion or by the overlord's queue
 * @param hostname  host name it announced
 * @param osVersion kernel release it announced
 */
public record MinionInfo(long nodeId, String name, String address, String state,
    List<String> programs, Instant lastSeen, long bytesIn, long bytesOut, long drops,
    String hostname, String osVersion) {
  /** Copies the list. */
  public MinionInfo {
    programs = List.copyOf(programs);
  }
}

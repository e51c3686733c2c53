package org.hypertrace.api.daemon;

import java.time.Instant;
import java.util.List;

/**
 * One client of {@code sub.sock} as {@code dtracedctl} and {@code dtraced:clients} show it
 * (HyperTrace's dtraced INFO, plus the statistics HyperTrace never implemented).
 *
 * @param id            connection number, from 1
 * @param kind          CONSUMER (dtrace), FORWARDER (VMM or transport) or DTRACED
 * @param user          the peer's user name (from SO_PEERCRED)
 * @param identity      the client's announced identity (printable form)
 * @param subscriptions the subscription names (READDATA, ELFWRITE, KILL, CLEANUP, INFO)
 * @param connectedAt   when it connected
 * @param programs      identities of its active programs
 * @param firings       probe firings of its programs
 * @param drops         records of its programs dropped
 * @param bytesIn       bytes received from it
 * @param bytesOut      bytes sent to it
 */
public record ClientInfo(int id, String kind, String user, String identity,
    List<String> subscriptions, Instant connectedAt, List<String> programs, long firings,
    long drops, long bytesIn, long bytesOut) {}

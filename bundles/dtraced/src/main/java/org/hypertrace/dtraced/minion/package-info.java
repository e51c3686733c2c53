/**
 * The minion side of dtraced (private): {@code MinionCore} (connect with backoff, HELLO, spool to
 * {@code inbound/} before ACK, apply each identity once via {@code minion-applied.log}, resume
 * after a restart), {@code TargetMatcher} (target globs, {@code resolvers=hostname,version}),
 * {@code NodeFacts} (what HELLO announces), the {@code ProgramRunner} seam for the engine with
 * its default {@code HeartbeatRunner}, and the DS component {@code MinionComponent}.
 */
package org.hypertrace.dtraced.minion;

package org.hypertrace.api.engine;

/**
 * Counters of a trace session.
 *
 * @param firings  probe firings that ran clauses
 * @param drops    records dropped (principal buffer, aggregation, dynamic variable, speculation)
 * @param errors   DIF faults (ERROR probe firings)
 * @param bytesOut bytes of formatted output
 */
public record TraceStats(long firings, long drops, long errors, long bytesOut) {}

package org.hypertrace.api.program;

import org.hypertrace.api.dif.DifObject;

/**
 * One action of a statement: port of {@code dtrace_actdesc_t} (sys/dtrace.h).
 *
 * @param kind        {@code DTRACEACT_*} or {@code DTRACEAGG_*}
 * @param difo        the DIF object computing the action's value, or null
 * @param ntuple      for aggregations, the number of key records that precede this action
 * @param arg         action argument (frames for stack(), encoded lquantize/llquantize parameters,
 *                    size for tracemem, ...)
 * @param uarg        user argument (aggregation id for aggregating actions and printa)
 * @param format      printf-style format for printf, printa, system, freopen; otherwise null
 * @param aggregation the aggregation this action feeds (aggregating actions), or null
 */
public record ActionDescription(int kind, DifObject difo, int ntuple, long arg, long uarg,
    String format, AggregationDescription aggregation) {}

package org.hypertrace.api.program;

import org.hypertrace.api.dif.DifObject;

/**
 * One action of a statement: port of {@code dtrace_actdesc_t} (sys/dtrace.h).
 *
 * <p>Layout, exactly as libdtrace's dt_cc.c builds it (bundles/compiler/CONTRACT.md has the full
 * table): {@code trace(e)} is one {@code DTRACEACT_DIFEXPR}; an expression statement is a
 * {@code DTRACEACT_DIFEXPR} whose return type has size 0 (records nothing). {@code printf(fmt,
 * a, b)} is one {@code DTRACEACT_PRINTF} per argument, each with that argument's DIF object;
 * only the first carries {@code format}, pickled as libdtrace's {@code dtrace_printf_format}
 * does for DOF (conversions rewritten by argument type, e.g. {@code %d} to {@code %u} for an
 * unsigned value, {@code ll} for 8-byte integers); {@code printf(fmt)} alone is one {@code
 * DTRACEACT_PRINTF} whose object returns {@code %r0} ({@code system}, {@code freopen} alike).
 * An aggregation {@code @a[k...] = f(x)} is a {@code DTRACEACT_DIFEXPR} returning the
 * aggregation id, one action per key, an increment {@code DTRACEACT_DIFEXPR} for
 * quantize-family increments, then the {@code DTRACEAGG_*} action with {@code ntuple} = number
 * of preceding tuple actions, {@code arg} = DTRACE_LQUANTIZE_ / DTRACE_LLQUANTIZE_ encoding,
 * {@code uarg} = aggregation id and {@code aggregation} set. {@code printa} is one {@code
 * DTRACEACT_PRINTA} per aggregation (object returns the id, {@code uarg} = id, format on the
 * first). Library actions (clear, normalize, denormalize, trunc, setopt, ftruncate) are {@code
 * DTRACEACT_LIBACT} with {@code arg} = the dt_impl.h DT_ACT_* value.
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

package org.hypertrace.api.program;

import java.util.List;
import org.hypertrace.api.dif.DifType;

/**
 * An aggregation as the compiler declared it ({@code dt_ident_t} of kind DT_IDENT_AGG).
 *
 * @param id       aggregation id, unique in the program, from 1
 * @param name     name without the {@code @} ("" for the anonymous aggregation {@code @})
 * @param function {@code DTRACEAGG_*}
 * @param keyTypes types of the key tuple, in order (empty for a keyless aggregation)
 */
public record AggregationDescription(int id, String name, int function, List<DifType> keyTypes) {}

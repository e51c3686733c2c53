package org.hypertrace.api.program;

import java.util.List;
import org.hypertrace.api.dif.DifObject;

/**
 * One clause bound to one probe description: port of {@code dtrace_stmtdesc_t}. A clause with
 * several probe descriptions yields one statement per description, sharing predicate and actions.
 *
 * @param probe     the probe description
 * @param predicate the predicate, or null for none
 * @param actions   the actions in order (an empty clause traces the default record)
 * @param clause    index of the source clause the statement came from (0-based)
 */
public record Statement(ProbeDescription probe, DifObject predicate,
    List<ActionDescription> actions, int clause) {}

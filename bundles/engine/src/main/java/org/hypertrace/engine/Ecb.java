package org.hypertrace.engine;

import org.hypertrace.api.program.Statement;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.engine.vm.Difo;

/**
 * An enabled probe: one statement bound to one probe, with its enabled probe id. Port of
 * {@code dtrace_ecb_t}.
 */
final class Ecb {
  final int epid;
  final ProbeInfo probe;
  final Statement statement;
  final Difo predicate;
  final Step[] steps;
  /** Whether a firing leaves a record (and so a probe line when not quiet). */
  final boolean records;

  Ecb(int epid, ProbeInfo probe, Statement statement, Difo predicate, Step[] steps) {
    this.epid = epid;
    this.probe = probe;
    this.statement = statement;
    this.predicate = predicate;
    this.steps = steps;
    boolean r = steps.length == 0;
    for (Step s : steps) {
      r |= s.records();
    }
    this.records = r;
  }
}

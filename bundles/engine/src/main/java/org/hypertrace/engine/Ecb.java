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

  /**
   * The kernel's record size for a firing ({@code dte_size}): the 12-byte record header, then
   * each record at its alignment, rounded up to 4 bytes.
   *
   * @param strsize the strsize option
   * @return bytes
   */
  int recordSize(int strsize) {
    if (size >= 0) {
      return size;
    }
    int off = 12;
    for (Step s : steps) {
      if (!s.records()) {
        continue;
      }
      Difo[] ds = s.difos.length > 0 ? s.difos : new Difo[] {s.difo};
      for (Difo d : ds) {
        int n = d == null ? 8 : d.returnsString() ? strsize : Math.max(1, d.rtype.size());
        int align = d == null || d.byRef() ? 1 : Math.min(n, 8);
        off = (off + align - 1) / align * align + n;
      }
      if (s.second != null) {
        off = (off + 7) / 8 * 8 + 8;
      }
    }
    size = (off + 3) & ~3;
    return size;
  }

  private int size = -1;

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

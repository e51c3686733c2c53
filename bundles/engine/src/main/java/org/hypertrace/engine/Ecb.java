package org.hypertrace.engine;

import static org.hypertrace.api.dtrace.DTraceConstants.*;

import org.hypertrace.api.program.Statement;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.engine.vm.Difo;

/**
 * An enabled probe: one statement bound to one probe, with its enabled probe id. Port of
 * {@code dtrace_ecb_t}.
 */
final class Ecb {
  final int epid;
  final ProbeInfo probe;
  /**
   * The probe's id and description, read from {@link #probe} once: a firing copies them into
   * the firing context for every clause, and record accessors of another bundle's class are not
   * always inlined there (C2 declines while their signature classes look unloaded to it).
   */
  final int probeId;
  final String provider;
  final String module;
  final String function;
  final String name;
  final Statement statement;
  final Difo predicate;
  final Step[] steps;
  /** Whether a firing leaves a record (and so a probe line when not quiet). */
  final boolean records;
  /** The stacks its firings need ({@code ProbeListener.STACK_*} mask). */
  final int stacks;

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
      if (s.type == Step.STACK) {
        // dtrace_ecb_action_add: nframes pcs, a user stack adds the pid slot and its strsize
        long n = s.kind == DTRACEACT_STACK ? s.arg : s.arg >>> 32;
        n = n == 0 ? (s.kind == DTRACEACT_JSTACK ? 50 : 20) : n;
        int bytes = (int) (s.kind == DTRACEACT_STACK ? 8 * n
            : (8 * (n + 1) + (s.arg & 0xffffffffL) + 7) / 8 * 8);
        off = (off + 7) / 8 * 8 + bytes;
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
    this.probeId = probe.id();
    this.provider = probe.provider();
    this.module = probe.module();
    this.function = probe.function();
    this.name = probe.name();
    this.statement = statement;
    this.predicate = predicate;
    this.steps = steps;
    boolean r = steps.length == 0;
    for (Step s : steps) {
      r |= s.records();
    }
    this.records = r;
    int m = stacks(steps) | builtins(predicate);
    for (Step s : steps) {
      m |= builtins(s.difo) | builtins(s.incr) | builtins(s.second);
      for (Difo d : s.difos) {
        m |= builtins(d);
      }
    }
    this.stacks = m;
  }

  /**
   * @return the stacks a DIF object's built-ins read: stackdepth and caller walk the kernel
   *     stack, ustackdepth and ucaller the user stack
   */
  private static int builtins(Difo d) {
    if (d == null || d.source.text() == null) {
      return 0;
    }
    int m = 0;
    for (int instr : d.source.text()) {
      if (instr >>> 24 != org.hypertrace.api.dif.DifConstants.DIF_OP_LDGS) {
        continue;
      }
      int v = (instr >>> 8) & 0xffff;
      if (v == org.hypertrace.api.dif.DifConstants.DIF_VAR_STACKDEPTH
          || v == org.hypertrace.api.dif.DifConstants.DIF_VAR_CALLER) {
        m |= ProbeListener.STACK_KERNEL;
      } else if (v == org.hypertrace.api.dif.DifConstants.DIF_VAR_USTACKDEPTH
          || v == org.hypertrace.api.dif.DifConstants.DIF_VAR_UCALLER) {
        m |= ProbeListener.STACK_USER;
      }
    }
    return m;
  }

  /** @return the stacks a step list records: stack() kernel, ustack()/jstack() user */
  private static int stacks(Step[] steps) {
    int m = 0;
    for (Step s : steps) {
      if (s.type == Step.STACK) {
        m |= mask(s.kind);
      } else if (s.type == Step.AGG && s.agg != null && s.agg.keyKinds != null) {
        for (int k : s.agg.keyKinds) {
          m |= mask(k);
        }
      }
    }
    return m;
  }

  private static int mask(int kind) {
    return kind == DTRACEACT_STACK ? ProbeListener.STACK_KERNEL
        : kind == DTRACEACT_USTACK || kind == DTRACEACT_JSTACK ? ProbeListener.STACK_USER : 0;
  }
}

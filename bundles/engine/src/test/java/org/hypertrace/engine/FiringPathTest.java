package org.hypertrace.engine;

import static org.hypertrace.api.dif.DifConstants.*;
import static org.hypertrace.api.dtrace.DTraceConstants.*;
import static org.hypertrace.engine.DifAsm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifType;
import org.hypertrace.api.engine.TraceSession;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.ProbeContext;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.engine.prov.SimpleContext;
import org.junit.jupiter.api.Test;

/** The hot firing path (several clauses of one probe, thread-locals, clocks, probe names). */
class FiringPathTest {
  private static final int TS = DIF_VAR_OTHER_UBASE;

  /** One probe, {@code fp:mod:fn:hit}, fired by the test. */
  private static final class Provider implements ProbeProvider {
    ProbeListener listener;

    @Override public String name() {
      return "fp";
    }

    @Override public List<ProbeInfo> probes(ProbeDescription p) {
      return "fp".equals(p.provider())
          ? List.of(new ProbeInfo(7, "fp", "mod", "fn", "hit", List.of())) : List.of();
    }

    @Override public Enabling enable(List<ProbeInfo> probes, ProbeListener l) {
      listener = l;
      return () -> listener = null;
    }
  }

  /** A firing context with a provider timestamp, which is also its arg0. */
  private static final class Stamped implements ProbeContext {
    private final SimpleContext c;
    private final long ts;

    Stamped(int tid, long ts) {
      this.c = new SimpleContext(100, tid, "stamped");
      this.ts = ts;
    }

    @Override public long timestamp() {
      return ts;
    }

    @Override public long arg(int i) {
      return i == 0 ? ts : 0;
    }

    @Override public int pid() {
      return c.pid();
    }

    @Override public int tid() {
      return c.tid();
    }

    @Override public int ppid() {
      return 0;
    }

    @Override public int uid() {
      return 0;
    }

    @Override public int gid() {
      return 0;
    }

    @Override public int cpu() {
      return 0;
    }

    @Override public int errno() {
      return 0;
    }

    @Override public long curthread() {
      return 0;
    }

    @Override public String execname() {
      return c.execname();
    }

    @Override public String vmname() {
      return null;
    }

    @Override public int read(long address, byte[] dst, int off, int len) {
      return -1;
    }
  }

  private static DifObject storeTs(int var) {
    return new DifAsm().declare("ts", TS, DIFV_KIND_SCALAR, DIFV_SCOPE_THREAD, DifType.INT64)
        .emit(var(DIF_OP_LDGS, var, 1), var(DIF_OP_STTS, TS, 1), ret(1)).build(VOID);
  }

  private static DifObject delta() {
    return new DifAsm().declare("ts", TS, DIFV_KIND_SCALAR, DIFV_SCOPE_THREAD, DifType.INT64)
        .emit(var(DIF_OP_LDGS, DIF_VAR_TIMESTAMP, 1), var(DIF_OP_LDTS, TS, 2),
            op(DIF_OP_SUB, 1, 2, 3), ret(3))
        .build(DifType.INT64);
  }

  private static DifObject loadTs() {
    return new DifAsm().declare("ts", TS, DIFV_KIND_SCALAR, DIFV_SCOPE_THREAD, DifType.INT64)
        .emit(var(DIF_OP_LDTS, TS, 1), ret(1)).build(DifType.INT64);
  }

  private static String run(Prog p, ProbeContext... firings) throws Exception {
    Provider prov = new Provider();
    HyperTraceEngine engine = new HyperTraceEngine();
    engine.addProvider(prov);
    Prog.Capture c = new Prog.Capture();
    try (TraceSession s = engine.open(p.build(), Map.of("quiet", ""), c)) {
      s.go();
      for (ProbeContext f : firings) {
        prov.listener.fire(7, f);
      }
    }
    assertEquals("", c.err.toString());
    return c.out.toString();
  }

  @Test
  void testTimestamp_oneClockReadingForAllClausesOfAFiring() throws Exception {
    // the host clock (the context gives no time): every clause of a firing sees the same value
    Prog p = new Prog().action(DTRACEACT_DIFEXPR, storeTs(DIF_VAR_TIMESTAMP), 0)
        .clause("fp", "hit", null)
        .printf("%d\n", delta()).clause("fp", "hit", null);
    SimpleContext ctx = new SimpleContext(1, 2, "x");
    assertEquals("0\n0\n0\n\n", run(p, ctx, ctx, ctx));
  }

  @Test
  void testTimestamp_providerStampWins() throws Exception {
    Prog p = new Prog().printf("%d %d\n", builtin(DIF_VAR_TIMESTAMP, DifType.INT64),
        builtin(DIF_VAR_VTIMESTAMP, DifType.INT64)).clause("fp", "hit", null);
    assertEquals("123456789 123456789\n987654321 987654321\n\n",
        run(p, new Stamped(5, 123456789L), new Stamped(5, 987654321L)));
  }

  @Test
  void testThreadLocal_eachThreadItsOwnAndZeroFrees() throws Exception {
    // clause 1: self->ts = arg0; clause 2: printf("%d\n", self->ts)
    Prog p = new Prog().action(DTRACEACT_DIFEXPR, storeTs(DIF_VAR_ARG0), 0)
        .clause("fp", "hit", null)
        .printf("%d\n", loadTs()).clause("fp", "hit", null);
    assertEquals("11\n22\n11\n\n",
        run(p, new Stamped(1, 11), new Stamped(2, 22), new Stamped(1, 11)));
    // a zero store deallocates: that thread's variable reads 0, and it can be stored again
    assertEquals("5\n0\n7\n\n", run(p, new Stamped(3, 5), new Stamped(3, 0),
        new Stamped(3, 7)));
  }

  @Test
  void testProbeBuiltins_describeTheFiringProbe() throws Exception {
    Prog p = new Prog().printf("%s:%s:%s:%s %d %s\n",
        builtin(DIF_VAR_PROBEPROV, STRING), builtin(DIF_VAR_PROBEMOD, STRING),
        builtin(DIF_VAR_PROBEFUNC, STRING), builtin(DIF_VAR_PROBENAME, STRING),
        builtin(DIF_VAR_ID, DifType.INT64), builtin(DIF_VAR_EXECNAME, STRING))
        .clause("fp", "hit", null);
    assertEquals("fp:mod:fn:hit 7 stamped\n\n", run(p, new Stamped(1, 1)));
  }
}

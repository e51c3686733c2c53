package org.hypertrace.engine.bench;

import static org.hypertrace.api.dif.DifConstants.*;
import static org.hypertrace.api.dtrace.DTraceConstants.*;
import static org.hypertrace.engine.DifAsm.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifType;
import org.hypertrace.api.engine.TraceOutput;
import org.hypertrace.api.engine.TraceSession;
import org.hypertrace.api.program.ActionDescription;
import org.hypertrace.api.program.AggregationDescription;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.program.Statement;
import org.hypertrace.engine.DifAsm;
import org.hypertrace.engine.HyperTraceEngine;
import org.hypertrace.engine.prov.SimpleContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Firings per second of the engine's hot paths, one thread, warm: the DIF a D compiler emits
 * for {@code bench:::fire { @[execname] = count(); }} and for
 * {@code bench:::fire { self->ts = timestamp; } bench:::fire { @ = quantize(timestamp -
 * self->ts); }}, fired through the provider listener as a real provider would. Run with
 * {@code scripts/bench-engine} (adds {@code -prof gc} for allocation per firing and
 * {@link CpuRateProfiler} for firings per CPU-second, which a loaded machine does not skew).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineBench {
  private static final int TS = DIF_VAR_OTHER_UBASE;

  @Param({"count", "quantize"})
  public String program;

  private TraceSession session;
  private BenchProvider provider;
  private final SimpleContext ctx = new SimpleContext(1234, 5678, "bash");

  private static Statement stmt(int clause, ActionDescription... acts) {
    return new Statement(new ProbeDescription("", "bench", "", "", "fire"), null, List.of(acts),
        clause);
  }

  static DProgram countProgram() {
    DifObject exec = builtin(DIF_VAR_EXECNAME, STRING);
    return new DProgram(List.of(stmt(0,
        new ActionDescription(DTRACEACT_DIFEXPR, constant(1, DifType.INT64), 0, 0, 0, null, null),
        new ActionDescription(DTRACEACT_DIFEXPR, exec, 0, 0, 0, null, null),
        new ActionDescription(DTRACEAGG_COUNT, null, 2, 0, 1, null,
            new AggregationDescription(1, "", DTRACEAGG_COUNT, List.of(STRING))))),
        Map.of(), new byte[0]);
  }

  static DProgram quantizeProgram() {
    DifObject store = new DifAsm()
        .declare("ts", TS, DIFV_KIND_SCALAR, DIFV_SCOPE_THREAD, DifType.INT64)
        .emit(var(DIF_OP_LDGS, DIF_VAR_TIMESTAMP, 1), var(DIF_OP_STTS, TS, 1), ret(1))
        .build(VOID);
    DifObject delta = new DifAsm()
        .declare("ts", TS, DIFV_KIND_SCALAR, DIFV_SCOPE_THREAD, DifType.INT64)
        .emit(var(DIF_OP_LDGS, DIF_VAR_TIMESTAMP, 1), var(DIF_OP_LDTS, TS, 2),
            op(DIF_OP_SUB, 1, 2, 3), ret(3))
        .build(DifType.INT64);
    List<Statement> s = new ArrayList<>();
    s.add(stmt(0, new ActionDescription(DTRACEACT_DIFEXPR, store, 0, 0, 0, null, null)));
    s.add(stmt(1,
        new ActionDescription(DTRACEACT_DIFEXPR, constant(1, DifType.INT64), 0, 0, 0, null, null),
        new ActionDescription(DTRACEAGG_QUANTIZE, delta, 1, 0, 1, null,
            new AggregationDescription(1, "", DTRACEAGG_QUANTIZE, List.of()))));
    return new DProgram(s, Map.of(), new byte[0]);
  }

  @Setup(Level.Trial)
  public void setup() {
    HyperTraceEngine engine = new HyperTraceEngine();
    provider = new BenchProvider();
    engine.addProvider(provider);
    DProgram p = program.equals("count") ? countProgram() : quantizeProgram();
    session = engine.open(p, Map.of("quiet", ""), new TraceOutput() {
      @Override public void out(CharSequence t) { }

      @Override public void err(CharSequence t) { }
    });
    session.go();
  }

  @TearDown(Level.Trial)
  public void teardown() {
    session.stop();
  }

  /** @return the listener the engine gave the bench provider (after {@link #setup}) */
  public org.hypertrace.api.provider.ProbeListener listener() {
    return provider.listener;
  }

  @Benchmark
  public void fire() {
    provider.listener.fire(1, ctx);
  }

  /**
   * Runs the benchmarks.
   *
   * @param args JMH arguments (e.g. {@code -prof gc})
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    String[] a = new String[args.length + 1];
    a[0] = EngineBench.class.getName();
    System.arraycopy(args, 0, a, 1, args.length);
    org.openjdk.jmh.Main.main(a);
  }
}

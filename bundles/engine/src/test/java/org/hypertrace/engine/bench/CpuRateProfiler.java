package org.hypertrace.engine.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports each iteration's operations per CPU-second of the benchmark
 * threads ({@code cpu.rate}): on a machine shared with other work, wall-clock throughput follows
 * the load while this follows the code. Use with {@code -prof
 * org.hypertrace.engine.bench.CpuRateProfiler}.
 */
public final class CpuRateProfiler implements InternalProfiler {
  private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
  private Map<Long, Long> before = new HashMap<>();

  @Override public String getDescription() {
    return "operations per CPU-second of the benchmark threads";
  }

  private Map<Long, Long> workers() {
    Map<Long, Long> m = new HashMap<>();
    for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (t != null && t.getThreadName().contains("-jmh-worker-")) {
        m.put(t.getThreadId(), mx.getThreadCpuTime(t.getThreadId()));
      }
    }
    return m;
  }

  @Override public void beforeIteration(BenchmarkParams bp, IterationParams ip) {
    before = workers();
  }

  @Override public List<? extends Result> afterIteration(BenchmarkParams bp, IterationParams ip,
      IterationResult r) {
    long cpu = 0;
    for (Map.Entry<Long, Long> e : workers().entrySet()) {
      cpu += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    long ops = r.getMetadata() == null ? 0 : r.getMetadata().getMeasuredOps();
    if (cpu <= 0 || ops <= 0) {
      return List.of();
    }
    return List.of(new ScalarResult("cpu.rate", ops * 1e9 / cpu, "ops/cpu-s",
        AggregationPolicy.AVG));
  }
}

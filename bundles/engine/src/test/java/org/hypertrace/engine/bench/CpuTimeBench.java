package org.hypertrace.engine.bench;

import java.lang.management.ManagementFactory;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.engine.prov.SimpleContext;

/**
 * The same firings as {@link EngineBench}, timed in CPU time of the firing thread and with its
 * allocated bytes: figures that hold on a machine shared with other work, where JMH's wall-clock
 * throughput swings with the load. Run with {@code scripts/bench-engine --cpu}.
 */
public final class CpuTimeBench {
  private CpuTimeBench() {}

  /**
   * @param args ignored
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    SimpleContext ctx = new SimpleContext(1234, 5678, "bash");
    for (String program : new String[] {"count", "quantize"}) {
      EngineBench b = new EngineBench();
      b.program = program;
      b.setup();
      ProbeListener l = b.listener();
      for (int round = 0; round < 8; round++) {
        long n = 10_000_000;
        long c0 = mx.getCurrentThreadCpuTime();
        long a0 = mx.getThreadAllocatedBytes(tid);
        for (long i = 0; i < n; i++) {
          l.fire(1, ctx);
        }
        long c1 = mx.getCurrentThreadCpuTime();
        long a1 = mx.getThreadAllocatedBytes(tid);
        System.out.printf("%-8s round %d: %5.1f M firings per CPU-second, %.3f bytes/firing%n",
            program, round, n * 1e3 / (c1 - c0), (a1 - a0) / (double) n);
      }
      b.teardown();
    }
  }
}

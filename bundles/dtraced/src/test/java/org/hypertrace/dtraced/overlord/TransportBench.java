package org.hypertrace.dtraced.overlord;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.hypertrace.dtraced.minion.MinionCore;
import org.hypertrace.dtraced.minion.NodeFacts;
import org.hypertrace.dtraced.minion.ProgramRunner;
import org.hypertrace.dtraced.minion.TargetMatcher;
import org.hypertrace.transport.channel.Endpoint;
import org.hypertrace.transport.channel.TransportOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures issue 7 asks for, measured in one JVM (run with {@code -Dht.bench=true}; skipped
 * otherwise): programs per second distributed to 50 minions, DATA throughput of one minion over
 * TCP loopback. {@code -Dht.bench.overlord=unix:PATH} instead holds 50 minions against a running
 * overlord daemon for {@code ht.bench.hold} seconds, to measure that daemon's memory.
 */
class TransportBench {
  @TempDir Path tmp;

  /** Runs nothing: distribution only. */
  static final class NullRunner implements ProgramRunner {
    @Override
    public void start(Program p, boolean resumed, DataSink sink) {}

    @Override
    public void stop(String identity) {}

    @Override
    public void close() {}
  }

  /** Emits fixed-size records as fast as the queue takes them, for a time. */
  static final class FloodRunner implements ProgramRunner {
    final int size;
    final long millis;
    final AtomicLong offered = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    volatile Thread thread;

    FloodRunner(int size, long millis) {
      this.size = size;
      this.millis = millis;
    }

    @Override
    public void start(Program p, boolean resumed, DataSink sink) {
      thread = new Thread(() -> {
        byte[] rec = new byte[size];
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
          offered.incrementAndGet();
          if (!sink.emit(p.identity(), rec)) {
            dropped.incrementAndGet();
            Thread.onSpinWait();
          }
        }
      });
      thread.start();
    }

    @Override
    public void stop(String identity) {}

    @Override
    public void close() {}
  }

  private MinionCore minion(String name, Endpoint ov, TransportOptions o, ProgramRunner r)
      throws Exception {
    Path base = tmp.resolve(name);
    Files.createDirectories(base);
    MinionCore m = new MinionCore(base, name, ov, o, r, new NodeFacts(name, "Linux", "6", ""),
        new TargetMatcher("hostname", name, name, "Linux", "6"), Path.of("/"), 500);
    m.start();
    return m;
  }

  private static void await(java.util.function.BooleanSupplier c, long ms) throws Exception {
    long end = System.currentTimeMillis() + ms;
    while (!c.getAsBoolean()) {
      if (System.currentTimeMillis() > end) {
        throw new AssertionError("timeout");
      }
      Thread.sleep(2);
    }
  }

  @Test
  void testBench_programsPerSecondTo50Minions() throws Exception {
    assumeTrue(Boolean.getBoolean("ht.bench"));
    TransportOptions o = TransportOptions.defaults();
    OverlordCore ov = new OverlordCore(tmp.resolve("ov"), o);
    Endpoint ep = ov.listen(Endpoint.parse("unix:" + tmp.resolve("ov.sock")));
    List<MinionCore> minions = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      minions.add(minion("m" + i, ep, o, new NullRunner()));
    }
    await(() -> ov.minions().size() == 50 && minions.stream().allMatch(MinionCore::connected),
        30_000);
    int n = Integer.getInteger("ht.bench.programs", 200);
    int size = Integer.getInteger("ht.bench.size", 16 * 1024);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      ov.publish("bench-" + i, new byte[size], List.of());
    }
    long published = System.nanoTime();
    await(() -> ov.minions().stream().allMatch(r -> r.programs().size() == n), 600_000);
    long t1 = System.nanoTime();
    double s = (t1 - t0) / 1e9;
    System.out.printf("BENCH distribution: %d programs x %d bytes to 50 minions in %.2f s "
        + "(publish %.2f s): %.1f programs/s, %.0f deliveries/s (spool %s)%n", n, size, s,
        (published - t0) / 1e9, n / s, n * 50 / s, Files.getFileStore(tmp).type());
    minions.forEach(MinionCore::close);
    ov.close();
  }

  @Test
  void testBench_dataThroughputTcpLoopback() throws Exception {
    assumeTrue(Boolean.getBoolean("ht.bench"));
    TransportOptions o = TransportOptions.defaults().withAllowPlain(true);
    OverlordCore ov = new OverlordCore(tmp.resolve("ov"), o);
    AtomicLong events = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    ov.addDataListener((node, id, seq, b) -> {
      events.incrementAndGet();
      bytes.addAndGet(b.length);
    });
    Endpoint ep = ov.listen(Endpoint.parse("tcp:127.0.0.1:0"));
    for (int size : new int[] {64, 256, 4096}) {
      events.set(0);
      bytes.set(0);
      FloodRunner flood = new FloodRunner(size, 5000);
      MinionCore m = minion("flood" + size, ep, o, flood);
      await(m::connected, 10_000);
      ov.publish("flood-" + size, new byte[8], List.of());
      await(() -> flood.thread != null, 10_000);
      Thread.sleep(1000);
      long e0 = events.get();
      long b0 = bytes.get();
      long t0 = System.nanoTime();
      flood.thread.join();
      double s = (System.nanoTime() - t0) / 1e9;
      long e = events.get() - e0;
      long b = bytes.get() - b0;
      System.out.printf("BENCH data over tcp loopback, %d-byte records: %.0f events/s, "
          + "%.1f MB/s payload (offered %d, dropped at the minion %d)%n", size, e / s,
          b / s / 1e6, flood.offered.get(), flood.dropped.get());
      ov.kill("flood-" + size);
      m.close();
    }
    ov.close();
  }

  @Test
  void testBench_holdMinionsAgainstDaemon() throws Exception {
    String addr = System.getProperty("ht.bench.overlord");
    assumeTrue(addr != null);
    TransportOptions o = TransportOptions.defaults().withAllowPlain(true);
    List<MinionCore> minions = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      minions.add(minion("hold" + i, Endpoint.parse(addr), o,
          new org.hypertrace.dtraced.minion.HeartbeatRunner("hold" + i, 1000, null)));
    }
    await(() -> minions.stream().allMatch(MinionCore::connected), 30_000);
    System.out.println("BENCH 50 minions connected to " + addr);
    Thread.sleep(Long.getLong("ht.bench.hold", 30) * 1000);
    minions.forEach(MinionCore::close);
  }
}

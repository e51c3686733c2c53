package org.hypertrace.dtraced.minion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The default {@link ProgramRunner} until the engine is plugged in: records each program as
 * active and sends a DATA heartbeat for it every interval ({@code "heartbeat NODE IDENTITY N"}).
 * With a journal file it also appends one line per start and stop, which the tests read to prove
 * that no identity is applied twice.
 */
public final class HeartbeatRunner implements ProgramRunner {
  private final String node;
  private final long intervalMs;
  private final Path journal;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "minion heartbeat");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, ScheduledFuture<?>> running = new ConcurrentHashMap<>();

  /**
   * @param node       node name, in the heartbeat text
   * @param intervalMs heartbeat period
   * @param journal    start/stop journal, or null for none
   */
  public HeartbeatRunner(String node, long intervalMs, Path journal) {
    this.node = node;
    this.intervalMs = intervalMs;
    this.journal = journal;
  }

  @Override
  public void start(Program p, boolean resumed, DataSink sink) {
    journal((resumed ? "resume " : "apply ") + p.identity());
    long[] n = {0};
    ScheduledFuture<?> f = timer.scheduleAtFixedRate(() -> sink.emit(p.identity(),
        ("heartbeat " + node + " " + p.identity() + " " + n[0]++)
            .getBytes(StandardCharsets.UTF_8)), 0, intervalMs, TimeUnit.MILLISECONDS);
    ScheduledFuture<?> old = running.put(p.identity(), f);
    if (old != null) {
      old.cancel(false);
    }
  }

  @Override
  public void stop(String identity) {
    ScheduledFuture<?> f = running.remove(identity);
    if (f != null) {
      f.cancel(false);
      journal("stop " + identity);
    }
  }

  /** @return identities running now */
  public java.util.Set<String> running() {
    return java.util.Set.copyOf(running.keySet());
  }

  @Override
  public void close() {
    timer.shutdownNow();
    running.clear();
  }

  private synchronized void journal(String line) {
    if (journal == null) {
      return;
    }
    try {
      Files.writeString(journal, Instant.now() + " " + line + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    } catch (IOException e) {
      System.err.println("dtraced: cannot write runner journal " + journal + ": " + e);
    }
  }
}

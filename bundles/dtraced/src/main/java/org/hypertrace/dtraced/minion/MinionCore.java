package org.hypertrace.dtraced.minion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hypertrace.dtraced.log.DaemonLog;
import org.hypertrace.dtraced.overlord.Keepalive;
import org.hypertrace.transport.channel.Channel;
import org.hypertrace.transport.channel.Connector;
import org.hypertrace.transport.channel.Endpoint;
import org.hypertrace.transport.channel.SendQueue;
import org.hypertrace.transport.channel.TransportOptions;
import org.hypertrace.transport.frame.Frame;
import org.hypertrace.transport.frame.FrameFormatException;
import org.hypertrace.transport.frame.FrameKind;
import org.hypertrace.transport.msg.ChecksumException;
import org.hypertrace.transport.msg.Message;
import org.hypertrace.transport.msg.MessageReader;
import org.hypertrace.transport.msg.MessageWriter;
import org.hypertrace.transport.msg.Reassembler;
import org.hypertrace.transport.spool.AppliedLog;
import org.hypertrace.transport.spool.Spool;

/**
 * The minion: connects to its overlord (reconnecting with backoff), receives programs and
 * applies each identity once, sends DATA up. The invariants that make distribution
 * transactional:
 * <ol>
 *   <li>a program is in {@code inbound/} (fsynced, renamed) before the ACK leaves;</li>
 *   <li>its identity is appended to {@code minion-applied.log} (fsynced) before the runner
 *       starts it; after a restart, programs still in {@code inbound/} are resumed, never
 *       applied again;</li>
 *   <li>HELLO lists what {@code inbound/} holds, so the overlord re-sends what is missing and
 *       KILLs what ended while the minion was away; KILL and CLEANUP remove the spool entries.</li>
 *   <li>A program the overlord flags as redelivered (this node held it before and lost it with
 *       its spool, as a rebooted guest does) is resumed, not started anew.</li>
 * </ol>
 * On a virtio port, a byte stream that outlives both ends' programs, the minion repeats HELLO
 * until the overlord's NODE_ID answers it, skipping what comes before (the rest of a frame cut
 * when this guest rebooted or the host dialed again); it also answers the overlord's request
 * for HELLO on a connection it did not see change.
 */
public final class MinionCore implements AutoCloseable {
  private static final long BACKOFF_MIN_MS = 100;

  private final Spool spool;
  private final String nodeName;
  private final Endpoint overlord;
  private final TransportOptions options;
  private final ProgramRunner runner;
  private final NodeFacts facts;
  private final TargetMatcher matcher;
  private final Path sysRoot;
  private final long backoffMaxMs;
  private final AppliedLog applied;
  private final Path nodeIdFile;
  private final Reassembler reassembler;
  private final Map<String, ProgramRunner.Program> held = new ConcurrentHashMap<>();
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> drops = new ConcurrentHashMap<>();
  private final AtomicLong connects = new AtomicLong();
  private volatile SendQueue current;
  private volatile Channel currentChannel;
  private volatile long nodeId;
  private volatile boolean closed;
  private volatile long keepaliveMs = Keepalive.DEFAULT_MS;
  private volatile boolean resync;
  private volatile boolean dispatching;
  private volatile long lastReceived;
  private Thread loop;
  private final java.util.concurrent.ScheduledExecutorService pinger =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "minion keepalive");
        t.setDaemon(true);
        return t;
      });

  /**
   * Opens the spool and applied log; call {@link #start()} to resume and connect.
   *
   * @param base         the daemon's base directory
   * @param nodeName     node name (vmname)
   * @param overlord     where the overlord is
   * @param options      channel options
   * @param runner       what runs programs
   * @param facts        what HELLO announces
   * @param matcher      target matching
   * @param sysRoot      "/" normally (virtio port lookup)
   * @param backoffMaxMs longest wait between connection attempts
   * @throws IOException when the spool cannot be opened
   */
  public MinionCore(Path base, String nodeName, Endpoint overlord, TransportOptions options,
      ProgramRunner runner, NodeFacts facts, TargetMatcher matcher, Path sysRoot,
      long backoffMaxMs) throws IOException {
    this.spool = Spool.open(base);
    this.nodeName = nodeName;
    this.overlord = overlord;
    this.options = options;
    this.runner = runner;
    this.facts = facts;
    this.matcher = matcher;
    this.sysRoot = sysRoot;
    this.backoffMaxMs = Math.max(BACKOFF_MIN_MS, backoffMaxMs);
    this.applied = new AppliedLog(base.resolve("minion-applied.log"));
    this.nodeIdFile = base.resolve("minion.node-id");
    this.resync = overlord.scheme().equals("virtio");
    this.reassembler = new Reassembler(options.maxPayload(), 16);
    try {
      nodeId = Long.parseLong(Files.readString(nodeIdFile, StandardCharsets.US_ASCII).trim());
    } catch (IOException | NumberFormatException e) {
      nodeId = 0;
    }
  }

  /**
   * @param on whether the channel is a byte stream that outlives both ends (on by itself for a
   *           virtio port: the minion then repeats HELLO and seeks the overlord's NODE_ID); set
   *           before {@link #start()}
   */
  public void setResync(boolean on) {
    resync = on;
  }

  /** @param ms keepalive period (see {@link Keepalive}); set before {@link #start()} */
  public void setKeepalive(long ms) {
    keepaliveMs = ms;
  }

  /** Resumes the programs in {@code inbound/}, then connects on a daemon thread. */
  public void start() {
    resumeSpool();
    pinger.scheduleWithFixedDelay(this::ping, keepaliveMs, keepaliveMs,
        java.util.concurrent.TimeUnit.MILLISECONDS);
    loop = new Thread(this::connectLoop, "minion " + nodeName + " -> " + overlord);
    loop.setDaemon(true);
    loop.start();
  }

  private void resumeSpool() {
    try {
      for (String name : spool.list(Spool.Area.INBOUND, ".elf")) {
        String stem = name.substring(0, name.length() - 4);
        try {
          ProgramRunner.Program p = load(stem);
          held.put(p.identity(), p);
          runIfTargeted(p, false);
        } catch (IOException e) {
          DaemonLog.warn("minion: ignoring damaged spool entry " + name + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      DaemonLog.error("minion: cannot read " + spool.dir(Spool.Area.INBOUND) + ": " + e);
    }
    if (!held.isEmpty()) {
      DaemonLog.info("minion: " + held.size() + " program(s) in inbound/, " + running.size()
          + " resumed");
    }
  }

  private void connectLoop() {
    long backoff = BACKOFF_MIN_MS;
    String lastError = "";
    while (!closed) {
      Channel ch;
      try {
        ch = Connector.connect(overlord, options, sysRoot);
      } catch (IOException e) {
        if (!e.toString().equals(lastError)) {
          DaemonLog.warn("minion: cannot reach overlord " + overlord + ": " + e.getMessage()
              + "; retrying");
          lastError = e.toString();
        }
        sleep(backoff + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
        backoff = Math.min(backoff * 2, backoffMaxMs);
        continue;
      }
      backoff = BACKOFF_MIN_MS;
      lastError = "";
      connects.incrementAndGet();
      serve(ch);
    }
  }

  /** Pings the overlord; drops a connection that stayed silent (a cut link). */
  private void ping() {
    SendQueue q = current;
    if (q == null) {
      return;
    }
    // while a message is applied (arming a program's probes takes seconds in a slow guest),
    // nothing is read: that is no sign of a silent overlord, and the pings keep this side alive
    if (!dispatching
        && System.nanoTime() - lastReceived > keepaliveMs * Keepalive.MISSES * 1_000_000L) {
      DaemonLog.warn("minion: overlord silent for " + keepaliveMs * Keepalive.MISSES
          + " ms, reconnecting");
      disconnect();
      return;
    }
    reply(q, new Message.Info(Keepalive.PING));
  }

  private Frame hello() {
    return MessageWriter.frame(new Message.Hello(nodeId, nodeName, facts.hostname(),
        facts.osName(), facts.osVersion(), facts.btfDigest(), new ArrayList<>(held.keySet())), 0);
  }

  private void serve(Channel ch) {
    SendQueue q = new SendQueue(ch, options.queueCapacity(), e -> ch.close());
    lastReceived = System.nanoTime();
    boolean resync = this.resync;
    ScheduledFuture<?> again = null;
    try {
      q.offer(List.of(hello()));
      currentChannel = ch;
      current = q;
      if (resync) {
        again = pinger.scheduleWithFixedDelay(() -> q.offer(List.of(hello())), keepaliveMs,
            keepaliveMs, TimeUnit.MILLISECONDS);
        boolean answered = awaitNodeId(ch);
        again.cancel(false);
        if (!answered) {
          return;
        }
      }
      for (Frame f; (f = ch.receive()) != null; ) {
        dispatching = true;
        try {
          dispatch(q, f, MessageReader.read(f));
        } finally {
          lastReceived = System.nanoTime();
          dispatching = false;
        }
      }
    } catch (IOException e) {
      if (!closed) {
        DaemonLog.warn("minion: connection to " + overlord + " lost: " + e.getMessage());
      }
    } finally {
      if (again != null) {
        again.cancel(false);
      }
      current = null;
      currentChannel = null;
      q.close();
      ch.close();
    }
  }

  /** Skips to the overlord's NODE_ID naming this node; false at the end of the stream. */
  private boolean awaitNodeId(Channel ch) throws IOException {
    for (Frame f; (f = ch.seek(FrameKind.NODE_ID, 4096)) != null; ) {
      Message m;
      try {
        m = MessageReader.read(f);
      } catch (FrameFormatException e) {
        continue;
      }
      if (m instanceof Message.NodeId n && n.name().equals(nodeName)) {
        lastReceived = System.nanoTime();
        setNodeId(n.nodeId());
        return true;
      }
    }
    return false;
  }

  private void dispatch(SendQueue q, Frame f, Message m) throws IOException {
    long messageId = f.messageId();
    if (m instanceof Message.ElfChunk c) {
      Message.Elf elf;
      try {
        elf = reassembler.accept(c);
      } catch (ChecksumException e) {
        reply(q, new Message.Nak(messageId, c.identity(), e.getMessage()));
        return;
      }
      if (elf != null) {
        receive(q, messageId, elf, (f.flags() & Frame.FLAG_REDELIVERED) != 0);
      }
    } else if (m instanceof Message.Kill k) {
      end(k.identity());
      reply(q, new Message.Ack(messageId, k.identity()));
    } else if (m instanceof Message.Cleanup c) {
      end(c.identity());
      reply(q, new Message.Ack(messageId, c.identity()));
    } else if (m instanceof Message.NodeId n) {
      setNodeId(n.nodeId());
    } else if (m instanceof Message.Info i && i.text().equals(Keepalive.HELLO)) {
      q.offer(List.of(hello()));
    } else if (m instanceof Message.Info i && !i.text().equals(Keepalive.PONG)) {
      reply(q, new Message.Info("node " + nodeName + " holds " + held.size() + " running "
          + running.size()));
    }
  }

  /** A whole program arrived: spool it, ACK, then apply once (resume it when redelivered). */
  private void receive(SendQueue q, long messageId, Message.Elf elf, boolean redelivered)
      throws IOException {
    String id = elf.identity();
    if (!held.containsKey(id)) {
      if (applied.isApplied(id)) {
        reply(q, new Message.Nak(messageId, id, "identity " + id + " was used and has ended"));
        return;
      }
      String stem = stem(id);
      StringBuilder meta = new StringBuilder(id).append('\n');
      elf.targets().forEach(t -> meta.append(t).append('\n'));
      spool.publish(Spool.Area.INBOUND, stem + ".meta",
          meta.toString().getBytes(StandardCharsets.UTF_8));
      spool.publish(Spool.Area.INBOUND, stem + ".elf", elf.program());
      held.put(id, new ProgramRunner.Program(id, elf.targets(), elf.program()));
    }
    reply(q, new Message.Ack(messageId, id));
    runIfTargeted(held.get(id), redelivered);
  }

  private void runIfTargeted(ProgramRunner.Program p, boolean redelivered) throws IOException {
    if (p == null || running.contains(p.identity()) || !matcher.matches(p.targets())) {
      return;
    }
    boolean first = applied.markApplied(p.identity());
    // started before it is listed, so running() never shows a program the runner has not seen
    runner.start(p, !first || redelivered, this::emit);
    running.add(p.identity());
  }

  private void end(String identity) throws IOException {
    reassembler.forget(identity);
    if (running.remove(identity)) {
      runner.stop(identity);
    }
    held.remove(identity);
    String stem = stem(identity);
    spool.remove(Spool.Area.INBOUND, stem + ".elf");
    spool.remove(Spool.Area.INBOUND, stem + ".meta");
    sequences.remove(identity);
  }

  private boolean emit(String identity, byte[] bytes) {
    AtomicLong dropped = drops.computeIfAbsent(identity, k -> new AtomicLong());
    SendQueue q = current;
    long seq = sequences.computeIfAbsent(identity, k -> new AtomicLong()).getAndIncrement();
    if (q == null || !q.offerData(MessageWriter.frame(new Message.Data(identity, seq,
        dropped.get(), bytes), 0))) {
      dropped.incrementAndGet();
      return false;
    }
    return true;
  }

  private static void reply(SendQueue q, Message m) {
    q.offer(List.of(MessageWriter.frame(m, 0)));
  }

  private ProgramRunner.Program load(String stem) throws IOException {
    List<String> meta = Arrays.asList(new String(spool.read(Spool.Area.INBOUND, stem + ".meta"),
        StandardCharsets.UTF_8).split("\n", -1));
    if (meta.isEmpty() || meta.get(0).isEmpty()) {
      throw new IOException("empty meta file");
    }
    List<String> targets = new ArrayList<>(meta.subList(1, meta.size()));
    if (!targets.isEmpty() && targets.get(targets.size() - 1).isEmpty()) {
      targets.remove(targets.size() - 1);
    }
    return new ProgramRunner.Program(meta.get(0), targets,
        spool.read(Spool.Area.INBOUND, stem + ".elf"));
  }

  private void setNodeId(long id) {
    nodeId = id;
    Path tmp = nodeIdFile.resolveSibling("." + nodeIdFile.getFileName());
    try {
      Files.writeString(tmp, id + "\n", StandardCharsets.US_ASCII);
      Files.move(tmp, nodeIdFile, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      DaemonLog.warn("minion: cannot save node id: " + e.getMessage());
    }
  }

  private static String stem(String identity) {
    return HexFormat.of().formatHex(identity.getBytes(StandardCharsets.UTF_8));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** @return whether a connection to the overlord is up */
  public boolean connected() {
    return current != null;
  }

  /** @return successful connections so far */
  public long connects() {
    return connects.get();
  }

  /** @return the node id the overlord gave, 0 before the first */
  public long nodeId() {
    return nodeId;
  }

  /** @return identities in inbound/ */
  public Set<String> held() {
    return Set.copyOf(held.keySet());
  }

  /** @return identities running here */
  public Set<String> running() {
    return Set.copyOf(running);
  }

  /** @return DATA records dropped so far, over all programs */
  public long drops() {
    long d = 0;
    for (AtomicLong a : drops.values()) {
      d += a.get();
    }
    return d;
  }

  /** Drops the current connection (tests: a cut link); the minion reconnects. */
  public void disconnect() {
    Channel ch = currentChannel;
    if (ch != null) {
      ch.close();
    }
  }

  /** Disconnects and stops the runner; the spool stays for the next start. */
  @Override
  public void close() {
    closed = true;
    pinger.shutdownNow();
    disconnect();
    if (loop != null) {
      loop.interrupt();
    }
    runner.close();
    try {
      applied.close();
    } catch (IOException e) {
      // appends are fsynced one by one
    }
  }
}

package org.hypertrace.dtraced.overlord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.hypertrace.api.transport.DataListener;
import org.hypertrace.api.transport.MinionInfo;
import org.hypertrace.api.transport.Overlord;
import org.hypertrace.dtraced.log.DaemonLog;
import org.hypertrace.transport.channel.Channel;
import org.hypertrace.transport.channel.Endpoint;
import org.hypertrace.transport.channel.Listener;
import org.hypertrace.transport.channel.TransportOptions;
import org.hypertrace.transport.msg.Message;
import org.hypertrace.transport.spool.AppliedLog;
import org.hypertrace.transport.spool.Spool;

/**
 * The overlord: accepts minions, keeps their registry, and distributes programs transactionally.
 * <ol>
 *   <li>A published program is written to {@code outbound/HEX.prog} before {@link #publish}
 *       returns; at start the overlord reloads every such file, so a restarted overlord still
 *       has its active programs. Identities are single-use: a log refuses one used before.</li>
 *   <li>A minion (re)connecting says in HELLO which programs it holds. It gets every active
 *       program it does not hold, and KILL for every program it holds that is no longer active
 *       (ended while it was away, or while the overlord was down).</li>
 *   <li>A program counts as delivered to a minion when the minion ACKs it, which it does only
 *       once the program is in its own spool.</li>
 * </ol>
 * Plain Java: the DS component in this package runs it when the daemon's role is overlord.
 */
public final class OverlordCore implements Overlord, AutoCloseable {
  private final Spool spool;
  private final TransportOptions options;
  private final AppliedLog used;
  private final NodeTable nodes;
  private final Map<String, Message.Elf> active = new LinkedHashMap<>();
  private final List<DataListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong messageIds = new AtomicLong(1);
  private final AtomicLong dataEvents = new AtomicLong();
  private final AtomicLong dataBytes = new AtomicLong();
  private volatile Listener listener;
  private volatile long keepaliveMs = Keepalive.DEFAULT_MS;
  private final java.util.concurrent.ScheduledExecutorService reaper =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "overlord keepalive");
        t.setDaemon(true);
        return t;
      });
  private volatile Thread acceptor;
  private volatile boolean closed;

  /**
   * Opens the spool and reloads the active programs.
   *
   * @param base    the daemon's base directory
   * @param options channel options (keys, limits)
   * @throws IOException when the spool cannot be opened
   */
  public OverlordCore(Path base, TransportOptions options) throws IOException {
    this.spool = Spool.open(base);
    this.options = options;
    this.used = new AppliedLog(base.resolve("overlord-identities.log"));
    this.nodes = new NodeTable(spool.dir(Spool.Area.OUTBOUND).resolve("nodes.list"));
    for (String name : spool.list(Spool.Area.OUTBOUND, ProgramFile.SUFFIX)) {
      try {
        Message.Elf elf = ProgramFile.decode(spool.read(Spool.Area.OUTBOUND, name));
        active.put(elf.identity(), elf);
      } catch (IOException e) {
        DaemonLog.warn("overlord: ignoring damaged program file " + name + ": " + e.getMessage());
      }
    }
    if (!active.isEmpty()) {
      DaemonLog.info("overlord: " + active.size() + " active program(s) reloaded from spool");
    }
    reaper.scheduleWithFixedDelay(this::reap, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
  }

  /**
   * Minions ping every keepalive period; one silent for {@link Keepalive#MISSES} periods is on
   * a cut link (TCP would only notice after minutes): drop it, it reconnects when it can.
   *
   * @param ms the keepalive period
   */
  public void setKeepalive(long ms) {
    keepaliveMs = ms;
  }

  private void reap() {
    long limit = System.nanoTime() - keepaliveMs * Keepalive.MISSES * 1_000_000L;
    for (MinionSession s : nodes.sessions()) {
      if (s.lastReceived - limit < 0) {
        DaemonLog.warn("overlord: minion " + s.name() + " silent for "
            + keepaliveMs * Keepalive.MISSES + " ms, dropping the connection");
        s.close();
      }
    }
  }

  /**
   * Listens for minions and accepts them on a daemon thread.
   *
   * @param address where to listen
   * @return the bound endpoint (real port when 0 was asked)
   * @throws IOException when the address cannot be bound
   */
  public Endpoint listen(Endpoint address) throws IOException {
    Listener l = Listener.open(address, options);
    listener = l;
    Thread t = new Thread(() -> acceptLoop(l), "overlord accept " + l.endpoint());
    t.setDaemon(true);
    acceptor = t;
    t.start();
    DaemonLog.info("overlord: listening on " + l.endpoint());
    return l.endpoint();
  }

  private void acceptLoop(Listener l) {
    while (!closed) {
      Listener.Pending p;
      try {
        p = l.acceptLater();
      } catch (IOException e) {
        if (!closed) {
          DaemonLog.warn("overlord: accept failed: " + e.getMessage());
          sleepQuietly(100);
        }
        continue;
      }
      // the TLS handshake runs on the connection's own thread
      Thread t = new Thread(() -> {
        try {
          serve(p.open());
        } catch (IOException e) {
          DaemonLog.warn("overlord: refused peer " + e.getMessage());
        }
      }, "overlord minion");
      t.setDaemon(true);
      t.start();
    }
  }

  /**
   * Serves a connected channel as a minion connection: for channels the overlord dials itself,
   * such as the unix socket of a QEMU virtio-serial chardev.
   *
   * @param ch the channel
   */
  public void attach(Channel ch) {
    MinionSession s = new MinionSession(this, ch, options.queueCapacity(), false);
    Thread t = new Thread(s, "overlord minion " + ch.peer());
    t.setDaemon(true);
    t.start();
  }

  /**
   * Serves a connected channel as a minion connection on the calling thread, until it ends.
   *
   * @param ch the channel
   */
  public void serve(Channel ch) {
    new MinionSession(this, ch, options.queueCapacity(), false).run();
  }

  /**
   * Serves the host side of a guest's virtio-serial port on the calling thread, until it ends.
   * That byte stream outlives both ends' programs: it may start inside a frame the guest was
   * writing when it rebooted, or the minion may not notice that the host dialed again. So the
   * session asks for HELLO, skips to the first HELLO that decodes, and treats every later HELLO
   * as the minion starting over (a guest that rebooted) on the same connection.
   *
   * @param ch the channel
   */
  public void serveGuest(Channel ch) {
    new MinionSession(this, ch, options.queueCapacity(), true).run();
  }

  /** HELLO arrived: register the node, send its id, what it lacks and what ended. */
  NodeRecord attach(MinionSession s, Message.Hello h) {
    NodeRecord n = nodes.register(h.name(), h.nodeId());
    MinionSession old;
    synchronized (n) {
      old = n.session;
      n.session = s;
      n.address = s.channel.peer();
      n.hostname = h.hostname();
      n.osVersion = h.osVersion();
      n.btfDigest = h.btfDigest();
      n.lastSeen = java.time.Instant.now();
      n.programs.clear();
    }
    if (old != null && old != s) {
      old.close();
    }
    s.sendControl(new Message.NodeId(n.nodeId, n.name));
    Set<String> held = new HashSet<>(h.active());
    List<Message.Elf> missing = new ArrayList<>();
    int redelivered = 0;
    synchronized (this) {
      for (Message.Elf elf : active.values()) {
        if (held.contains(elf.identity())) {
          synchronized (n) {
            n.programs.add(elf.identity());
            n.delivered.add(elf.identity());
          }
        } else {
          missing.add(elf);
        }
      }
      held.removeAll(active.keySet());
    }
    for (String ended : held) {
      s.sendControl(new Message.Kill(ended));
    }
    for (Message.Elf elf : missing) {
      boolean again = delivered(n, elf.identity());
      redelivered += again ? 1 : 0;
      if (!s.sendProgram(elf, options.chunkSize(), again)) {
        break;
      }
    }
    DaemonLog.info("overlord: minion " + n.name + " (node " + n.nodeId + ") connected from "
        + s.channel.peer() + ", " + missing.size() + " program(s) sent"
        + (redelivered > 0 ? " (" + redelivered + " it held before: resumed there)" : "")
        + ", " + held.size() + " ended");
    return n;
  }

  void detach(MinionSession s, NodeRecord n) {
    if (n != null) {
      n.detach(s);
    }
  }

  private static boolean delivered(NodeRecord n, String identity) {
    synchronized (n) {
      return n.delivered.contains(identity);
    }
  }

  void acknowledged(NodeRecord n, String identity, boolean holds) {
    boolean live;
    synchronized (this) {
      live = active.containsKey(identity);
    }
    synchronized (n) {
      if (holds) {
        n.programs.add(identity);
        if (live) {
          n.delivered.add(identity);
        }
      } else {
        n.programs.remove(identity);
      }
    }
  }

  void resend(MinionSession s, String identity) {
    Message.Elf elf;
    synchronized (this) {
      elf = active.get(identity);
    }
    if (elf != null) {
      s.sendProgram(elf, options.chunkSize(), delivered(s.node(), identity));
    }
  }

  void data(NodeRecord n, Message.Data d) {
    dataEvents.incrementAndGet();
    dataBytes.addAndGet(d.bytes().length);
    if (d.drops() > 0) {
      Long before;
      synchronized (n) {
        before = n.minionDrops.get(d.identity());
        n.minionDrops.merge(d.identity(), d.drops(), Math::max);
      }
      if (before == null || before < d.drops()) {
        for (DataListener l : listeners) {
          l.drops(n.name, d.identity(), d.drops());
        }
      }
    }
    for (DataListener l : listeners) {
      l.data(n.name, d.identity(), d.sequence(), d.bytes());
    }
  }

  long nextMessageId() {
    return messageIds.getAndIncrement();
  }

  @Override
  public List<MinionInfo> minions() {
    return nodes.infos();
  }

  @Override
  public synchronized List<String> programs() {
    return new ArrayList<>(active.keySet());
  }

  @Override
  public void publish(String identity, byte[] program, List<String> targets) {
    Message.Elf elf = Message.Elf.of(identity, targets, program);
    synchronized (this) {
      try {
        if (active.containsKey(identity) || !used.markApplied(identity)) {
          throw new IllegalStateException("program identity " + identity + " was used before");
        }
        spool.publish(Spool.Area.OUTBOUND, ProgramFile.stem(identity) + ProgramFile.SUFFIX,
            ProgramFile.encode(elf));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      active.put(identity, elf);
    }
    List<MinionSession> sessions = nodes.sessions();
    if (!sessions.isEmpty()) {
      long id = nextMessageId();
      List<org.hypertrace.transport.frame.Frame> frames =
          org.hypertrace.transport.msg.MessageWriter.frames(elf, id, options.chunkSize());
      for (MinionSession s : sessions) {
        s.sendProgram(identity, frames, id);
      }
    }
  }

  @Override
  public boolean kill(String identity) {
    return end(identity, new Message.Kill(identity));
  }

  @Override
  public boolean cleanup(String identity) {
    return end(identity, new Message.Cleanup(identity));
  }

  private boolean end(String identity, Message m) {
    synchronized (this) {
      if (active.remove(identity) == null) {
        return false;
      }
      try {
        spool.remove(Spool.Area.OUTBOUND, ProgramFile.stem(identity) + ProgramFile.SUFFIX);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    nodes.forget(identity);
    // minions away now get the KILL at their next HELLO (they still list the program)
    for (MinionSession s : nodes.sessions()) {
      s.sendControl(m);
    }
    return true;
  }

  @Override
  public void addDataListener(DataListener l) {
    listeners.add(l);
  }

  @Override
  public void removeDataListener(DataListener l) {
    listeners.remove(l);
  }

  /** @return DATA messages received since start */
  public long dataEvents() {
    return dataEvents.get();
  }

  /** @return DATA payload bytes received since start */
  public long dataBytes() {
    return dataBytes.get();
  }

  /** Stops listening and drops every connection; the spool stays. */
  @Override
  public void close() {
    closed = true;
    reaper.shutdownNow();
    Listener l = listener;
    if (l != null) {
      try {
        l.close();
      } catch (IOException e) {
        DaemonLog.warn("overlord: closing listener: " + e.getMessage());
      }
    }
    for (MinionSession s : nodes.sessions()) {
      s.close();
    }
    try {
      used.close();
    } catch (IOException e) {
      // the log is fsynced at each append
    }
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Node ids by name, kept in {@code outbound/nodes.list} ("id name" lines) across restarts. */
  static final class NodeTable {
    private final Path file;
    private final Map<String, NodeRecord> byName = new LinkedHashMap<>();
    private long next = 1;

    NodeTable(Path file) throws IOException {
      this.file = file;
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          int sp = line.indexOf(' ');
          if (sp > 0) {
            long id = Long.parseLong(line.substring(0, sp));
            byName.put(line.substring(sp + 1), new NodeRecord(id, line.substring(sp + 1)));
            next = Math.max(next, id + 1);
          }
        }
      }
    }

    synchronized NodeRecord register(String name, long proposed) {
      NodeRecord n = byName.get(name);
      if (n != null) {
        return n;
      }
      boolean taken = proposed <= 0;
      for (NodeRecord r : byName.values()) {
        taken |= r.nodeId == proposed;
      }
      long id = taken ? next : proposed;
      next = Math.max(next, id + 1);
      n = new NodeRecord(id, name);
      byName.put(name, n);
      save();
      return n;
    }

    private void save() {
      StringBuilder sb = new StringBuilder();
      for (NodeRecord r : byName.values()) {
        sb.append(r.nodeId).append(' ').append(r.name).append('\n');
      }
      Path tmp = file.resolveSibling("." + file.getFileName());
      try {
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        DaemonLog.warn("overlord: cannot save node ids: " + e.getMessage());
      }
    }

    /** @param identity a program that ended: no node is said to have held it any more */
    synchronized void forget(String identity) {
      for (NodeRecord r : byName.values()) {
        synchronized (r) {
          r.delivered.remove(identity);
        }
      }
    }

    synchronized List<MinionInfo> infos() {
      List<MinionInfo> out = new ArrayList<>();
      for (NodeRecord r : byName.values()) {
        out.add(r.info());
      }
      return out;
    }

    synchronized List<MinionSession> sessions() {
      List<MinionSession> out = new ArrayList<>();
      for (NodeRecord r : byName.values()) {
        synchronized (r) {
          if (r.session != null) {
            out.add(r.session);
          }
        }
      }
      return out;
    }
  }
}

package org.hypertrace.dtraced.sub;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.hypertrace.api.daemon.ClientInfo;
import org.hypertrace.api.daemon.SessionRegistry;
import org.hypertrace.dtraced.log.DaemonLog;
import org.hypertrace.dtraced.sub.proto.SubHello;
import org.hypertrace.dtraced.sub.proto.SubIdentity;
import org.hypertrace.dtraced.sub.proto.SubProtocol;
import org.hypertrace.dtraced.sub.proto.SubReply;
import org.hypertrace.transport.channel.SocketChannelStreams;

/**
 * dtraced's {@code BASE/sub.sock}: accepts dtrace(1) consumers, forwarders and dtracedctl, one
 * thread per client, and keeps the registry of sessions and programs. Mode 0660 with the
 * configured group; the peer's credentials are checked again on accept.
 */
public final class SubSocketServer implements SessionRegistry, AutoCloseable {
  /** The socket's name in the base directory. */
  public static final String SOCKET = "sub.sock";

  private final Path base;
  private final Path socket;
  private final String group;
  private final ProgramStore store;
  private final ServerSocketChannel server;
  private final Map<Integer, SubSession> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile boolean closed;
  private volatile java.util.function.IntFunction<long[]> stats = owner -> new long[2];

  /** @param stats firings and drops of a session's programs, by session id */
  public void setStats(java.util.function.IntFunction<long[]> stats) {
    this.stats = stats;
  }

  /**
   * @param base  the base directory (spool folders exist)
   * @param group the group admitted besides root, "" for none
   * @param store the program store
   * @throws IOException when the socket cannot be bound
   */
  public SubSocketServer(Path base, String group, ProgramStore store) throws IOException {
    this.base = base;
    this.socket = base.resolve(SOCKET);
    this.group = group;
    this.store = store;
    Files.deleteIfExists(socket);
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString(
        group.isEmpty() ? "rw-------" : "rw-rw----"));
    if (!group.isEmpty()) {
      try {
        GroupPrincipal g = socket.getFileSystem().getUserPrincipalLookupService()
            .lookupPrincipalByGroupName(group);
        Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(g);
      } catch (IOException e) {
        DaemonLog.warn("sub.sock: group " + group + " not found; root only");
      }
    }
    Thread t = new Thread(this::acceptLoop, "dtraced-sub-accept");
    t.setDaemon(true);
    t.start();
  }

  /** @return the program store */
  public ProgramStore store() {
    return store;
  }

  /**
   * Sends program output to the session that owns it, if it subscribed to READDATA.
   *
   * @param owner    the session id
   * @param identity the program identity
   * @param payload  the DATA payload
   * @return false when the session is gone
   */
  public boolean deliver(int owner, byte[] identity, byte[] payload) {
    SubSession s = sessions.get(owner);
    if (s == null) {
      return false;
    }
    SubHello h = s.hello();
    if (h == null || (h.subscriptions() & SubProtocol.SUB_READDATA) == 0) {
      return true;
    }
    return s.deliver(identity, payload);
  }

  private void acceptLoop() {
    while (!closed) {
      SocketChannel ch;
      try {
        ch = server.accept();
      } catch (IOException e) {
        if (!closed) {
          DaemonLog.error("sub.sock: " + e.getMessage());
        }
        return;
      }
      try {
        start(ch);
      } catch (IOException e) {
        DaemonLog.warn("sub.sock: refused a client: " + e.getMessage());
        closeQuietly(ch);
      }
    }
  }

  private void start(SocketChannel ch) throws IOException {
    SubPeer peer = SubPeer.of(ch);
    if (!peer.admitted(group, Path.of("/etc/group"))) {
      DaemonLog.warn("sub.sock: user " + peer.user() + " is not root"
          + (group.isEmpty() ? "" : " nor in group " + group) + ": refused");
      SubReply.nak("permission denied: root" + (group.isEmpty() ? "" : " or group " + group)
          + " only").write(new java.io.DataOutputStream(Channels.newOutputStream(ch)));
      closeQuietly(ch);
      return;
    }
    int id = ids.incrementAndGet();
    SubSession s = new SubSession(id, peer, SocketChannelStreams.in(ch),
        SocketChannelStreams.out(ch), store, this::spool, this::infoText, () -> {
          sessions.remove(id);
          closeQuietly(ch);
        });
    sessions.put(id, s);
    Thread t = new Thread(s, "dtraced-sub-" + id);
    t.setDaemon(true);
    t.start();
  }

  private Path spool(int location) {
    switch (location) {
      case SubProtocol.LOC_OUTBOUND: return base.resolve("outbound");
      case SubProtocol.LOC_INBOUND: return base.resolve("inbound");
      default: return base.resolve("base");
    }
  }

  /** @return INFO rows as dtracedctl prints them */
  String infoText() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%4s %-10s %-10s %-32s %-28s %8s %10s %8s %10s %10s%n", "ID",
        "KIND", "USER", "IDENTITY", "SUBSCRIPTIONS", "PROGRAMS", "FIRINGS", "DROPS", "BYTES-IN",
        "BYTES-OUT"));
    for (ClientInfo c : clients()) {
      sb.append(String.format("%4d %-10s %-10s %-32s %-28s %8d %10d %8d %10d %10d%n", c.id(),
          c.kind(), c.user(), c.identity(), String.join(",", c.subscriptions()),
          c.programs().size(), c.firings(), c.drops(), c.bytesIn(), c.bytesOut()));
    }
    return sb.toString();
  }

  @Override
  public List<ClientInfo> clients() {
    List<ClientInfo> out = new ArrayList<>();
    List<ProgramStore.Program> active = store.active();
    for (SubSession s : new java.util.TreeMap<>(sessions).values()) {
      SubHello h = s.hello();
      List<String> progs = new ArrayList<>();
      for (ProgramStore.Program p : active) {
        if (p.owner() == s.id()) {
          progs.add(p.id());
        }
      }
      long[] fd = stats.apply(s.id());
      out.add(new ClientInfo(s.id(), h == null ? "-" : SubProtocol.kindName(h.kind()),
          s.peer().user(), h == null ? "-" : SubIdentity.printable(h.identity()),
          s.subscriptions(), s.connectedAt(), progs, fd[0], fd[1] + s.drops(), s.bytesIn.get(),
          s.bytesOut.get()));
    }
    return out;
  }

  @Override
  public boolean kill(String identity) {
    return store.kill(identity) != null;
  }

  @Override
  public int cleanup() {
    return store.cleanup().size();
  }


  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    try {
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      // replaced at the next bind
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // nothing to release
    }
  }
}

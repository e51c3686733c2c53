package org.hypertrace.dtraced.overlord;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test plumbing between two unix sockets: plays a link that can be cut without a reset
 * ({@link #blackhole()}: bytes stop, sockets stay open), or QEMU's chardev joining the host's
 * socket to a guest's port ({@link #pair}).
 */
final class Relay implements AutoCloseable {
  private final List<boolean[]> links = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

  static ServerSocketChannel listen(Path p) throws IOException {
    Files.deleteIfExists(p);
    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    s.bind(UnixDomainSocketAddress.of(p));
    return s;
  }

  /** Forwards every connection made to {@code front} to {@code back}. */
  Relay forward(Path front, Path back) throws IOException {
    ServerSocketChannel s = listen(front);
    open.add(s);
    daemon(() -> {
      while (true) {
        SocketChannel a = s.accept();
        SocketChannel b = SocketChannel.open(UnixDomainSocketAddress.of(back));
        join(a, b);
      }
    });
    return this;
  }

  /** Joins the first connection to {@code host} with the first to {@code guest}, like QEMU. */
  Relay pair(Path host, Path guest) throws IOException {
    ServerSocketChannel h = listen(host);
    ServerSocketChannel g = listen(guest);
    open.add(h);
    open.add(g);
    daemon(() -> {
      while (true) {
        SocketChannel a = h.accept();
        SocketChannel b = g.accept();
        join(a, b);
      }
    });
    return this;
  }

  private void join(SocketChannel a, SocketChannel b) {
    boolean[] cut = {false};
    links.add(cut);
    open.add(a);
    open.add(b);
    daemon(() -> pump(a, b, cut));
    daemon(() -> pump(b, a, cut));
  }

  /** Existing links stop carrying bytes (no FIN, no RST); new ones work. */
  void blackhole() {
    for (boolean[] c : links) {
      c[0] = true;
    }
  }

  private static void pump(SocketChannel from, SocketChannel to, boolean[] cut)
      throws IOException {
    ByteBuffer bb = ByteBuffer.allocate(65536);
    while (from.read(bb) >= 0) {
      if (cut[0]) {
        bb.clear();
        continue;
      }
      bb.flip();
      while (bb.hasRemaining()) {
        to.write(bb);
      }
      bb.clear();
    }
    if (!cut[0]) {
      to.close();
    }
  }

  interface Body {
    void run() throws IOException;
  }

  private static void daemon(Body b) {
    Thread t = new Thread(() -> {
      try {
        b.run();
      } catch (IOException e) {
        // the relay or a link closed
      }
    });
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }
}

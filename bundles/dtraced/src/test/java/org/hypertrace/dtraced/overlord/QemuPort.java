package org.hypertrace.dtraced.overlord;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test plumbing that behaves like QEMU's chardev of a virtio-serial port across guest reboots:
 * the host's connection to the socket stays up while the guest's side of the port goes away and
 * comes back ({@link #reboot}); bytes the host writes meanwhile wait and reach the next guest,
 * possibly from the middle of a frame; the guest's cut frame reaches the host in part; a host
 * that dials again gets the same guest stream, and the guest is not told.
 */
final class QemuPort implements AutoCloseable {
  private final ServerSocketChannel hostSide;
  private final ServerSocketChannel guestSide;
  private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
  private volatile SocketChannel host;
  private volatile SocketChannel guest;
  private final Object lock = new Object();

  QemuPort(Path hostSocket, Path guestSocket) throws IOException {
    hostSide = Relay.listen(hostSocket);
    guestSide = Relay.listen(guestSocket);
    open.add(hostSide);
    open.add(guestSide);
    daemon(() -> {
      while (true) {
        SocketChannel h = hostSide.accept();
        open.add(h);
        set(h, true);
        daemon(() -> pump(h, true));
      }
    });
    daemon(() -> {
      while (true) {
        SocketChannel g = guestSide.accept();
        open.add(g);
        set(g, false);
        daemon(() -> pump(g, false));
      }
    });
  }

  private void set(SocketChannel c, boolean isHost) {
    synchronized (lock) {
      if (isHost) {
        host = c;
      } else {
        guest = c;
      }
      lock.notifyAll();
    }
  }

  /** Copies one end's bytes to the other end as it is now, waiting while there is none. */
  private void pump(SocketChannel from, boolean fromHost) throws IOException {
    ByteBuffer bb = ByteBuffer.allocate(1000);
    while (from.read(bb) >= 0) {
      bb.flip();
      while (bb.hasRemaining()) {
        SocketChannel to = await(!fromHost);
        try {
          to.write(bb);
        } catch (IOException e) {
          // that end went away: the rest waits for the next one
          synchronized (lock) {
            if ((fromHost ? guest : host) == to) {
              if (fromHost) {
                guest = null;
              } else {
                host = null;
              }
            }
          }
        }
      }
      bb.clear();
    }
    // the host hung up, or the guest's side closed: the other end is not told
  }

  private SocketChannel await(boolean host) {
    synchronized (lock) {
      while (true) {
        SocketChannel c = host ? this.host : this.guest;
        if (c != null) {
          return c;
        }
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  /**
   * The guest resets: its side of the port is gone at once, and the host receives the start of
   * a frame the guest never finished.
   *
   * @param cutFrame the bytes of that frame which made it out
   * @throws IOException when the host's connection is broken
   */
  void reboot(byte[] cutFrame) throws IOException {
    SocketChannel g;
    synchronized (lock) {
      g = guest;
      guest = null;
    }
    if (g != null) {
      g.close();
    }
    SocketChannel h = await(true);
    h.write(ByteBuffer.wrap(cutFrame));
  }

  private static void daemon(Relay.Body b) {
    Thread t = new Thread(() -> {
      try {
        b.run();
      } catch (IOException e) {
        // closed
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

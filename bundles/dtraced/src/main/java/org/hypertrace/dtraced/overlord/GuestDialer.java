package org.hypertrace.dtraced.overlord;

import java.io.IOException;
import org.hypertrace.dtraced.log.DaemonLog;
import org.hypertrace.transport.channel.Channel;
import org.hypertrace.transport.channel.Connector;
import org.hypertrace.transport.channel.Endpoint;
import org.hypertrace.transport.channel.TransportOptions;

/**
 * The host side of a guest's virtio-serial port: QEMU exposes the port's chardev as a unix socket
 * ({@code -chardev socket,id=ht0,path=PATH,server=on,wait=off} with
 * {@code -device virtserialport,chardev=ht0,name=org.hypertrace.0}); the overlord dials it and
 * serves the connection like any minion's, and dials again (with backoff) when it drops, as when
 * QEMU restarts. The socket outlives the guest's side of the port: a guest that reboots leaves
 * the connection up with bytes of a cut frame in it, so the session finds its minion's HELLO by
 * seeking (see {@link OverlordCore#serveGuest}).
 */
final class GuestDialer {
  private final OverlordCore core;
  private final Endpoint socket;
  private final TransportOptions options;
  private final long backoffMaxMs;
  private final Thread thread;
  private volatile boolean closed;
  private volatile Channel current;

  GuestDialer(OverlordCore core, String path, TransportOptions options, long backoffMaxMs) {
    this.core = core;
    this.socket = Endpoint.parse(path.startsWith("unix:") ? path : "unix:" + path);
    this.options = options;
    this.backoffMaxMs = Math.max(100, backoffMaxMs);
    this.thread = new Thread(this::run, "overlord guest " + socket);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    long backoff = 100;
    while (!closed) {
      Channel ch;
      try {
        ch = Connector.connect(socket, options, java.nio.file.Path.of("/"));
      } catch (IOException e) {
        sleep(backoff);
        backoff = Math.min(backoff * 2, backoffMaxMs);
        continue;
      }
      backoff = 100;
      current = ch;
      DaemonLog.info("overlord: attached guest port " + socket);
      // serve on this thread: the next dial waits until the connection ends
      core.serveGuest(ch);
      current = null;
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void close() {
    closed = true;
    Channel ch = current;
    if (ch != null) {
      ch.close();
    }
    thread.interrupt();
  }
}

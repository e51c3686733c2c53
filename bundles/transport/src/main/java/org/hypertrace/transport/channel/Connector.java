package org.hypertrace.transport.channel;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import javax.net.ssl.SSLSocket;

/**
 * Opens the client side of a channel: a minion dialing its overlord, or a host attaching to
 * QEMU's unix-socket chardev of a guest's virtio-serial port.
 */
public final class Connector {
  private static final int CONNECT_TIMEOUT_MS = 5000;

  private Connector() {}

  /**
   * @param e       where to connect
   * @param o       options (keys for tls, whether plain tcp is allowed)
   * @param sysRoot where virtio ports are looked up ("/" normally; tests pass a fake tree)
   * @return the open channel
   * @throws IOException when the peer is unreachable, plain TCP is not allowed, or the TLS
   *                     handshake fails
   */
  public static Channel connect(Endpoint e, TransportOptions o, Path sysRoot) throws IOException {
    switch (e.scheme()) {
      case "unix": {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
          ch.connect(UnixDomainSocketAddress.of(e.host()));
        } catch (IOException ex) {
          ch.close();
          throw ex;
        }
        return new Channel(e.toString(), SocketChannelStreams.in(ch),
            SocketChannelStreams.out(ch), ch, o.maxPayload());
      }
      case "tcp": {
        if (!o.allowPlain()) {
          throw new IOException("plain tcp to " + e + " refused: use tls: or set allow.plain");
        }
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        try {
          s.connect(new InetSocketAddress(e.host(), e.port()), CONNECT_TIMEOUT_MS);
        } catch (IOException ex) {
          s.close();
          throw ex;
        }
        return new Channel(e.toString(), s.getInputStream(), s.getOutputStream(), s,
            o.maxPayload());
      }
      case "tls": {
        // TLS over a socket we keep: closing the raw socket never blocks, while closing the
        // SSLSocket writes close_notify and stalls when the link is cut and the buffer full
        Socket raw = new Socket();
        SSLSocket s;
        try {
          raw.setTcpNoDelay(true);
          raw.connect(new InetSocketAddress(e.host(), e.port()), CONNECT_TIMEOUT_MS);
          s = (SSLSocket) TlsContexts.create(o).getSocketFactory().createSocket(raw, e.host(),
              e.port(), true);
          raw.setSoTimeout(CONNECT_TIMEOUT_MS * 2);
          s.startHandshake();
          raw.setSoTimeout(0);
        } catch (IOException ex) {
          raw.close();
          throw ex;
        }
        return new Channel(e.toString(), s.getInputStream(), s.getOutputStream(), raw,
            o.maxPayload());
      }
      case "virtio": {
        Path dev = VirtioPorts.find(sysRoot, e.host());
        // one open for both directions: a virtio-serial port admits a single opener, so a
        // second open (one per stream) fails with EBUSY
        java.io.RandomAccessFile port = new java.io.RandomAccessFile(dev.toFile(), "rw");
        FileInputStream in = new FileInputStream(port.getFD());
        FileOutputStream out = new FileOutputStream(port.getFD());
        return new Channel(e + "=" + dev, in, out, port::close, o.maxPayload());
      }
      default:
        throw new IOException("unknown scheme " + e.scheme());
    }
  }
}

package org.hypertrace.transport.channel;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The server side of channels: an overlord accepting minions on a unix socket, plain TCP (only
 * when allowed) or TLS with client authentication required.
 */
public final class Listener implements Closeable {
  private final Endpoint bound;
  private final TransportOptions options;
  private final ServerSocket server;
  private final ServerSocketChannel unix;
  private final SSLContext tls;

  private Listener(Endpoint bound, TransportOptions options, ServerSocket server,
      ServerSocketChannel unix, SSLContext tls) {
    this.bound = bound;
    this.options = options;
    this.server = server;
    this.unix = unix;
    this.tls = tls;
  }

  /**
   * @param e where to listen (port 0 picks a free port, see {@link #endpoint()})
   * @param o options
   * @return the listener
   * @throws IOException when the address is taken, plain TCP is not allowed, or keys are missing
   */
  public static Listener open(Endpoint e, TransportOptions o) throws IOException {
    switch (e.scheme()) {
      case "unix": {
        Path p = Path.of(e.host());
        // a socket file left by a killed daemon would make bind fail
        Files.deleteIfExists(p);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ch.bind(UnixDomainSocketAddress.of(p));
        return new Listener(e, o, null, ch, null);
      }
      case "tcp": {
        if (!o.allowPlain()) {
          throw new IOException("plain tcp listen on " + e + " refused: use tls: or set "
              + "allow.plain");
        }
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(e.host()), e.port()), 128);
        return new Listener(new Endpoint("tcp", e.host(), s.getLocalPort()), o, s, null, null);
      }
      case "tls": {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(e.host()), e.port()), 128);
        return new Listener(new Endpoint("tls", e.host(), s.getLocalPort()), o, s, null,
            TlsContexts.create(o));
      }
      default:
        throw new IOException("cannot listen on " + e + ": use unix:, tcp: or tls: (a guest's "
            + "virtio port is reached through its QEMU unix socket)");
    }
  }

  /**
   * Waits for the next peer. For TLS the handshake (with client certificate) completes here, so
   * an unauthenticated peer fails before any frame is read.
   *
   * @return the channel
   * @throws IOException when the listener is closed or the handshake failed
   */
  public Channel accept() throws IOException {
    return acceptLater().open();
  }

  /** A connection accepted whose TLS handshake (if any) is still to be done. */
  @FunctionalInterface
  public interface Pending {
    /**
     * @return the channel, after the handshake
     * @throws IOException when the handshake failed ({@link HandshakeException})
     */
    Channel open() throws IOException;
  }

  /**
   * Waits for the next peer and leaves the TLS handshake to the caller's chosen thread, so that
   * a peer that connects and stays silent cannot hold up the accept loop.
   *
   * @return the accepted connection
   * @throws IOException when the listener is closed
   */
  public Pending acceptLater() throws IOException {
    if (unix != null) {
      SocketChannel ch = unix.accept();
      Channel c = new Channel("unix:" + bound.host(), SocketChannelStreams.in(ch),
          SocketChannelStreams.out(ch), ch, options.maxPayload());
      return () -> c;
    }
    Socket raw = server.accept();
    raw.setTcpNoDelay(true);
    String peer = bound.scheme() + ":" + raw.getInetAddress().getHostAddress() + ":"
        + raw.getPort();
    if (tls == null) {
      Channel c = new Channel(peer, raw.getInputStream(), raw.getOutputStream(), raw,
          options.maxPayload());
      return () -> c;
    }
    return () -> handshake(raw, peer);
  }

  /** TLS layered over the accepted socket, which the channel closes (see Connector). */
  private Channel handshake(Socket raw, String peer) throws IOException {
    SSLSocket ssl;
    try {
      ssl = (SSLSocket) tls.getSocketFactory().createSocket(raw, null, raw.getPort(), true);
      ssl.setUseClientMode(false);
      ssl.setNeedClientAuth(true);
      raw.setSoTimeout(10000);
      ssl.startHandshake();
      raw.setSoTimeout(0);
    } catch (IOException ex) {
      raw.close();
      throw new HandshakeException(peer + ": " + ex.getMessage(), ex);
    }
    return new Channel(peer, ssl.getInputStream(), ssl.getOutputStream(), raw,
        options.maxPayload());
  }

  /** @return the bound endpoint (with the real port when 0 was asked) */
  public Endpoint endpoint() {
    return bound;
  }

  @Override
  public void close() throws IOException {
    if (unix != null) {
      unix.close();
      Files.deleteIfExists(Path.of(bound.host()));
    } else {
      server.close();
    }
  }

  /** A peer that failed the TLS handshake; the listener itself is fine, keep accepting. */
  public static final class HandshakeException extends IOException {
    private static final long serialVersionUID = 1L;

    HandshakeException(String msg, Throwable cause) {
      super(msg, cause);
    }
  }
}

package org.hypertrace.transport.channel;

/**
 * Where a channel goes: {@code unix:PATH}, {@code tcp:HOST:PORT}, {@code tls:HOST:PORT} or
 * {@code virtio:PORTNAME} (a virtio-serial port in a guest; on the host QEMU's chardev for that
 * port is a unix socket, so the host uses {@code unix:}).
 *
 * @param scheme unix, tcp, tls or virtio
 * @param host   the host for tcp/tls, the path for unix, the port name for virtio
 * @param port   the TCP port; 0 for unix and virtio (and for an ephemeral listen port)
 */
public record Endpoint(String scheme, String host, int port) {

  /**
   * @param text an address as configured
   * @return the endpoint
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Endpoint parse(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("address '" + text
          + "': expected unix:PATH, tcp:HOST:PORT, tls:HOST:PORT or virtio:NAME");
    }
    String scheme = text.substring(0, colon);
    String rest = text.substring(colon + 1);
    switch (scheme) {
      case "unix":
      case "virtio":
        if (rest.isEmpty()) {
          throw new IllegalArgumentException("address '" + text + "': empty " + scheme + " name");
        }
        return new Endpoint(scheme, rest, 0);
      case "tcp":
      case "tls":
        int c = rest.lastIndexOf(':');
        if (c <= 0) {
          throw new IllegalArgumentException("address '" + text + "': expected HOST:PORT");
        }
        int port;
        try {
          port = Integer.parseInt(rest.substring(c + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("address '" + text + "': port is not a number");
        }
        if (port < 0 || port > 65535) {
          throw new IllegalArgumentException("address '" + text + "': port must be 0..65535");
        }
        return new Endpoint(scheme, rest.substring(0, c), port);
      default:
        return parse("tcp:" + text);
    }
  }

  @Override
  public String toString() {
    return port == 0 && !scheme.startsWith("t") ? scheme + ":" + host
        : scheme + ":" + host + ":" + port;
  }
}

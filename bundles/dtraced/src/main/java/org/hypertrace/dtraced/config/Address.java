package org.hypertrace.dtraced.config;

/**
 * A transport address as configured: {@code unix:PATH}, {@code tcp:HOST:PORT} (or bare
 * {@code HOST:PORT}), {@code tls:HOST:PORT}, or {@code virtio:PORTNAME} (a virtio-serial port in a
 * guest).
 *
 * @param scheme unix, tcp, tls or virtio
 * @param host   host for tcp/tls, the path for unix, the port name for virtio
 * @param port   TCP port, 0 for unix and virtio
 */
public record Address(String scheme, String host, int port) {

  /**
   * Parses an address.
   *
   * @param key  configuration key, for the error message
   * @param text the address text
   * @return the address
   * @throws InvalidConfigException naming key and value when the text is not an address
   */
  public static Address parse(String key, String text) throws InvalidConfigException {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new InvalidConfigException(key, text, "expected unix:PATH, tcp:HOST:PORT, "
          + "tls:HOST:PORT or virtio:NAME");
    }
    String scheme = text.substring(0, colon);
    String rest = text.substring(colon + 1);
    switch (scheme) {
      case "unix":
        if (!rest.startsWith("/")) {
          throw new InvalidConfigException(key, text, "unix socket path must be absolute");
        }
        return new Address(scheme, rest, 0);
      case "virtio":
        if (rest.isEmpty()) {
          throw new InvalidConfigException(key, text, "virtio port name is empty");
        }
        return new Address(scheme, rest, 0);
      case "tcp":
      case "tls":
        return hostPort(key, text, scheme, rest);
      default:
        return hostPort(key, text, "tcp", text);
    }
  }

  private static Address hostPort(String key, String text, String scheme, String hp)
      throws InvalidConfigException {
    int colon = hp.lastIndexOf(':');
    if (colon <= 0) {
      throw new InvalidConfigException(key, text, "expected HOST:PORT");
    }
    int port;
    try {
      port = Integer.parseInt(hp.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(key, text, "port is not a number");
    }
    if (port < 1 || port > 65535) {
      throw new InvalidConfigException(key, text, "port must be 1..65535");
    }
    return new Address(scheme, hp.substring(0, colon), port);
  }
}

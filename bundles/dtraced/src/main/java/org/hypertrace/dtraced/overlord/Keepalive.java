package org.hypertrace.dtraced.overlord;

/**
 * Liveness on links that can be cut without a TCP reset: the minion sends INFO {@link #PING}
 * every period, the overlord answers {@link #PONG}; each side drops a connection silent for
 * {@link #MISSES} periods.
 */
public final class Keepalive {
  /** The minion's ping text. */
  public static final String PING = "ping";
  /** The overlord's answer. */
  public static final String PONG = "pong";
  /**
   * The overlord asks for HELLO (INFO text): sent first on a guest port it dialed, whose minion
   * may not have noticed the redial (virtio-serial does not always tell the guest).
   */
  public static final String HELLO = "hello?";
  /** Default period, ms. */
  public static final long DEFAULT_MS = 2000;
  /** Periods of silence before a connection is dropped. */
  public static final int MISSES = 3;

  private Keepalive() {}
}

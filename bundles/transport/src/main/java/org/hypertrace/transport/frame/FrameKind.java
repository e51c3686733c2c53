package org.hypertrace.transport.frame;

/**
 * The kind byte of a frame. ELF, KILL, CLEANUP and INFO keep the numbers of HyperTrace's dtraced
 * messages ({@code DTRACED_MSG_ELF} 1 .. {@code DTRACED_MSG_INFO} 4); NODE_ID follows them; the
 * kinds HyperTrace lacks (HELLO, DATA, ACK, NAK) start at 16 so that later HyperTrace numbers stay
 * free.
 */
public enum FrameKind {
  /** one chunk of a program (ELF container, opaque here). */
  ELF(1),
  /** end a program: stop its probes. */
  KILL(2),
  /** end a program and remove its spool entries. */
  CLEANUP(3),
  /** free text, for status queries. */
  INFO(4),
  /** the overlord tells a minion its node id. */
  NODE_ID(5),
  /** a minion announces itself. */
  HELLO(16),
  /** probe firings or aggregation snapshots going up. */
  DATA(17),
  /** positive answer to a message id. */
  ACK(18),
  /** negative answer to a message id, with a reason. */
  NAK(19);

  private static final FrameKind[] BY_CODE = new FrameKind[256];

  static {
    for (FrameKind k : values()) {
      BY_CODE[k.code] = k;
    }
  }

  private final int code;

  FrameKind(int code) {
    this.code = code;
  }

  /** @return the wire value */
  public int code() {
    return code;
  }

  /**
   * @param code a wire value 0..255
   * @return its kind, or null when no kind has that value
   */
  public static FrameKind of(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}

package org.hypertrace.transport.frame;

import java.util.Objects;

/**
 * One frame: the unit every channel carries. The header is fixed (see {@link FrameWriter}); the
 * payload is what a message encoder put there.
 *
 * @param kind      what the payload is
 * @param flags     kind-specific bits ({@link #FLAG_MORE}: more chunks of the same message follow)
 * @param messageId sender-chosen id, echoed by ACK/NAK
 * @param payload   the payload bytes (not copied)
 */
public record Frame(FrameKind kind, int flags, long messageId, byte[] payload) {
  /** Flag: this frame is a chunk and more chunks of the same message follow. */
  public static final int FLAG_MORE = 1;
  /**
   * Flag on the frames of a program (ELF): the receiving node held this program before and lost
   * it (a guest that rebooted, a minion that restarted without its spool), so it resumes the
   * program rather than starting it anew (BEGIN does not fire again there).
   */
  public static final int FLAG_REDELIVERED = 2;

  /** Checks the fields. */
  public Frame {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(payload, "payload");
    if ((flags & ~0xffff) != 0) {
      throw new IllegalArgumentException("flags do not fit 16 bits: " + flags);
    }
  }

  /** @return header plus payload length in bytes */
  public int wireLength() {
    return FrameWriter.HEADER_LENGTH + payload.length;
  }
}

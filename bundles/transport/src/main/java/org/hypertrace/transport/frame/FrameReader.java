package org.hypertrace.transport.frame;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frames written by {@link FrameWriter}. Every header field is checked before the payload
 * is touched: a header that announces more than the configured maximum is refused before a
 * single payload byte is read or a buffer allocated, so a hostile or broken peer cannot make the
 * reader allocate what it claims.
 */
public final class FrameReader {
  /** Default largest payload: 16 MiB. */
  public static final int DEFAULT_MAX_PAYLOAD = 16 << 20;

  private final InputStream in;
  private final int maxPayload;
  private final byte[] header = new byte[FrameWriter.HEADER_LENGTH];

  /**
   * @param in         where frames come from (buffer it)
   * @param maxPayload the largest payload accepted, in bytes
   */
  public FrameReader(InputStream in, int maxPayload) {
    if (maxPayload < 0) {
      throw new IllegalArgumentException("maxPayload < 0");
    }
    this.in = in;
    this.maxPayload = maxPayload;
  }

  /** @param in where frames come from; payloads up to {@link #DEFAULT_MAX_PAYLOAD} */
  public FrameReader(InputStream in) {
    this(in, DEFAULT_MAX_PAYLOAD);
  }

  /**
   * Reads the next frame.
   *
   * @return the frame, or null at a clean end of stream (before any header byte)
   * @throws FrameFormatException naming the bad field, or {@code truncated} for an end of stream
   *                              inside a frame
   * @throws IOException          from the stream
   */
  public Frame read() throws IOException {
    int n = readFully(header, 0, header.length, true);
    if (n == 0) {
      return null;
    }
    int magic = getInt(header, 0);
    if (magic != FrameWriter.MAGIC) {
      throw new FrameFormatException("magic", String.format("0x%08x, expected 0x%08x", magic,
          FrameWriter.MAGIC));
    }
    int version = header[4] & 0xff;
    if (version != FrameWriter.VERSION) {
      throw new FrameFormatException("version", version + ", expected " + FrameWriter.VERSION);
    }
    FrameKind kind = FrameKind.of(header[5] & 0xff);
    if (kind == null) {
      throw new FrameFormatException("kind", "unknown kind " + (header[5] & 0xff));
    }
    int flags = ((header[6] & 0xff) << 8) | (header[7] & 0xff);
    long id = ((long) getInt(header, 8) << 32) | (getInt(header, 12) & 0xffffffffL);
    long length = getInt(header, 16) & 0xffffffffL;
    if (length > maxPayload) {
      throw new FrameFormatException("length", length + " bytes exceeds the maximum of "
          + maxPayload);
    }
    byte[] payload = new byte[(int) length];
    readFully(payload, 0, payload.length, false);
    return new Frame(kind, flags, id, payload);
  }

  /**
   * Skips bytes until the header of a frame of {@code kind} and reads that frame: resynchronises
   * a stream that may start inside a frame, as a virtio-serial port does when the side across
   * restarted (a rebooted guest, a host that dialed again) while bytes were on their way. A
   * header counts when its magic, version and kind match and its length is at most
   * {@code maxLength}; the caller still decodes the payload and seeks again if it does not.
   *
   * @param kind      the frame kind to find
   * @param maxLength the largest payload such a frame has (bounded by the reader's maximum)
   * @return the frame, or null at the end of the stream
   * @throws IOException from the stream, or {@code truncated} for an end inside the payload
   */
  public Frame seek(FrameKind kind, int maxLength) throws IOException {
    long limit = Math.min(maxLength, maxPayload) & 0xffffffffL;
    for (int n = 0; n < header.length; ) {
      int r = in.read(header, n, header.length - n);
      if (r < 0) {
        return null;
      }
      n += r;
    }
    while (true) {
      long length = getInt(header, 16) & 0xffffffffL;
      if (getInt(header, 0) == FrameWriter.MAGIC && (header[4] & 0xff) == FrameWriter.VERSION
          && (header[5] & 0xff) == kind.code() && length <= limit) {
        byte[] payload = new byte[(int) length];
        readFully(payload, 0, payload.length, false);
        int flags = ((header[6] & 0xff) << 8) | (header[7] & 0xff);
        long id = ((long) getInt(header, 8) << 32) | (getInt(header, 12) & 0xffffffffL);
        return new Frame(kind, flags, id, payload);
      }
      System.arraycopy(header, 1, header, 0, header.length - 1);
      int b = in.read();
      if (b < 0) {
        return null;
      }
      header[header.length - 1] = (byte) b;
    }
  }

  private int readFully(byte[] b, int off, int len, boolean atBoundary) throws IOException {
    int done = 0;
    while (done < len) {
      int r;
      try {
        r = in.read(b, off + done, len - done);
      } catch (EOFException e) {
        r = -1;
      }
      if (r < 0) {
        if (done == 0 && atBoundary) {
          return 0;
        }
        throw new FrameFormatException(atBoundary ? "header" : "payload", "truncated after "
            + done + " of " + len + " bytes");
      }
      done += r;
    }
    return done;
  }

  private static int getInt(byte[] b, int off) {
    return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8)
        | (b[off + 3] & 0xff);
  }
}

package org.hypertrace.transport.frame;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes frames to a stream. The header is 20 bytes, big-endian:
 * <ol>
 *   <li>magic, 4 bytes, {@link #MAGIC} ("HTRF");</li>
 *   <li>version, 1 byte, {@link #VERSION};</li>
 *   <li>kind, 1 byte ({@link FrameKind#code()});</li>
 *   <li>flags, 2 bytes;</li>
 *   <li>message id, 8 bytes;</li>
 *   <li>payload length, 4 bytes, unsigned.</li>
 * </ol>
 * The same header goes over TCP, TLS, unix sockets and virtio-serial ports; {@link FrameReader}
 * reads it back. Not thread-safe: channels serialise writers.
 */
public final class FrameWriter {
  /** "HTRF". */
  public static final int MAGIC = 0x48545246;
  /** The format version this writer produces and the reader accepts. */
  public static final int VERSION = 1;
  /** Header size in bytes. */
  public static final int HEADER_LENGTH = 20;

  private final OutputStream out;
  private final byte[] header = new byte[HEADER_LENGTH];

  /** @param out where frames go (buffer it: a frame is two writes) */
  public FrameWriter(OutputStream out) {
    this.out = out;
  }

  /**
   * Writes one frame; does not flush.
   *
   * @param frame the frame
   * @throws IOException from the stream
   */
  public void write(Frame frame) throws IOException {
    encodeHeader(frame, header);
    out.write(header);
    out.write(frame.payload());
  }

  /** Flushes the stream. @throws IOException from the stream */
  public void flush() throws IOException {
    out.flush();
  }

  /**
   * Encodes a frame header.
   *
   * @param frame the frame
   * @param dst   at least {@link #HEADER_LENGTH} bytes
   */
  public static void encodeHeader(Frame frame, byte[] dst) {
    putInt(dst, 0, MAGIC);
    dst[4] = (byte) VERSION;
    dst[5] = (byte) frame.kind().code();
    dst[6] = (byte) (frame.flags() >>> 8);
    dst[7] = (byte) frame.flags();
    long id = frame.messageId();
    putInt(dst, 8, (int) (id >>> 32));
    putInt(dst, 12, (int) id);
    putInt(dst, 16, frame.payload().length);
  }

  private static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }
}

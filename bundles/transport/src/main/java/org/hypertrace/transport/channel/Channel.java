package org.hypertrace.transport.channel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.hypertrace.transport.frame.Frame;
import org.hypertrace.transport.frame.FrameKind;
import org.hypertrace.transport.frame.FrameReader;
import org.hypertrace.transport.frame.FrameWriter;

/**
 * A connection carrying frames, whatever lies below (TCP, TLS, unix socket, virtio port): one
 * reader thread calls {@link #receive()}, any thread may {@link #send}. Bytes in and out are
 * counted for the minion registry.
 */
public final class Channel implements Closeable {
  private final String peer;
  private final FrameReader reader;
  private final FrameWriter writer;
  private final Closeable resource;
  private final AtomicLong bytesIn = new AtomicLong();
  private final AtomicLong bytesOut = new AtomicLong();
  private volatile boolean closed;

  /**
   * @param peer       description of the other end, for logs and the registry
   * @param rawIn      raw input
   * @param rawOut     raw output
   * @param resource   what {@link #close()} closes (the socket or file)
   * @param maxPayload largest payload accepted
   */
  public Channel(String peer, InputStream rawIn, OutputStream rawOut, Closeable resource,
      int maxPayload) {
    this.peer = peer;
    this.resource = resource;
    InputStream counted = CountingStreams.in(new BufferedInputStream(rawIn, 65536), bytesIn);
    OutputStream countedOut =
        CountingStreams.out(new BufferedOutputStream(rawOut, 65536), bytesOut);
    this.reader = new FrameReader(counted, maxPayload);
    this.writer = new FrameWriter(countedOut);
  }

  /**
   * Reads the next frame (one reader thread only).
   *
   * @return the frame, or null when the peer closed cleanly
   * @throws IOException on a broken stream or a bad frame
   */
  public Frame receive() throws IOException {
    return reader.read();
  }

  /**
   * Skips to the next frame of a kind and reads it (see {@link FrameReader#seek}): for byte
   * streams that may start inside a frame, such as a virtio-serial port whose other side
   * restarted.
   *
   * @param kind      the kind to find
   * @param maxLength the largest payload such a frame has
   * @return the frame, or null at the end of the stream
   * @throws IOException on a broken stream
   */
  public Frame seek(FrameKind kind, int maxLength) throws IOException {
    return reader.seek(kind, maxLength);
  }

  /**
   * Sends frames and flushes.
   *
   * @param frames the frames, in order
   * @throws IOException when the channel broke
   */
  public void send(List<Frame> frames) throws IOException {
    synchronized (writer) {
      for (Frame f : frames) {
        writer.write(f);
      }
      writer.flush();
    }
  }

  /** @param f one frame, sent and flushed @throws IOException when the channel broke */
  public void send(Frame f) throws IOException {
    send(List.of(f));
  }

  /**
   * Writes frames without flushing; pair with {@link #flush()} (batched senders).
   *
   * @param f the frame
   * @throws IOException when the channel broke
   */
  public void write(Frame f) throws IOException {
    synchronized (writer) {
      writer.write(f);
    }
  }

  /** @throws IOException when the channel broke */
  public void flush() throws IOException {
    synchronized (writer) {
      writer.flush();
    }
  }

  /** @return the other end */
  public String peer() {
    return peer;
  }

  /** @return bytes read so far */
  public long bytesIn() {
    return bytesIn.get();
  }

  /** @return bytes written so far */
  public long bytesOut() {
    return bytesOut.get();
  }

  /** @return whether {@link #close()} was called */
  public boolean isClosed() {
    return closed;
  }

  /** Closes the underlying socket or file; a blocked {@link #receive()} then fails. */
  @Override
  public void close() {
    closed = true;
    try {
      resource.close();
    } catch (IOException e) {
      // closing is best effort: the peer sees the end of stream either way
    }
  }
}

package org.hypertrace.dtraced.sub.proto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Streams over a blocking socket channel that can read and write at once. The JDK's
 * {@code Channels.newInputStream}/{@code newOutputStream} both take the channel's blocking lock,
 * so a thread blocked reading keeps a writer waiting until something arrives: DATA for a consumer
 * would wait for the consumer's next request. These call the channel directly (its read and write
 * locks are separate).
 */
public final class SocketStreams {
  private SocketStreams() {}

  /** @param ch a blocking channel @return an input stream reading from it */
  public static InputStream in(SocketChannel ch) {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] b = new byte[1];
        return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        return ch.read(ByteBuffer.wrap(b, off, len));
      }
    };
  }

  /** @param ch a blocking channel @return an output stream writing to it */
  public static OutputStream out(SocketChannel ch) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
      }
    };
  }
}

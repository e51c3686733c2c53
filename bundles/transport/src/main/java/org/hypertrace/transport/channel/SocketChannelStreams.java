package org.hypertrace.transport.channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Streams over a blocking {@link SocketChannel} (unix sockets have no java.net.Socket). Written
 * here rather than taken from {@code Channels.newInputStream}: those streams share one lock, so a
 * reader blocked in read would stall every writer on the same channel.
 */
public final class SocketChannelStreams {
  private SocketChannelStreams() {}

  /** @param ch a blocking channel @return an input stream reading from it */
  public static InputStream in(SocketChannel ch) {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
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
        ByteBuffer bb = ByteBuffer.wrap(b, off, len);
        while (bb.hasRemaining()) {
          ch.write(bb);
        }
      }
    };
  }
}

package org.hypertrace.shell.remote;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The daemon's command socket ({@code BASE/shell.sock}): {@code scripts/dtraced exec|shell}
 * connect here to run Gogo commands in the running daemon. The socket is mode 0600, so only its
 * owner (root for the system daemon) gets in.
 *
 * <p>Frames, big-endian: a request is {@code int length, UTF-8 command}; the response is any
 * number of output frames {@code int -1, int length, UTF-8 output} as the command writes, then
 * {@code int status, int 0}. A request longer than {@link #MAX_REQUEST} closes the connection
 * after a status-2 answer.
 */
public final class CommandSocketServer implements AutoCloseable {
  /** Longest accepted command line, in bytes. */
  public static final int MAX_REQUEST = 64 * 1024;

  private final Path path;
  private final ServerSocketChannel server;
  private final CommandRunner runner;
  private final Thread acceptor;
  private volatile boolean closed;

  /**
   * Binds the socket and starts accepting.
   *
   * @param path   the socket file (replaced if a stale one exists)
   * @param runner what runs the commands
   * @throws IOException when the socket cannot be bound
   */
  public CommandSocketServer(Path path, CommandRunner runner) throws IOException {
    this.path = path;
    this.runner = runner;
    Files.deleteIfExists(path);
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(path));
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    acceptor = new Thread(this::acceptLoop, "dtraced-shell-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** @return the socket path */
  public Path path() {
    return path;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        SocketChannel ch = server.accept();
        Thread t = new Thread(() -> serve(ch), "dtraced-shell-client");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) {
          System.err.println("dtraced: command socket: " + e.getMessage());
        }
        return;
      }
    }
  }

  private void serve(SocketChannel ch) {
    try (ch; CommandRunner.Session session = runner.open()) {
      DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
      DataOutputStream out = new DataOutputStream(Channels.newOutputStream(ch));
      while (true) {
        int len;
        try {
          len = in.readInt();
        } catch (EOFException e) {
          return;
        }
        if (len < 0 || len > MAX_REQUEST) {
          new Chunks(out).write(("dtraced: request of " + len + " bytes refused (limit "
              + MAX_REQUEST + ")\n").getBytes(StandardCharsets.UTF_8));
          out.writeInt(2);
          out.writeInt(0);
          out.flush();
          return;
        }
        byte[] cmd = in.readNBytes(len);
        if (cmd.length != len) {
          return;
        }
        int status = session.execute(new String(cmd, StandardCharsets.UTF_8), new Chunks(out));
        out.writeInt(status);
        out.writeInt(0);
        out.flush();
      }
    } catch (IOException e) {
      // the client went away; nothing to answer
    }
  }

  /** Frames what a command writes as output chunks, flushed at once so output streams. */
  private static final class Chunks extends java.io.OutputStream {
    private final DataOutputStream out;

    Chunks(DataOutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return;
      }
      synchronized (out) {
        out.writeInt(-1);
        out.writeInt(len);
        out.write(b, off, len);
        out.flush();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // a stale socket file is replaced at the next bind
    }
  }
}

package org.hypertrace.shell.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandSocketServerTest {
  @TempDir Path tmp;

  /** A runner that echoes in two writes, fails on "fail", and counts commands per session. */
  private static final CommandRunner ECHO = () -> new CommandRunner.Session() {
    int n;

    @Override
    public int execute(String line, java.io.OutputStream out) {
      n++;
      try {
        if (line.equals("fail")) {
          out.write("failed\n".getBytes(StandardCharsets.UTF_8));
          return 1;
        }
        out.write((n + ":").getBytes(StandardCharsets.UTF_8));
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        return 0;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public void close() {}
  };

  @Test
  void testExecute_sessionKeepsStateAndStatus() throws Exception {
    Path sock = tmp.resolve("shell.sock");
    try (CommandSocketServer s = new CommandSocketServer(sock, ECHO);
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
      ch.connect(UnixDomainSocketAddress.of(sock));
      DataOutputStream out = new DataOutputStream(Channels.newOutputStream(ch));
      DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
      assertEquals("0 1:hello\n", roundTrip(out, in, "hello"));
      assertEquals("1 failed\n", roundTrip(out, in, "fail"));
      assertEquals("0 3:again\n", roundTrip(out, in, "again"));
    }
  }

  @Test
  void testExecute_oversizedRequestRefused() throws Exception {
    Path sock = tmp.resolve("shell.sock");
    try (CommandSocketServer s = new CommandSocketServer(sock, ECHO);
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(sock));
      DataOutputStream out = new DataOutputStream(Channels.newOutputStream(ch));
      DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
      out.writeInt(100 * 1024 * 1024);
      out.flush();
      assertEquals(-1, in.readInt());
      String msg = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
      assertEquals("dtraced: request of 104857600 bytes refused (limit 65536)\n", msg);
      assertEquals(2, in.readInt());
    }
  }

  private static String roundTrip(DataOutputStream out, DataInputStream in, String cmd)
      throws Exception {
    byte[] b = cmd.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
    out.flush();
    StringBuilder text = new StringBuilder();
    while (true) {
      int status = in.readInt();
      byte[] o = in.readNBytes(in.readInt());
      text.append(new String(o, StandardCharsets.UTF_8));
      if (status >= 0) {
        return status + " " + text;
      }
    }
  }
}

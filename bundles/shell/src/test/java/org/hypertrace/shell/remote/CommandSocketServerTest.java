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

  /** A runner that echoes, fails on "fail", and counts commands per session. */
  private static final CommandRunner ECHO = () -> new CommandRunner.Session() {
    int n;

    @Override
    public CommandRunner.Result execute(String line) {
      n++;
      return line.equals("fail") ? new CommandRunner.Result(1, "failed\n")
          : new CommandRunner.Result(0, n + ":" + line + "\n");
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
      assertEquals(2, in.readInt());
    }
  }

  private static String roundTrip(DataOutputStream out, DataInputStream in, String cmd)
      throws Exception {
    byte[] b = cmd.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
    out.flush();
    int status = in.readInt();
    byte[] o = in.readNBytes(in.readInt());
    return status + " " + new String(o, StandardCharsets.UTF_8);
  }
}

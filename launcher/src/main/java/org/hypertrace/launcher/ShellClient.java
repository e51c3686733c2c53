package org.hypertrace.launcher;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Client of the running daemon's command socket ({@code BASE/shell.sock}, served by bundle
 * shell): {@code ShellClient SOCKET exec COMMAND} runs one Gogo command and exits with its status
 * (0 ok, 1 failed); {@code ShellClient SOCKET shell} is an interactive prompt. Frames: request
 * {@code int length, UTF-8}; response: output chunks {@code int -1, int length, UTF-8} as they
 * come, then {@code int status, int 0}.
 */
public final class ShellClient {
  private ShellClient() {}

  /** @param args SOCKET exec COMMAND, or SOCKET shell */
  public static void main(String[] args) {
    PrintStream out = System.out;
    if (args.length < 2 || !(args[1].equals("shell") || args[1].equals("exec") && args.length == 3)) {
      System.err.println("usage: ShellClient SOCKET exec 'COMMAND' | SOCKET shell");
      System.exit(2);
    }
    Path sock = Path.of(args[0]);
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(sock));
      DataOutputStream o = new DataOutputStream(Channels.newOutputStream(ch));
      DataInputStream i = new DataInputStream(Channels.newInputStream(ch));
      if (args[1].equals("exec")) {
        System.exit(send(o, i, args[2], out));
      }
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
          StandardCharsets.UTF_8));
      while (true) {
        out.print("g! ");
        out.flush();
        String line = in.readLine();
        if (line == null || line.trim().equals("exit") || line.trim().equals("quit")) {
          out.println();
          System.exit(0);
        }
        if (!line.isBlank()) {
          send(o, i, line, out);
        }
      }
    } catch (IOException e) {
      System.err.println("dtraced: cannot reach the daemon at " + sock + ": " + e.getMessage());
      System.exit(1);
    }
  }

  private static int send(DataOutputStream o, DataInputStream i, String cmd, PrintStream out)
      throws IOException {
    byte[] b = cmd.getBytes(StandardCharsets.UTF_8);
    o.writeInt(b.length);
    o.write(b);
    o.flush();
    while (true) {
      int status = i.readInt();
      byte[] text = i.readNBytes(i.readInt());
      out.write(text, 0, text.length);
      out.flush();
      if (status >= 0) {
        return status;
      }
    }
  }
}

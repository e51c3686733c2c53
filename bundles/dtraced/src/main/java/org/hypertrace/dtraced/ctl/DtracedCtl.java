package org.hypertrace.dtraced.ctl;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.hypertrace.dtraced.sub.proto.SubClient;
import org.hypertrace.dtraced.sub.proto.SubIdentity;
import org.hypertrace.dtraced.sub.proto.SubProtocol;
import org.hypertrace.dtraced.sub.proto.SubReply;

/**
 * dtracedctl: talks to a running dtraced over sub.sock. {@code clients} (INFO: every client with
 * its programs and byte counts), {@code kill ID} (a program, by hex identity or unique prefix),
 * {@code cleanup} (every program). Exit status 0, 1 on failure, 2 on usage.
 */
public final class DtracedCtl {
  private DtracedCtl() {}

  /** @param args SOCKET COMMAND [ARG] */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 2) {
      err.println("usage: dtracedctl [--base DIR] clients|stats|kill ID|cleanup");
      return 2;
    }
    Path sock = Path.of(args[0]);
    String cmd = args[1];
    int type;
    byte[] id = new byte[SubProtocol.IDENTITY_SIZE];
    byte[] payload = new byte[0];
    switch (cmd) {
      case "clients":
      case "stats":
        type = SubProtocol.INFO;
        break;
      case "cleanup":
        type = SubProtocol.CLEANUP;
        break;
      case "kill":
        if (args.length != 3 || !args[2].matches("[0-9a-fA-F]{1,32}")) {
          err.println("dtracedctl: kill needs a program identity (hex)");
          return 2;
        }
        type = SubProtocol.KILL;
        payload = args[2].toLowerCase().getBytes(StandardCharsets.US_ASCII);
        break;
      default:
        err.println("dtracedctl: unknown command " + cmd);
        return 2;
    }
    try (SubClient c = SubClient.connect(sock, SubProtocol.DTRACED,
        SubProtocol.SUB_INFO | SubProtocol.SUB_KILL | SubProtocol.SUB_CLEANUP,
        SubIdentity.named("dtracedctl"))) {
      SubReply r = c.request(type, id, payload);
      if (!r.acked()) {
        err.println("dtracedctl: " + r.reason());
        return 1;
      }
      String text = new String(r.payload(), StandardCharsets.UTF_8);
      if (type == SubProtocol.CLEANUP) {
        out.println("dtracedctl: " + text.trim() + " program(s) removed");
      } else if (type == SubProtocol.KILL) {
        out.println("dtracedctl: program " + args[2] + " killed");
      } else {
        out.print(text);
      }
      return 0;
    } catch (IOException e) {
      err.println("dtracedctl: cannot reach dtraced at " + sock + ": " + e.getMessage());
      return 1;
    }
  }
}

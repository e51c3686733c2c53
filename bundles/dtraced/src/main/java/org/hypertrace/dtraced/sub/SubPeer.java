package org.hypertrace.dtraced.sub;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Who is on the other end of sub.sock (SO_PEERCRED), and whether they may use it: root, the
 * daemon's own user, or a member of the configured group.
 *
 * @param user  the peer's user name
 * @param group the peer's primary group name
 */
public record SubPeer(String user, String group) {

  /**
   * @param ch a connected unix socket
   * @return the peer
   * @throws IOException when the credentials cannot be read
   */
  public static SubPeer of(SocketChannel ch) throws IOException {
    UnixDomainPrincipal p = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
    return new SubPeer(p.user().getName(), p.group().getName());
  }

  /**
   * @param socketGroup the configured group, "" for none
   * @param groupFile   /etc/group
   * @return true if the peer is admitted
   */
  public boolean admitted(String socketGroup, Path groupFile) {
    if (user.equals("root") || user.equals(System.getProperty("user.name"))) {
      return true;
    }
    if (socketGroup.isEmpty()) {
      return false;
    }
    if (group.equals(socketGroup)) {
      return true;
    }
    try {
      for (String line : Files.readAllLines(groupFile)) {
        String[] f = line.split(":", -1);
        if (f.length >= 4 && f[0].equals(socketGroup)
            && List.of(f[3].split(",")).contains(user)) {
          return true;
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }
}

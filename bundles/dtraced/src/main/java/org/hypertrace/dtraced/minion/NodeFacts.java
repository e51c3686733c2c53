package org.hypertrace.dtraced.minion;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hypertrace.transport.msg.Digests;

/**
 * What a minion announces about itself in HELLO: host name, OS name, kernel release and the
 * SHA-256 of its kernel's BTF ({@code /sys/kernel/btf/vmlinux}), which tells the overlord whether
 * two nodes share a type layout.
 *
 * @param hostname  host name
 * @param osName    OS name
 * @param osVersion kernel release
 * @param btfDigest SHA-256 hex of the BTF, "" if unreadable
 */
public record NodeFacts(String hostname, String osName, String osVersion, String btfDigest) {

  /** @param root "/" normally @return the facts of this machine */
  public static NodeFacts probe(Path root) {
    String host;
    try {
      host = Files.readString(root.resolve("proc/sys/kernel/hostname"), StandardCharsets.UTF_8)
          .trim();
    } catch (IOException e) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (IOException e2) {
        host = "localhost";
      }
    }
    String release;
    try {
      release = Files.readString(root.resolve("proc/sys/kernel/osrelease"),
          StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      release = System.getProperty("os.version", "");
    }
    return new NodeFacts(host, System.getProperty("os.name", ""), release,
        Digests.sha256Hex(root.resolve("sys/kernel/btf/vmlinux")));
  }
}

package org.hypertrace.transport.msg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of programs and files (every Java 17 runtime has SHA-256). */
public final class Digests {
  private Digests() {}

  /** @param bytes data @return its SHA-256 */
  public static byte[] sha256(byte[] bytes) {
    return newSha256().digest(bytes);
  }

  /**
   * @param file a file, for example /sys/kernel/btf/vmlinux
   * @return its SHA-256 in lower-case hex, or "" when it cannot be read
   */
  public static String sha256Hex(Path file) {
    MessageDigest md = newSha256();
    byte[] buf = new byte[65536];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    } catch (IOException | SecurityException e) {
      return "";
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the runtime", e);
    }
  }
}

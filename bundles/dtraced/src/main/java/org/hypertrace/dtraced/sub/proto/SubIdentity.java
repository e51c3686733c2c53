package org.hypertrace.dtraced.sub.proto;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Program and client identities: 128 bytes, random and single-use, shown as hex of the first 16. */
public final class SubIdentity {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SubIdentity() {}

  /** @return a fresh random identity */
  public static byte[] random() {
    byte[] b = new byte[SubProtocol.IDENTITY_SIZE];
    RANDOM.nextBytes(b);
    return b;
  }

  /** @param text a name @return an identity holding the name's UTF-8 bytes, zero-padded */
  public static byte[] named(String text) {
    return fit(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** @param id bytes @return exactly 128 bytes: truncated or zero-padded */
  public static byte[] fit(byte[] id) {
    return java.util.Arrays.copyOf(id, SubProtocol.IDENTITY_SIZE);
  }

  /** @param id an identity @return hex of its first 16 bytes (how tools name programs) */
  public static String hex(byte[] id) {
    return HexFormat.of().formatHex(id, 0, 16);
  }

  /** @param id an identity @return the printable prefix of a named identity, or its hex */
  public static String printable(byte[] id) {
    int n = 0;
    while (n < id.length && id[n] >= 0x20 && id[n] < 0x7f) {
      n++;
    }
    boolean restZero = true;
    for (int i = n; i < id.length; i++) {
      restZero &= id[i] == 0;
    }
    return n > 0 && restZero ? new String(id, 0, n, java.nio.charset.StandardCharsets.US_ASCII)
        : hex(id);
  }
}

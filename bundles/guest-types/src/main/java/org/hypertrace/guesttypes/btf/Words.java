package org.hypertrace.guesttypes.btf;

/**
 * 32-bit words of a byte array in the data's byte order, read with plain shifts: unlike a
 * {@link java.nio.ByteBuffer}, cheap even before the JIT compiles the reader, which matters for a
 * cold {@code dtrace} start that parses 126k types once.
 */
final class Words {
  private final byte[] b;
  private final boolean bigEndian;

  Words(byte[] b, boolean bigEndian) {
    this.b = b;
    this.bigEndian = bigEndian;
  }

  /** @return the 32-bit word at byte offset {@code at} */
  int getInt(int at) {
    if (bigEndian) {
      return (b[at] << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8)
          | (b[at + 3] & 0xff);
    }
    return (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) | ((b[at + 2] & 0xff) << 16)
        | (b[at + 3] << 24);
  }
}

package org.hypertrace.dtraced.remote;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The DATA payloads of HyperTrace mode, told apart by their first byte: firing records (version
 * 1 without, 2 with captured kernel memory) until the end; or a relocated program — the node
 * linked the program against its own kernel's types and returns it for the host to verify.
 */
final class FiringRecords {
  static final int VERSION = 2;
  /** First byte of a relocated program: u8 digest length, the BTF digest, the ELF. */
  static final int RELOCATED = 0x50;

  private FiringRecords() {}

  /** Receives decoded records. */
  interface Handler {
    /** @param r a record, valid during the call */
    void record(FiringRecord r);
  }

  /** A relocated program as a node returned it. */
  record Relocated(String digest, byte[] program) {}

  /** @return whether a DATA payload is a relocated program */
  static boolean isRelocated(byte[] bytes) {
    return bytes.length > 0 && (bytes[0] & 0xff) == RELOCATED;
  }

  /** @return the DATA payload returning a relocated program */
  static byte[] encodeRelocated(String digest, byte[] program) {
    byte[] d = digest.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(2 + d.length + program.length);
    b.put((byte) RELOCATED).put((byte) d.length).put(d).put(program);
    return b.array();
  }

  /**
   * @param bytes a DATA payload for which {@link #isRelocated} holds
   * @return the digest and program
   * @throws FiringFormatException when truncated
   */
  static Relocated decodeRelocated(byte[] bytes) throws FiringFormatException {
    if (bytes.length < 2 || bytes.length < 2 + (bytes[1] & 0xff)) {
      throw new FiringFormatException("relocated program: truncated");
    }
    int n = bytes[1] & 0xff;
    String digest = new String(bytes, 2, n, StandardCharsets.US_ASCII);
    byte[] prog = java.util.Arrays.copyOfRange(bytes, 2 + n, bytes.length);
    return new Relocated(digest, prog);
  }

  /**
   * @param bytes a DATA payload of records
   * @param r     the record to fill for each
   * @param h     what to do with each
   * @throws FiringFormatException naming the field at fault
   */
  static void decode(byte[] bytes, FiringRecord r, Handler h) throws FiringFormatException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int version = b.hasRemaining() ? b.get() : -1;
    if (version != 1 && version != VERSION) {
      throw new FiringFormatException("firing records: unknown version");
    }
    while (b.hasRemaining()) {
      r.read(b, version);
      h.record(r);
    }
  }
}

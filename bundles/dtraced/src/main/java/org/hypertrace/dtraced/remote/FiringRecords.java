package org.hypertrace.dtraced.remote;

import java.nio.ByteBuffer;

/** The DATA payload of firings: a version byte, then records until the end. */
final class FiringRecords {
  static final int VERSION = 1;

  private FiringRecords() {}

  /** Receives decoded records. */
  interface Handler {
    /** @param r a record, valid during the call */
    void record(FiringRecord r);
  }

  /**
   * @param bytes a DATA payload
   * @param r     the record to fill for each
   * @param h     what to do with each
   * @throws FiringFormatException naming the field at fault
   */
  static void decode(byte[] bytes, FiringRecord r, Handler h) throws FiringFormatException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    if (!b.hasRemaining() || b.get() != VERSION) {
      throw new FiringFormatException("firing records: unknown version");
    }
    while (b.hasRemaining()) {
      r.read(b);
      h.record(r);
    }
  }
}

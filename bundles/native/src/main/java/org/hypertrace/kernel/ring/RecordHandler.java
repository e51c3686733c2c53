package org.hypertrace.kernel.ring;

import java.nio.ByteBuffer;

/** Receives ring buffer records in place; the buffer is only valid during the call. */
@FunctionalInterface
public interface RecordHandler {
  /**
   * @param data   the ring's data area (native byte order), read with absolute getters
   * @param offset where the record's payload starts in data
   * @param length payload length in bytes
   */
  void onRecord(ByteBuffer data, int offset, int length);
}

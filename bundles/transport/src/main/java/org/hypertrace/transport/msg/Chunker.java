package org.hypertrace.transport.msg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a program into chunks, as HyperTrace moves programs to guests in pieces (2048 bytes on
 * virtio); {@link Reassembler} puts them back together.
 */
public final class Chunker {
  /** Chunk size for TCP, TLS and unix sockets. */
  public static final int DEFAULT_CHUNK = 64 * 1024;
  /** Chunk size on virtio-serial ports, HyperTrace's virtio chunk. */
  public static final int VIRTIO_CHUNK = 2048;

  private Chunker() {}

  /**
   * @param elf       the program
   * @param chunkSize program bytes per chunk, &gt; 0
   * @return at least one chunk (an empty program is one empty chunk)
   */
  public static List<Message.ElfChunk> split(Message.Elf elf, int chunkSize) {
    if (chunkSize <= 0) {
      throw new IllegalArgumentException("chunkSize must be > 0");
    }
    byte[] p = elf.program();
    List<Message.ElfChunk> out = new ArrayList<>(p.length / chunkSize + 1);
    int off = 0;
    do {
      int n = Math.min(chunkSize, p.length - off);
      out.add(new Message.ElfChunk(elf.identity(), elf.targets(), elf.sha256(), p.length, off,
          Arrays.copyOfRange(p, off, off + n)));
      off += n;
    } while (off < p.length);
    return out;
  }
}

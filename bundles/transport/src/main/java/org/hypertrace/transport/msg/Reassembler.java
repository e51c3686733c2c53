package org.hypertrace.transport.msg;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Puts program chunks back together by identity and checks the SHA-256. A channel delivers the
 * chunks of one program in order; a chunk at offset 0 starts the program over (a re-send after a
 * reconnect), a chunk that does not continue where the last one ended, or disagrees with the
 * first one's total or digest, drops the partial program. At most {@code maxPending} programs and
 * {@code maxProgram} bytes each are held, so a peer cannot make the receiver hold more.
 */
public final class Reassembler {
  private final int maxProgram;
  private final int maxPending;
  private final Map<String, Pending> pending = new LinkedHashMap<>();

  private static final class Pending {
    final byte[] sha;
    final byte[] bytes;
    int next;

    Pending(Message.ElfChunk c) {
      sha = c.sha256();
      bytes = new byte[c.total()];
    }
  }

  /**
   * @param maxProgram largest program accepted, in bytes
   * @param maxPending most programs being reassembled at once
   */
  public Reassembler(int maxProgram, int maxPending) {
    this.maxProgram = maxProgram;
    this.maxPending = maxPending;
  }

  /**
   * Adds a chunk.
   *
   * @param c the chunk
   * @return the whole program once its last chunk arrived, else null
   * @throws ChecksumException when the whole program does not have the announced digest, when it
   *                           is larger than allowed, or when a chunk is out of sequence (the
   *                           partial program is dropped)
   */
  public synchronized Message.Elf accept(Message.ElfChunk c) throws ChecksumException {
    if (c.total() > maxProgram) {
      throw new ChecksumException(c.identity(), "program of " + c.total()
          + " bytes exceeds the maximum of " + maxProgram);
    }
    Pending p = pending.get(c.identity());
    if (c.offset() == 0) {
      pending.remove(c.identity());
      if (pending.size() >= maxPending) {
        pending.remove(pending.keySet().iterator().next());
      }
      p = new Pending(c);
      pending.put(c.identity(), p);
    } else if (p == null || p.next != c.offset() || p.bytes.length != c.total()
        || !Arrays.equals(p.sha, c.sha256())) {
      pending.remove(c.identity());
      throw new ChecksumException(c.identity(), "chunk at offset " + c.offset()
          + " out of sequence");
    }
    System.arraycopy(c.bytes(), 0, p.bytes, c.offset(), c.bytes().length);
    p.next += c.bytes().length;
    if (p.next < p.bytes.length) {
      return null;
    }
    pending.remove(c.identity());
    if (!MessageDigest.isEqual(Digests.sha256(p.bytes), p.sha)) {
      throw new ChecksumException(c.identity(), "SHA-256 mismatch");
    }
    return new Message.Elf(c.identity(), c.targets(), p.sha, p.bytes);
  }

  /** @param identity a program whose partial chunks to forget */
  public synchronized void forget(String identity) {
    pending.remove(Objects.requireNonNull(identity));
  }

  /** @return programs being reassembled */
  public synchronized int pending() {
    return pending.size();
  }
}

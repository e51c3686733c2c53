package org.hypertrace.transport.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The identities a minion has applied, kept across its restarts so that each program identity is
 * applied once (identities are single-use, as in HyperTrace). One identity per line, appended and
 * fsynced before the program runs; a torn last line (kill -9 mid-write) is ignored at load,
 * which errs on the side of not applying.
 */
public final class AppliedLog implements AutoCloseable {
  private final FileChannel ch;
  private final Set<String> applied = new HashSet<>();

  /**
   * @param file the log file (created if missing)
   * @throws IOException when it cannot be opened
   */
  public AppliedLog(Path file) throws IOException {
    int complete = 0;
    if (Files.exists(file)) {
      byte[] all = Files.readAllBytes(file);
      int start = 0;
      for (int i = 0; i < all.length; i++) {
        if (all[i] == '\n') {
          applied.add(new String(all, start, i - start, StandardCharsets.UTF_8));
          start = i + 1;
        }
      }
      complete = start;
    }
    ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    // cut a torn last line, so the next record starts on a line of its own
    ch.truncate(complete);
    ch.position(complete);
  }

  /**
   * Records an identity as applied, durably.
   *
   * @param identity the program identity (no newline)
   * @return false when it was applied before (do not apply again)
   * @throws IOException when the log cannot be written (do not apply then)
   */
  public synchronized boolean markApplied(String identity) throws IOException {
    if (identity.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("identity with newline");
    }
    if (applied.contains(identity)) {
      return false;
    }
    ByteBuffer bb = ByteBuffer.wrap((identity + "\n").getBytes(StandardCharsets.UTF_8));
    while (bb.hasRemaining()) {
      ch.write(bb);
    }
    ch.force(false);
    applied.add(identity);
    return true;
  }

  /** @param identity an identity @return whether it was applied */
  public synchronized boolean isApplied(String identity) {
    return applied.contains(identity);
  }

  /** @return how many identities were applied */
  public synchronized int size() {
    return applied.size();
  }

  @Override
  public void close() throws IOException {
    ch.close();
  }
}

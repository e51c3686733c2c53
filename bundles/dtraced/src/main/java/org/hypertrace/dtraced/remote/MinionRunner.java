package org.hypertrace.dtraced.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.hypertrace.dtraced.minion.ProgramRunner;

/**
 * The minion's runner: ELF programs (from dtrace -E) go to the {@link FiringCollector}; anything
 * else — the opaque payloads of transport tests — to the fallback runner. Both kinds are written
 * to the journal ("apply ID", "resume ID", "stop ID") that proves each identity is applied once.
 */
public final class MinionRunner implements ProgramRunner {
  private final ProgramRunner firing;
  private final ProgramRunner fallback;
  private final Path journal;

  /**
   * @param firing   the collector for ELF programs
   * @param fallback the runner for other payloads
   * @param journal  the journal file, or null
   */
  public MinionRunner(ProgramRunner firing, ProgramRunner fallback, Path journal) {
    this.firing = firing;
    this.fallback = fallback;
    this.journal = journal;
  }

  static boolean isElf(byte[] b) {
    return b.length >= 4 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
  }

  @Override
  public void start(Program p, boolean resumed, DataSink sink) {
    if (isElf(p.program())) {
      journal((resumed ? "resume " : "apply ") + p.identity());
      firing.start(p, resumed, sink);
    } else {
      fallback.start(p, resumed, sink);
    }
  }

  @Override
  public void stop(String identity) {
    firing.stop(identity);
    fallback.stop(identity);
  }

  @Override
  public void close() {
    firing.close();
    fallback.close();
  }

  private void journal(String line) {
    if (journal == null) {
      return;
    }
    try {
      Files.writeString(journal, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // the journal is evidence for tests and operators, not state: tracing goes on
      return;
    }
  }
}

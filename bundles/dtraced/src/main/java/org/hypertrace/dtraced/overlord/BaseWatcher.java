package org.hypertrace.dtraced.overlord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hypertrace.dtraced.log.DaemonLog;
import org.hypertrace.transport.spool.Spool;

/**
 * HyperTrace's hand-over from {@code base/} to the minions: a program published in
 * {@code base/NAME.elf} (by dtrace -E through sub.sock) is distributed with identity NAME; when
 * the file goes (the program ended), the program is killed everywhere. Polls, because a file
 * published by rename is visible whole or not at all and a poll every 250 ms is cheaper than
 * reasoning about lost WatchService events. Which active programs came from base/ is kept as
 * marker files {@code outbound/HEX.from-base}, so a program whose file went while the overlord
 * was down is killed when it comes back.
 */
final class BaseWatcher implements Runnable {
  private static final long PERIOD_MS = 250;
  private static final String MARK = ".from-base";
  private final Path base;
  private final Path marks;
  private final OverlordCore core;
  private final Set<String> known = new HashSet<>();
  private volatile boolean closed;

  BaseWatcher(Path root, OverlordCore core) {
    this.base = root.resolve(Spool.Area.BASE.dir());
    this.marks = root.resolve(Spool.Area.OUTBOUND.dir());
    this.core = core;
    // active programs with a marker were distributed from base/ before a restart: they are ours
    List<String> active = core.programs();
    for (String id : active) {
      if (Files.exists(mark(id))) {
        known.add(id);
      }
    }
  }

  private Path mark(String id) {
    return marks.resolve(ProgramFile.stem(id) + MARK);
  }

  @Override
  public void run() {
    while (!closed) {
      try {
        scan();
        Thread.sleep(PERIOD_MS);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        DaemonLog.warn("overlord: base/ watcher: " + e);
      }
    }
  }

  void scan() {
    Set<String> now = names();
    for (String id : now) {
      if (!known.contains(id)) {
        try {
          byte[] program = Files.readAllBytes(base.resolve(id + ".elf"));
          Files.write(mark(id), new byte[0]);
          core.publish(id, program, List.of());
          DaemonLog.info("overlord: distributing " + id + " from base/ (" + program.length
              + " bytes)");
        } catch (IOException | IllegalStateException e) {
          DaemonLog.warn("overlord: cannot distribute base/" + id + ".elf: " + e.getMessage());
          try {
            Files.deleteIfExists(mark(id));
          } catch (IOException e2) {
            // a stale marker of an inactive program is ignored at the next start
          }
        }
        known.add(id);
      }
    }
    for (String id : Set.copyOf(known)) {
      if (!now.contains(id)) {
        core.kill(id);
        known.remove(id);
        try {
          Files.deleteIfExists(mark(id));
        } catch (IOException e) {
          DaemonLog.warn("overlord: cannot remove " + mark(id) + ": " + e.getMessage());
        }
      }
    }
  }

  private Set<String> names() {
    Set<String> out = new HashSet<>();
    try (var ds = Files.newDirectoryStream(base, "*.elf")) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (!n.startsWith(".")) {
          out.add(n.substring(0, n.length() - 4));
        }
      }
    } catch (IOException e) {
      // base/ missing: nothing to distribute
    }
    return out;
  }

  void close() {
    closed = true;
  }
}

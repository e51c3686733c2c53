package org.hypertrace.dtraced.role;

import java.util.Objects;
import org.hypertrace.dtraced.log.DaemonLog;

/**
 * Keeps a part of the daemon (the overlord, the minion) running exactly while the daemon's
 * configuration calls for it. The daemon applies a new role, base directory or address in place
 * (its DaemonInfo service stays registered), so a small watcher polls a key derived from it and
 * restarts the part when the key changes; a part that failed to start is retried at the next poll.
 */
public final class RoleFollower implements AutoCloseable {
  /** The part being followed. */
  public interface Part {
    /** @return what the part should run with now, or null when it should not run */
    String key();

    /** Starts the part for the current key. @return false when it could not start */
    boolean start();

    /** Stops the part; idempotent. */
    void stop();
  }

  private static final long POLL_MS = 500;
  private final String name;
  private final Part part;
  private final Thread watcher;
  private volatile boolean stopped;
  private String runningKey;
  private boolean running;

  /**
   * Starts following.
   *
   * @param name the part's name, for the thread and the log
   * @param part the part
   */
  public RoleFollower(String name, Part part) {
    this.name = name;
    this.part = part;
    watcher = new Thread(this::watch, name + " role watcher");
    watcher.setDaemon(true);
    watcher.start();
  }

  /** Restarts the part at the next poll (its own configuration changed). */
  public synchronized void restart() {
    runningKey = null;
  }

  private void watch() {
    while (!stopped) {
      try {
        follow();
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        DaemonLog.warn(name + ": " + e);
      }
    }
  }

  private synchronized void follow() {
    String key;
    try {
      key = part.key();
    } catch (RuntimeException e) {
      return;
    }
    if (Objects.equals(key, runningKey) && (key == null || running)) {
      return;
    }
    part.stop();
    running = false;
    runningKey = key;
    if (key != null && !stopped) {
      running = part.start();
    }
  }

  /** Stops following and stops the part. */
  @Override
  public void close() {
    stopped = true;
    watcher.interrupt();
    try {
      watcher.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      part.stop();
      running = false;
    }
  }
}

package org.hypertrace.dtraced.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A claimed base directory: HyperTrace's spool folders ({@code base/}, {@code outbound/},
 * {@code inbound/}), the instance lock and the pidfile. One daemon per base directory: the lock is
 * an OS file lock, so it goes away with the process even after kill -9, and the pidfile says who
 * holds it.
 */
public final class BaseDirectory implements AutoCloseable {
  /** Spool subfolders, as HyperTrace's dtraced names them. */
  public static final String[] SPOOL = {"base", "outbound", "inbound"};
  /** The pidfile name. */
  public static final String PIDFILE = "dtraced.pid";
  private static final String LOCKFILE = "dtraced.lock";

  private final Path root;
  private final FileChannel channel;
  private final FileLock lock;

  private BaseDirectory(Path root, FileChannel channel, FileLock lock) {
    this.root = root;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Creates the folders if needed, takes the instance lock and writes the pidfile.
   *
   * @param root the base directory
   * @return the claimed directory
   * @throws BaseDirectoryException with a one-line reason: not writable, or already in use
   */
  public static BaseDirectory claim(Path root) throws BaseDirectoryException {
    try {
      Files.createDirectories(root);
      for (String s : SPOOL) {
        Files.createDirectories(root.resolve(s));
      }
    } catch (AccessDeniedException e) {
      throw new BaseDirectoryException("base directory " + root + " is not writable");
    } catch (IOException e) {
      throw new BaseDirectoryException("cannot create base directory " + root + ": " + e);
    }
    if (!Files.isWritable(root)) {
      throw new BaseDirectoryException("base directory " + root + " is not writable");
    }
    FileChannel ch;
    try {
      ch = FileChannel.open(root.resolve(LOCKFILE), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new BaseDirectoryException("base directory " + root + " is not writable");
    }
    FileLock lk;
    try {
      lk = ch.tryLock();
    } catch (IOException | OverlappingFileLockException e) {
      lk = null;
    }
    if (lk == null) {
      closeQuietly(ch);
      throw new BaseDirectoryException("already running (pid " + readPid(root)
          + ") with base directory " + root);
    }
    BaseDirectory dir = new BaseDirectory(root, ch, lk);
    try {
      dir.writePid();
    } catch (IOException e) {
      dir.close();
      throw new BaseDirectoryException("cannot write pidfile in " + root + ": " + e);
    }
    return dir;
  }

  private void writePid() throws IOException {
    Path tmp = root.resolve("." + PIDFILE);
    Files.writeString(tmp, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
    Files.move(tmp, root.resolve(PIDFILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static String readPid(Path root) {
    try {
      return Files.readString(root.resolve(PIDFILE), StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** @return the base directory */
  public Path root() {
    return root;
  }

  /** @param name one of {@link #SPOOL} @return that spool folder */
  public Path spool(String name) {
    return root.resolve(name);
  }

  /** Removes the pidfile and releases the lock. */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(root.resolve(PIDFILE));
    } catch (IOException e) {
      // the lock below is what counts; a stale pidfile names a dead pid
    }
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel releases it too
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}

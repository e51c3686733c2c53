package org.hypertrace.transport.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * HyperTrace's spool: {@code base/} (programs from dtrace -E), {@code outbound/} (to forward),
 * {@code inbound/} (received). A file is published atomically, so a reader (or a daemon that
 * restarts after kill -9) sees either nothing or the whole file:
 * <ol>
 *   <li>write it under a dot-name in the same folder;</li>
 *   <li>fsync the file;</li>
 *   <li>rename it onto its name (atomic within a file system);</li>
 *   <li>fsync the folder, so the rename survives a power cut.</li>
 * </ol>
 * Dot-names are never listed and are cleared at open (leftovers of a crash).
 */
public final class Spool {
  /** The three spool areas. */
  public enum Area {
    /** programs from dtrace -E. */
    BASE("base"),
    /** programs to forward. */
    OUTBOUND("outbound"),
    /** programs received. */
    INBOUND("inbound");

    private final String dir;

    Area(String dir) {
      this.dir = dir;
    }

    /** @return the folder name */
    public String dir() {
      return dir;
    }
  }

  private final Path root;

  private Spool(Path root) {
    this.root = root;
  }

  /**
   * Creates the areas if needed and removes half-written dot-files.
   *
   * @param root the base directory
   * @return the spool
   * @throws IOException when the folders cannot be made
   */
  public static Spool open(Path root) throws IOException {
    for (Area a : Area.values()) {
      Path dir = root.resolve(a.dir());
      Files.createDirectories(dir);
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*")) {
        for (Path p : ds) {
          Files.deleteIfExists(p);
        }
      }
    }
    return new Spool(root);
  }

  /** @return the base directory */
  public Path root() {
    return root;
  }

  /** @param a an area @return its folder */
  public Path dir(Area a) {
    return root.resolve(a.dir());
  }

  /**
   * Publishes a file atomically (see the class comment).
   *
   * @param a     the area
   * @param name  the file name (no '/', no leading dot)
   * @param bytes the content
   * @return the published path
   * @throws IOException when writing fails (nothing is published then)
   */
  public Path publish(Area a, String name, byte[] bytes) throws IOException {
    checkName(name);
    Path dir = dir(a);
    Path tmp = dir.resolve("." + name + ".tmp");
    Path dst = dir.resolve(name);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer bb = ByteBuffer.wrap(bytes);
      while (bb.hasRemaining()) {
        ch.write(bb);
      }
      ch.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, dst, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(dir);
    return dst;
  }

  /**
   * @param a    the area
   * @param name the file name
   * @return its content
   * @throws IOException when missing or unreadable
   */
  public byte[] read(Area a, String name) throws IOException {
    checkName(name);
    return Files.readAllBytes(dir(a).resolve(name));
  }

  /** @param a the area @param name the file name @return whether it is published */
  public boolean exists(Area a, String name) {
    checkName(name);
    return Files.exists(dir(a).resolve(name));
  }

  /**
   * @param a      the area
   * @param suffix file name suffix to match ("" = all)
   * @return published names, sorted
   * @throws IOException when the folder cannot be read
   */
  public List<String> list(Area a, String suffix) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir(a))) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (!n.startsWith(".") && n.endsWith(suffix)) {
          names.add(n);
        }
      }
    }
    names.sort(null);
    return names;
  }

  /**
   * @param a    the area
   * @param name the file name
   * @return whether it existed
   * @throws IOException when it cannot be removed
   */
  public boolean remove(Area a, String name) throws IOException {
    checkName(name);
    boolean gone = Files.deleteIfExists(dir(a).resolve(name));
    if (gone) {
      syncDirectory(dir(a));
    }
    return gone;
  }

  static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some file systems cannot fsync a folder; the rename is still atomic
    }
  }

  private static void checkName(String name) {
    if (name.isEmpty() || name.startsWith(".") || name.indexOf('/') >= 0
        || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("bad spool name '" + name + "'");
    }
  }
}

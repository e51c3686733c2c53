package org.hypertrace.kernel.tracefs;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.hypertrace.kernel.sys.SyscallException;
import org.hypertrace.kernel.sys.UnistdLibrary;

/**
 * Discovery of tracepoints through tracefs: finds the mount (from /proc/mounts, the usual
 * /sys/kernel/tracing, or the legacy debugfs path), mounts tracefs at /sys/kernel/tracing when it
 * is absent, lists groups and events and caches their parsed formats.
 */
public final class Tracefs {
  /** Where tracefs is mounted when no mount exists. */
  public static final Path DEFAULT = Path.of("/sys/kernel/tracing");
  private static volatile Tracefs instance;

  private final Path root;
  private final ConcurrentHashMap<String, EventFormat> formats = new ConcurrentHashMap<>();

  /** @param root a tracefs mount (its events/ directory is used) */
  public Tracefs(Path root) {
    this.root = root;
  }

  /**
   * @return the host's tracefs, mounted if needed
   * @throws IllegalStateException one line saying why tracefs is unavailable
   */
  public static Tracefs host() {
    Tracefs t = instance;
    if (t == null) {
      synchronized (Tracefs.class) {
        if (instance == null) {
          instance = new Tracefs(locate());
        }
        t = instance;
      }
    }
    return t;
  }

  private static Path locate() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
        String[] f = line.split(" ");
        if (f.length > 2 && f[2].equals("tracefs") && Files.isDirectory(Path.of(f[1], "events"))) {
          return Path.of(f[1]);
        }
      }
    } catch (IOException e) {
      // no /proc/mounts: try the well-known paths
    }
    if (Files.isDirectory(DEFAULT.resolve("events"))) {
      return DEFAULT;
    }
    Path legacy = Path.of("/sys/kernel/debug/tracing");
    if (Files.isDirectory(legacy.resolve("events"))) {
      return legacy;
    }
    try {
      UnistdLibrary.INSTANCE.mount("tracefs", DEFAULT.toString(), "tracefs", 0, null);
    } catch (LastErrorException e) {
      throw new IllegalStateException("tracefs is not mounted and mounting it at " + DEFAULT
          + " failed: " + new SyscallException("mount(tracefs)", e.getErrorCode()).getMessage());
    }
    return DEFAULT;
  }

  /** @return the mount point */
  public Path root() {
    return root;
  }

  private static List<String> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<String> out = new ArrayList<>();
      s.filter(Files::isDirectory).forEach(p -> out.add(p.getFileName().toString()));
      Collections.sort(out);
      return out;
    } catch (IOException e) {
      return List.of();
    }
  }

  /** @return event groups, sorted */
  public List<String> groups() {
    return list(root.resolve("events"));
  }

  /** @return events of a group, sorted (empty if the group does not exist) */
  public List<String> events(String group) {
    return list(root.resolve("events").resolve(group));
  }

  /** @return whether the tracepoint exists */
  public boolean exists(String group, String name) {
    return Files.isRegularFile(root.resolve("events").resolve(group).resolve(name)
        .resolve("format"));
  }

  /**
   * @return the parsed format of GROUP:NAME (cached)
   * @throws IllegalArgumentException when the tracepoint does not exist or cannot be read
   */
  public EventFormat format(String group, String name) {
    return formats.computeIfAbsent(group + ":" + name, k -> {
      Path p = root.resolve("events").resolve(group).resolve(name).resolve("format");
      try {
        return EventFormatReader.read(group, Files.readString(p));
      } catch (IOException e) {
        throw new IllegalArgumentException("no tracepoint " + group + ":" + name + " (" + p
            + " unreadable: " + e.getMessage() + ")");
      }
    });
  }
}

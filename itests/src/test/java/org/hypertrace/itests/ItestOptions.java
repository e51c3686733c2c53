package org.hypertrace.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ops4j.pax.exam.Option;

/**
 * The one options helper of the Pax Exam tests: boots real Felix with exactly the bundles the
 * build resolved for a feature (features/target/export/NAME), plus FileInstall pointed at a test
 * folder.
 */
public final class ItestOptions {
  private ItestOptions() {}

  /** @return the distribution folder the build assembled */
  public static Path dist() {
    return Path.of(System.getProperty("hypertrace.dist")).toAbsolutePath().normalize();
  }

  /**
   * @param feature   overlord, minion or shell
   * @param configDir the folder FileInstall watches
   * @return the options
   */
  public static Option config(String feature, Path configDir) {
    List<Option> opts = new ArrayList<>();
    opts.add(junitBundles());
    opts.add(systemProperty("org.ops4j.pax.url.mvn.localRepository")
        .value(System.getProperty("maven.repo.local")));
    opts.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
    opts.add(systemProperty("hypertrace.dist").value(dist().toString()));
    opts.add(systemProperty("hypertrace.root").value(System.getProperty("hypertrace.root")));
    opts.add(frameworkProperty("felix.fileinstall.dir").value(configDir.toString()));
    opts.add(frameworkProperty("felix.fileinstall.noInitialDelay").value("true"));
    opts.add(frameworkProperty("felix.fileinstall.poll").value("200"));
    opts.add(frameworkProperty("felix.fileinstall.enableConfigSave").value("false"));
    opts.add(frameworkProperty("felix.fileinstall.filter").value(".*\\.(cfg|config)"));
    opts.add(frameworkProperty("gosh.args").value("--nointeractive --noshutdown"));
    for (Path jar : featureJars(feature)) {
      opts.add(bundle(jar.toUri().toString()));
    }
    return composite(opts.toArray(new Option[0]));
  }

  private static List<Path> featureJars(String feature) {
    Path dir = dist().resolve("features").resolve(feature);
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("feature " + feature + " not built in " + dir, e);
    }
  }

  /**
   * Writes the daemon's .cfg atomically (FileInstall must never read half a file).
   *
   * @param dir  the watched folder
   * @param body the file's lines
   */
  public static void writeConfig(Path dir, String... body) {
    try {
      Path tmp = Files.createTempFile(dir.getParent(), "cfg", ".tmp");
      Files.writeString(tmp, String.join("\n", body) + "\n");
      Files.move(tmp, dir.resolve("org.hypertrace.dtraced.cfg"),
          java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A folder under itests/target that the driver and the probe agree on: the test class is loaded
   * twice (outside and inside the framework), so a random name would differ.
   *
   * @param name the folder name
   * @return the folder path (not created)
   */
  public static Path workDir(String name) {
    return Path.of(System.getProperty("hypertrace.root"), "itests", "target", "work", name)
        .toAbsolutePath().normalize();
  }
}

package org.hypertrace.launcher;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;

/**
 * The embedded Felix launcher: boots the resolved bundle set of one feature
 * ({@code HOME/features/NAME/*.jar}) and points FileInstall at one folder of Config Admin files.
 * Exit status: 0 after a normal stop, 1 when the daemon refused its configuration or a bundle
 * failed to start, 2 for usage errors.
 */
public final class Launcher {
  private static final String DAEMON_INFO = "org.hypertrace.api.daemon.DaemonInfo";
  private static final String EXIT_STATUS = "org.hypertrace.launcher.exit";

  private Launcher() {}

  /** @param args see {@link LauncherOptions} */
  public static void main(String[] args) {
    // Gogo swaps System.out/err for per-thread proxies: keep the real ones from before it starts.
    PrintStream err = System.err;
    LauncherOptions opts;
    try {
      opts = LauncherOptions.parse(args, home());
    } catch (IllegalArgumentException e) {
      err.println("dtraced: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      System.exit(run(opts, err));
    } catch (LaunchException e) {
      err.println("dtraced: " + e.getMessage());
      System.exit(1);
    }
  }

  static int run(LauncherOptions opts, PrintStream err) throws LaunchException {
    Path featureDir = opts.home().resolve("features").resolve(opts.feature());
    List<Path> jars = jars(featureDir);
    if (!Files.isDirectory(opts.config())) {
      throw new LaunchException("config directory " + opts.config() + " does not exist");
    }
    Path storage;
    try {
      storage = Files.createTempDirectory("hypertrace-felix-");
    } catch (IOException e) {
      throw new LaunchException("cannot create the framework cache: " + e.getMessage());
    }
    Framework fw = new FrameworkFactory().newFramework(properties(opts, storage));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(fw), "dtraced-shutdown"));
    try {
      fw.init();
      // Start bundles while the framework is STARTING, or FileInstall's first scan waits.
      List<Bundle> installed = new ArrayList<>();
      for (Path jar : jars) {
        installed.add(fw.getBundleContext().installBundle(jar.toUri().toString()));
      }
      for (Bundle b : installed) {
        if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
          b.start();
        }
      }
      fw.start();
    } catch (BundleException e) {
      stopQuietly(fw);
      throw new LaunchException("cannot start feature " + opts.feature() + ": "
          + e.getMessage());
    }
    if (!opts.feature().equals("shell")) {
      reportDaemon(fw, err);
    }
    try {
      FrameworkEvent ev = fw.waitForStop(0);
      if (ev.getType() == FrameworkEvent.ERROR) {
        err.println("dtraced: framework stopped with an error: " + ev.getThrowable());
        return 1;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      deleteTree(storage);
    }
    return Integer.parseInt(System.getProperty(EXIT_STATUS, "0"));
  }

  private static Map<String, String> properties(LauncherOptions opts, Path storage) {
    Map<String, String> p = new HashMap<>();
    p.put(Constants.FRAMEWORK_STORAGE, storage.toString());
    p.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
    p.put("felix.fileinstall.dir", opts.config().toString());
    p.put("felix.fileinstall.noInitialDelay", "true");
    p.put("felix.fileinstall.poll", "500");
    // config/ is the source of truth: never write back into it (it emptied files, PLATFORM.md).
    p.put("felix.fileinstall.enableConfigSave", "false");
    p.put("felix.fileinstall.filter", ".*\\.(cfg|config)");
    p.put("felix.fileinstall.log.level", "2");
    // A daemon has no console: gosh must neither read stdin nor stop the framework at EOF.
    if (!opts.feature().equals("shell")) {
      p.put("gosh.args", "--nointeractive --noshutdown");
    }
    p.put("org.hypertrace.launcher.failfast", "true");
    p.put("org.hypertrace.home", opts.home().toString());
    return p;
  }

  /**
   * Waits for the daemon component and prints one line saying it runs; when the component
   * refuses its first configuration (it sets {@value #EXIT_STATUS}), stops the framework.
   */
  private static void reportDaemon(Framework fw, PrintStream err) {
    BundleContext ctx = fw.getBundleContext();
    long deadline = System.nanoTime() + 20_000_000_000L;
    try {
      while (System.nanoTime() < deadline) {
        if (System.getProperty(EXIT_STATUS) != null) {
          stopQuietly(fw);
          return;
        }
        if (ctx.getServiceReferences(DAEMON_INFO, null) != null) {
          err.println("dtraced: running (pid " + ProcessHandle.current().pid() + ", config "
              + ctx.getProperty("felix.fileinstall.dir") + ")");
          return;
        }
        Thread.sleep(50);
      }
      err.println("dtraced: the daemon component did not start within 20 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (org.osgi.framework.InvalidSyntaxException | IllegalStateException e) {
      // the framework stopped meanwhile: main reports the status
    }
  }

  private static List<Path> jars(Path dir) throws LaunchException {
    if (!Files.isDirectory(dir)) {
      throw new LaunchException("no feature " + dir.getFileName() + " in " + dir.getParent());
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> l = s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
      if (l.isEmpty()) {
        throw new LaunchException("feature " + dir.getFileName() + " has no bundles in " + dir);
      }
      return l;
    } catch (IOException e) {
      throw new LaunchException("cannot list " + dir + ": " + e.getMessage());
    }
  }

  private static void stopQuietly(Framework fw) {
    try {
      if ((fw.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
        fw.stop();
        fw.waitForStop(15_000);
      }
    } catch (BundleException | InterruptedException e) {
      // exiting anyway
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // a leftover temp folder is harmless
    }
  }

  /** @return the distribution folder: property org.hypertrace.home, or the jar's grandparent */
  static Path home() {
    String h = System.getProperty("org.hypertrace.home");
    if (h != null) {
      return Path.of(h);
    }
    try {
      Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
      return jar.getParent().getParent();
    } catch (URISyntaxException | NullPointerException e) {
      return Path.of(".");
    }
  }
}

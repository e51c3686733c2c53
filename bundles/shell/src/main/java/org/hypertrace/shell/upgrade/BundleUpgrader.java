package org.hypertrace.shell.upgrade;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Live upgrade of one bundle: checks the new jar (same symbolic name, compatible exports), updates
 * the bundle in place and refreshes what depends on it, without restarting the framework.
 */
public final class BundleUpgrader {
  private final BundleContext context;

  /** @param context any bundle context of the framework */
  public BundleUpgrader(BundleContext context) {
    this.context = context;
  }

  /**
   * @param symbolicName the bundle to upgrade
   * @param location     a jar path or URL
   * @return a one-line report: old and new version
   * @throws UpgradeException with a one-line reason when the upgrade is refused or fails
   */
  public String upgrade(String symbolicName, String location) throws UpgradeException {
    Bundle target = find(symbolicName);
    byte[] jar = read(location);
    Manifest mf = manifest(jar, location);
    String bsn = mf.getMainAttributes().getValue("Bundle-SymbolicName");
    String newName = bsn == null ? null : bsn.split(";")[0].trim();
    if (!symbolicName.equals(newName)) {
      throw new UpgradeException(location + " is " + (newName == null ? "not a bundle"
          : "bundle " + newName) + ", not " + symbolicName);
    }
    Map<String, Version> oldExports = ExportedPackages.parse(
        target.getHeaders().get("Export-Package"));
    Map<String, Version> newExports = ExportedPackages.parse(
        mf.getMainAttributes().getValue("Export-Package"));
    List<String> problems = CompatibilityCheck.problems(oldExports, newExports);
    if (!problems.isEmpty()) {
      throw new UpgradeException("upgrade of " + symbolicName + " refused: "
          + String.join("; ", problems) + " (baseline); restart the daemon to change it");
    }
    Version before = target.getVersion();
    // taken before the update: updating this very bundle (the shell) invalidates our context
    FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
    try {
      target.update(new ByteArrayInputStream(jar));
    } catch (BundleException e) {
      throw new UpgradeException("update of " + symbolicName + " failed: " + e.getMessage());
    }
    refresh(wiring, target);
    return symbolicName + " " + before + " -> " + target.getVersion() + " ("
        + stateName(target.getState()) + ")";
  }

  private Bundle find(String symbolicName) throws UpgradeException {
    for (Bundle b : context.getBundles()) {
      if (symbolicName.equals(b.getSymbolicName())) {
        if (b.getBundleId() == 0) {
          throw new UpgradeException("the framework itself cannot be upgraded live");
        }
        return b;
      }
    }
    throw new UpgradeException("no bundle " + symbolicName + " is installed");
  }

  private static void refresh(FrameworkWiring wiring, Bundle target) throws UpgradeException {
    CountDownLatch done = new CountDownLatch(1);
    wiring.refreshBundles(List.of(target), (FrameworkEvent e) -> done.countDown());
    try {
      if (!done.await(30, TimeUnit.SECONDS)) {
        throw new UpgradeException("refresh after updating " + target.getSymbolicName()
            + " did not finish in 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpgradeException("interrupted while refreshing");
    }
  }

  private static byte[] read(String location) throws UpgradeException {
    try {
      if (location.contains("://") || location.startsWith("file:")) {
        URL url = URI.create(location).toURL();
        try (InputStream in = url.openStream()) {
          return in.readAllBytes();
        }
      }
      return Files.readAllBytes(Path.of(location));
    } catch (IOException | IllegalArgumentException e) {
      throw new UpgradeException("cannot read " + location + ": " + e.getMessage());
    }
  }

  private static Manifest manifest(byte[] jar, String location) throws UpgradeException {
    try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
      Manifest mf = in.getManifest();
      if (mf == null) {
        throw new UpgradeException(location + " has no manifest: not a bundle");
      }
      return mf;
    } catch (IOException e) {
      throw new UpgradeException(location + " is not a jar: " + e.getMessage());
    }
  }

  /** @param state a Bundle state constant @return its name as status prints it */
  public static String stateName(int state) {
    switch (state) {
      case Bundle.ACTIVE: return "ACTIVE";
      case Bundle.RESOLVED: return "RESOLVED";
      case Bundle.INSTALLED: return "INSTALLED";
      case Bundle.STARTING: return "STARTING";
      case Bundle.STOPPING: return "STOPPING";
      case Bundle.UNINSTALLED: return "UNINSTALLED";
      default: return "UNKNOWN";
    }
  }
}

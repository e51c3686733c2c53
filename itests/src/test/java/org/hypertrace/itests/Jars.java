package org.hypertrace.itests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Rebuilt bundle jars for upgrade tests: the same classes under another version. */
final class Jars {
  private Jars() {}

  /**
   * Copies a bundle jar with another Bundle-Version and, optionally, Export-Package.
   *
   * @param jar     the bundle
   * @param dir     where the copy goes
   * @param version the new Bundle-Version
   * @param exports the new Export-Package, or null to keep it
   * @return the copy
   * @throws IOException when reading or writing fails
   */
  static Path withVersion(Path jar, Path dir, String version, String exports)
      throws IOException {
    Files.createDirectories(dir);
    Path out = Files.createTempFile(dir, "bundle", ".jar");
    try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
      Manifest mf = new Manifest(in.getManifest());
      Attributes a = mf.getMainAttributes();
      if (version.equals(a.getValue("Bundle-Version"))) {
        throw new IllegalArgumentException(jar + " already has version " + version);
      }
      a.putValue("Bundle-Version", version);
      if (exports != null) {
        a.putValue("Export-Package", exports);
      }
      try (OutputStream os = Files.newOutputStream(out);
          JarOutputStream jo = new JarOutputStream(os, mf)) {
        for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
          jo.putNextEntry(new JarEntry(e.getName()));
          in.transferTo(jo);
          jo.closeEntry();
        }
      }
    }
    return out;
  }
}

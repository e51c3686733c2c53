package org.hypertrace.transport.channel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Finds a guest's virtio-serial port by name: each port is a directory
 * {@code /sys/class/virtio-ports/vportNpM} whose {@code name} file holds the name QEMU gave it
 * ({@code -device virtserialport,name=...}); the character device is {@code /dev/vportNpM}.
 */
public final class VirtioPorts {
  private VirtioPorts() {}

  /**
   * @param sysRoot "/" normally; the root under which sys/class/virtio-ports and dev are found
   * @param name    the port name
   * @return the character device path
   * @throws IOException naming the port when no port has that name
   */
  public static Path find(Path sysRoot, String name) throws IOException {
    Path dir = sysRoot.resolve("sys/class/virtio-ports");
    try (DirectoryStream<Path> ports = Files.newDirectoryStream(dir)) {
      for (Path p : ports) {
        Path nameFile = p.resolve("name");
        if (Files.isReadable(nameFile)
            && Files.readString(nameFile, StandardCharsets.UTF_8).trim().equals(name)) {
          return sysRoot.resolve("dev").resolve(p.getFileName().toString());
        }
      }
    } catch (NoSuchFileException e) {
      throw new IOException("no virtio-serial ports (" + dir + " missing); port " + name);
    }
    throw new IOException("no virtio-serial port named " + name + " under " + dir);
  }
}

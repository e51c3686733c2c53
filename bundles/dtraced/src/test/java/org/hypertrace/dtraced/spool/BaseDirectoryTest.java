package org.hypertrace.dtraced.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseDirectoryTest {
  @TempDir Path tmp;

  @Test
  void testClaim_createsSpoolAndPidfile() throws Exception {
    Path root = tmp.resolve("dd");
    try (BaseDirectory b = BaseDirectory.claim(root)) {
      for (String s : BaseDirectory.SPOOL) {
        assertTrue(Files.isDirectory(root.resolve(s)), s);
      }
      assertEquals(String.valueOf(ProcessHandle.current().pid()),
          Files.readString(root.resolve(BaseDirectory.PIDFILE)).trim());
    }
    assertFalse(Files.exists(root.resolve(BaseDirectory.PIDFILE)));
  }

  @Test
  void testClaim_secondClaimSaysAlreadyRunning() throws Exception {
    try (BaseDirectory b = BaseDirectory.claim(tmp)) {
      BaseDirectoryException e = org.junit.jupiter.api.Assertions.assertThrows(
          BaseDirectoryException.class, () -> BaseDirectory.claim(tmp));
      assertTrue(e.getMessage().startsWith("already running (pid "
          + ProcessHandle.current().pid() + ")"), e.getMessage());
    }
    BaseDirectory.claim(tmp).close();
  }
}

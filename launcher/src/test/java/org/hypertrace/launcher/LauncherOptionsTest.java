package org.hypertrace.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LauncherOptionsTest {
  private final Path home = Path.of("/opt/ht");

  @Test
  void testParse_defaultsToOverlordConfig() {
    LauncherOptions o = LauncherOptions.parse(new String[0], home);
    assertEquals("overlord", o.feature());
    assertEquals(Path.of("/opt/ht/config/overlord"), o.config());
  }

  @Test
  void testParse_minionFeatureUsesMinionConfig() {
    LauncherOptions o = LauncherOptions.parse(new String[] {"--feature", "minion"}, home);
    assertEquals(Path.of("/opt/ht/config/minion"), o.config());
  }

  @Test
  void testParse_missingValueRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LauncherOptions.parse(new String[] {"--config"}, home));
    assertEquals("--config needs a value", e.getMessage());
  }
}

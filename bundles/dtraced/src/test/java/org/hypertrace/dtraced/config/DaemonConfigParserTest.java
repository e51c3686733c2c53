package org.hypertrace.dtraced.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.hypertrace.api.daemon.DaemonInfo.Role;
import org.junit.jupiter.api.Test;

class DaemonConfigParserTest {
  private final DaemonConfigParser parser = new DaemonConfigParser("hostA", Path.of("/var/x"));

  @Test
  void testParse_emptyGivesOverlordDefaults() throws Exception {
    DaemonConfig c = parser.parse(Map.of());
    assertEquals(Role.OVERLORD, c.role());
    assertEquals("hostA", c.nodeName());
    assertEquals(Path.of("/var/x"), c.baseDirectory());
  }

  @Test
  void testParse_minionWithVirtioPort() throws Exception {
    DaemonConfig c = parser.parse(Map.of("role", "minion", "node.name", "web1",
        "connect", "virtio:org.hypertrace.0"));
    assertEquals(Role.MINION, c.role());
    assertEquals("virtio:org.hypertrace.0", c.address());
  }

  @Test
  void testParse_badRoleNamesKeyAndValue() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> parser.parse(Map.of("role", "boss")));
    assertEquals("role", e.key());
    assertEquals("invalid configuration: role=boss (expected overlord or minion)",
        e.getMessage());
  }

  @Test
  void testParse_portOutOfRange() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> parser.parse(Map.of("listen", "tcp:0.0.0.0:70000")));
    assertEquals("listen", e.key());
  }

  @Test
  void testParse_relativeBaseRefused() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> parser.parse(Map.of("base.dir", "spool")));
    assertEquals("base.dir", e.key());
  }

  @Test
  void testParse_minionWithoutConnectRefused() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> parser.parse(Map.of("role", "minion")));
    assertEquals("connect", e.key());
  }
}

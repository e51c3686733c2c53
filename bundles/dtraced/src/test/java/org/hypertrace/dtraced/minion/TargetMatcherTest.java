package org.hypertrace.dtraced.minion;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Target globs against host name, node name and kernel release, per resolver. */
class TargetMatcherTest {
  private final TargetMatcher both = new TargetMatcher("hostname,version", "web1.lab", "vm-web1",
      "Linux", "6.1.0-13-amd64");

  @Test
  void testTargetMatcher_emptyMatchesAll() {
    assertTrue(both.matches(List.of()));
    assertTrue(both.matches(List.of("")));
  }

  @Test
  void testTargetMatcher_globsOnHostAndVersion() {
    assertTrue(both.matches(List.of("web*")));
    assertTrue(both.matches(List.of("vm-web?")));
    assertTrue(both.matches(List.of("6.1.*")));
    assertTrue(both.matches(List.of("Linux 6.*")));
    assertTrue(both.matches(List.of("db*", "web[0-9].lab")));
    assertFalse(both.matches(List.of("db*")));
    assertFalse(both.matches(List.of("web[!1].lab")));
  }

  @Test
  void testTargetMatcher_resolversRestrict() {
    TargetMatcher host = new TargetMatcher("hostname", "web1", "web1", "Linux", "6.1.0");
    assertFalse(host.matches(List.of("6.1.*")));
    TargetMatcher version = new TargetMatcher("version", "web1", "web1", "Linux", "6.1.0");
    assertFalse(version.matches(List.of("web*")));
    assertTrue(version.matches(List.of("6.1.0")));
    assertThrows(IllegalArgumentException.class,
        () -> new TargetMatcher("hostname,colour", "a", "a", "b", "c"));
  }
}

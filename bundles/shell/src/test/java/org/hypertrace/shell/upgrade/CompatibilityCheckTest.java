package org.hypertrace.shell.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

class CompatibilityCheckTest {
  @Test
  void testParse_sharedClauseAndQuotedUses() {
    Map<String, Version> m = ExportedPackages.parse(
        "a.b;c.d;version=\"1.2.0\";uses:=\"x.y,z\",e.f;version=2.0.0");
    assertEquals(Version.parseVersion("1.2.0"), m.get("a.b"));
    assertEquals(Version.parseVersion("1.2.0"), m.get("c.d"));
    assertEquals(Version.parseVersion("2.0.0"), m.get("e.f"));
    assertEquals(3, m.size());
  }

  @Test
  void testProblems_minorBumpIsCompatible() {
    assertTrue(CompatibilityCheck.problems(ExportedPackages.parse("a;version=1.0.0"),
        ExportedPackages.parse("a;version=1.1.0,b;version=1.0.0")).isEmpty());
  }

  @Test
  void testProblems_majorBumpAndMissingPackageRefused() {
    List<String> p = CompatibilityCheck.problems(
        ExportedPackages.parse("a;version=1.0.0,b;version=1.0.0"),
        ExportedPackages.parse("a;version=2.0.0"));
    assertEquals(2, p.size());
    assertTrue(p.get(0).contains("major"), p.get(0));
    assertTrue(p.get(1).contains("no longer exported"), p.get(1));
  }
}

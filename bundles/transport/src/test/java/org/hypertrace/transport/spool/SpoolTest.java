package org.hypertrace.transport.spool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic publication in the spool and the applied-identity log. */
class SpoolTest {
  @TempDir Path tmp;

  @Test
  void testSpool_publishListReadRemove() throws Exception {
    Spool s = Spool.open(tmp);
    for (Spool.Area a : Spool.Area.values()) {
      assertTrue(Files.isDirectory(tmp.resolve(a.dir())));
    }
    s.publish(Spool.Area.INBOUND, "b.elf", new byte[] {2});
    s.publish(Spool.Area.INBOUND, "a.elf", new byte[] {1});
    s.publish(Spool.Area.INBOUND, "a.meta", new byte[] {9});
    assertEquals(List.of("a.elf", "b.elf"), s.list(Spool.Area.INBOUND, ".elf"));
    assertArrayEquals(new byte[] {1}, s.read(Spool.Area.INBOUND, "a.elf"));
    s.publish(Spool.Area.INBOUND, "a.elf", new byte[] {3});
    assertArrayEquals(new byte[] {3}, s.read(Spool.Area.INBOUND, "a.elf"));
    assertTrue(s.remove(Spool.Area.INBOUND, "a.elf"));
    assertFalse(s.remove(Spool.Area.INBOUND, "a.elf"));
    assertFalse(s.exists(Spool.Area.INBOUND, "a.elf"));
    try (var files = Files.list(tmp.resolve("inbound"))) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".")));
    }
  }

  @Test
  void testSpool_halfWrittenDotFilesIgnoredAndCleared() throws Exception {
    Spool.open(tmp);
    Files.write(tmp.resolve("outbound/.x.elf.tmp"), new byte[10]);
    Spool s = Spool.open(tmp);
    assertEquals(List.of(), s.list(Spool.Area.OUTBOUND, ""));
    assertFalse(Files.exists(tmp.resolve("outbound/.x.elf.tmp")));
  }

  @Test
  void testSpool_badNames() throws Exception {
    Spool s = Spool.open(tmp);
    assertThrows(IllegalArgumentException.class,
        () -> s.publish(Spool.Area.BASE, "../x", new byte[0]));
    assertThrows(IllegalArgumentException.class,
        () -> s.publish(Spool.Area.BASE, ".hidden", new byte[0]));
  }

  @Test
  void testAppliedLog_onceAcrossReopen() throws Exception {
    Path f = tmp.resolve("applied.log");
    try (AppliedLog log = new AppliedLog(f)) {
      assertTrue(log.markApplied("p1"));
      assertFalse(log.markApplied("p1"));
      assertTrue(log.markApplied("p2"));
    }
    try (AppliedLog log = new AppliedLog(f)) {
      assertTrue(log.isApplied("p1"));
      assertFalse(log.markApplied("p2"));
      assertEquals(2, log.size());
    }
  }

  @Test
  void testAppliedLog_tornLastLineIgnored() throws Exception {
    Path f = tmp.resolve("applied.log");
    Files.writeString(f, "p1\np2", StandardCharsets.UTF_8);
    try (AppliedLog log = new AppliedLog(f)) {
      assertTrue(log.isApplied("p1"));
      assertFalse(log.isApplied("p2"));
    }
  }
}

package org.hypertrace.kernel.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Function symbols and file offsets of real ELF files; malformed input is named. */
class ElfSymbolReaderTest {
  static Path libc() {
    for (String p : new String[] {"/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib64/libc.so.6"}) {
      if (Files.exists(Path.of(p))) {
        return Path.of(p);
      }
    }
    throw new org.opentest4j.TestAbortedException("no libc.so.6");
  }

  @Test
  void testLibc_functionsWithOffsetsInsideTheFile() throws Exception {
    Path libc = libc();
    Map<String, ElfSymbolReader.Symbol> syms = ElfSymbolReader.read(libc);
    assertTrue(syms.size() > 1000, "symbols " + syms.size());
    ElfSymbolReader.Symbol s = syms.get("getppid");
    assertTrue(s.fileOffset() > 0 && s.fileOffset() < Files.size(libc), s.toString());
    assertTrue(s.size() > 0);
    assertTrue(syms.containsKey("malloc"));
  }

  @Test
  void testNotElf_badMagicNamed(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("x");
    Files.write(f, new byte[128]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ElfSymbolReader.read(f));
    assertTrue(e.getMessage().endsWith("not an ELF file"), e.getMessage());
  }

  @Test
  void testElf32_refused(@TempDir Path dir) throws Exception {
    byte[] b = new byte[128];
    b[0] = 0x7f;
    b[1] = 'E';
    b[2] = 'L';
    b[3] = 'F';
    b[4] = 1;
    b[5] = 1;
    Path f = dir.resolve("x32");
    Files.write(f, b);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ElfSymbolReader.read(f));
    assertEquals(f + ": not ELF64 little-endian", e.getMessage());
  }
}

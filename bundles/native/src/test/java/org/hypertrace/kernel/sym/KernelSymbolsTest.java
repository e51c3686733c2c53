package org.hypertrace.kernel.sym;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kallsyms parsing and lookup; user symbols of this process. */
class KernelSymbolsTest {
  @Test
  void testKallsymsFormat_symbolPlusOffsetAndModules(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("kallsyms");
    Files.writeString(f, "ffffffff81000000 T _stext\n"
        + "ffffffff81000100 t do_thing\n"
        + "ffffffff81000200 D some_data\n"
        + "ffffffffc0001000 t mod_fn\t[kvm]\n");
    KernelSymbols k = KernelSymbols.read(f);
    assertEquals(3, k.size());
    assertEquals("vmlinux`_stext", k.symbol(0xffffffff81000000L));
    assertEquals("vmlinux`do_thing+0x10", k.symbol(0xffffffff81000110L));
    assertEquals("kvm`mod_fn+0x8", k.symbol(0xffffffffc0001008L));
    assertNull(k.symbol(0xffffffff80000000L));
    assertNull(k.symbol(0x400000L));
  }

  @Test
  void testProcessSymbols_resolveOwnLibc() throws Exception {
    long getppid = com.sun.jna.Pointer.nativeValue(
        com.sun.jna.NativeLibrary.getInstance("c").getFunction("getppid"));
    ProcessSymbols p = new ProcessSymbols((int) ProcessHandle.current().pid());
    String s = p.symbol(getppid);
    assertTrue(s != null && s.startsWith("libc.so.6`getppid"), s);
    assertEquals(s, p.symbol(getppid));
  }
}

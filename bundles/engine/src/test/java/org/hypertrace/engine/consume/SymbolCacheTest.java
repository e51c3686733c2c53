package org.hypertrace.engine.consume;

import static org.junit.jupiter.api.Assertions.*;

import org.hypertrace.api.provider.ProbeContext;
import org.junit.jupiter.api.Test;

/** The pc to symbol cache the stack printers read after the firings. */
class SymbolCacheTest {
  /** Functions of 0x100 bytes from 0x1000, kernel f0, f1 ... and user u0, u1 ... in a.out. */
  private static ProbeContext context(int pid) {
    return new ProbeContext() {
      @Override public long arg(int i) {
        return 0;
      }

      @Override public int pid() {
        return pid;
      }

      @Override public int tid() {
        return pid;
      }

      @Override public int ppid() {
        return 1;
      }

      @Override public int uid() {
        return 0;
      }

      @Override public int gid() {
        return 0;
      }

      @Override public int cpu() {
        return 0;
      }

      @Override public int errno() {
        return 0;
      }

      @Override public long curthread() {
        return 0;
      }

      @Override public String execname() {
        return "a.out";
      }

      @Override public String vmname() {
        return null;
      }

      @Override public int read(long address, byte[] dst, int off, int len) {
        return -1;
      }

      @Override public String symbol(long pc, boolean user) {
        if (pc < 0x1000) {
          return null;
        }
        long f = (pc - 0x1000) / 0x100;
        long off = (pc - 0x1000) % 0x100;
        return (user ? "a.out`u" : "vmlinux`f") + f + (off == 0 ? "" : "+0x"
            + Long.toHexString(off));
      }
    };
  }

  @Test
  void testLearn_keepsEntriesAcrossGrowth() {
    SymbolCache c = new SymbolCache();
    ProbeContext ctx = context(7);
    for (long pc = 0x1000; pc < 0x1000 + 5000 * 3; pc += 3) {
      c.learn(pc, SymbolCache.KERNEL, ctx);
    }
    StackPrinter p = new StackPrinter(c);
    assertEquals("vmlinux`f0+0x3", p.frame(0x1003, SymbolCache.KERNEL));
    assertEquals("vmlinux`f2", p.frame(0x1200, SymbolCache.KERNEL));
    assertEquals("vmlinux`f3", p.function(0x1306, SymbolCache.KERNEL));
    assertEquals("vmlinux", p.module(0x1306, SymbolCache.KERNEL));
    assertEquals(0x1300, c.start(0x1306, SymbolCache.KERNEL));
  }

  @Test
  void testLearn_userPcsOnlyFromTheirOwnProcess() {
    SymbolCache c = new SymbolCache();
    assertEquals(-1, c.learn(0x1010, 8, context(7)));
    assertTrue(c.learn(0x1010, 7, context(7)) >= 0);
    StackPrinter p = new StackPrinter(c);
    assertEquals("a.out`u0+0x10", p.frame(0x1010, 7));
    assertEquals("0x1010", p.frame(0x1010, 8));
    assertEquals("0x1010", p.frame(0x1010, SymbolCache.KERNEL));
  }

  @Test
  void testLearn_unresolvedPrintsHexAndPrintTimeNeverAsks() {
    SymbolCache c = new SymbolCache();
    c.learn(0x10, SymbolCache.KERNEL, context(1));
    assertEquals(-1, c.learn(0x2000, SymbolCache.KERNEL, null));
    StackPrinter p = new StackPrinter(c);
    assertEquals("0x10", p.frame(0x10, SymbolCache.KERNEL));
    assertEquals("0x10", p.module(0x10, SymbolCache.KERNEL));
    assertEquals("0x2000", p.function(0x2000, SymbolCache.KERNEL));
  }

  @Test
  void testModuleBase_oneRepresentativePerModule() {
    SymbolCache c = new SymbolCache();
    ProbeContext ctx = context(1);
    c.learn(0x1450, SymbolCache.KERNEL, ctx);
    c.learn(0x1010, SymbolCache.KERNEL, ctx);
    assertEquals(0x1400, c.base(0x1010, SymbolCache.KERNEL));
    assertEquals(0x1400, c.base(0x1450, SymbolCache.KERNEL));
  }

  @Test
  void testSymbol_parsesTheProviderForms() {
    assertEquals(new Symbol("m", "f", 0x1f), Symbol.parse("m`f+0x1f"));
    assertEquals(new Symbol("m", "f", 0), Symbol.parse("m`f"));
    assertEquals(new Symbol("libc.so.6", null, 0), Symbol.parse("libc.so.6`0x1234"));
    assertNull(Symbol.parse("0x1234"));
    assertNull(Symbol.parse(null));
  }
}

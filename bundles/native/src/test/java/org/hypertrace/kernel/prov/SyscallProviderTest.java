package org.hypertrace.kernel.prov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.ProbeContext;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.kernel.sys.UnistdLibrary;
import org.junit.jupiter.api.Test;

/** Real syscall probes in the running kernel; skipped without root. */
class SyscallProviderTest {
  static final UnistdLibrary LIBC = UnistdLibrary.INSTANCE;

  /** Counts firings of this process and checks their built-ins. */
  static final class Recorder implements ProbeListener {
    final int pid = LIBC.getpid();
    final AtomicInteger mine = new AtomicInteger();
    final AtomicInteger badBuiltins = new AtomicInteger();
    final AtomicLong dropped = new AtomicLong();
    volatile String execname;
    volatile int ppid;
    volatile int errno;
    volatile long arg0;
    volatile long curthread;

    @Override
    public void fire(int probeId, ProbeContext c) {
      if (c.pid() != pid) {
        return;
      }
      mine.incrementAndGet();
      execname = c.execname();
      ppid = c.ppid();
      errno = c.errno();
      arg0 = c.arg(0);
      curthread = c.curthread();
      if (c.tid() <= 0 || c.uid() != 0 || c.cpu() < 0) {
        badBuiltins.incrementAndGet();
      }
    }

    @Override
    public void dropped(int cpu, long count) {
      dropped.addAndGet(count);
    }
  }

  static void awaitCount(AtomicInteger n, int want) throws InterruptedException {
    for (int i = 0; i < 200 && n.get() < want; i++) {
      Thread.sleep(10);
    }
  }

  @Test
  void testGetppidEntry_countsEveryCallWithBuiltins() throws Exception {
    TestSupport.assumeRoot();
    SyscallProvider p = new SyscallProvider();
    List<ProbeInfo> probes = p.probes(new ProbeDescription("", "syscall", "", "getppid", "entry"));
    assertEquals(1, probes.size());
    Recorder r = new Recorder();
    int n = 1000;
    try (ProbeProvider.Enabling e = p.enable(probes, r)) {
      for (int i = 0; i < n; i++) {
        LIBC.getppid();
      }
      awaitCount(r.mine, n);
    }
    assertTrue(r.mine.get() >= n, "fired " + r.mine.get() + " of " + n);
    assertEquals(0, r.badBuiltins.get());
    assertEquals(0, r.dropped.get());
    assertEquals(LIBC.getppid(), r.ppid, "ppid from task->real_parent->tgid");
    assertTrue(r.curthread != 0);
    assertFalse(r.execname.isEmpty());
    assertEquals(TestSupport.comm(), r.execname);
  }

  @Test
  void testCloseReturn_reportsErrno() throws Exception {
    TestSupport.assumeRoot();
    SyscallProvider p = new SyscallProvider();
    List<ProbeInfo> probes = p.probes(new ProbeDescription("", "syscall", "", "close", "return"));
    assertEquals(1, probes.size());
    Recorder r = new Recorder();
    try (ProbeProvider.Enabling e = p.enable(probes, r)) {
      try {
        LIBC.close(987654);
      } catch (com.sun.jna.LastErrorException expected) {
        assertEquals(9, expected.getErrorCode());
      }
      awaitCount(r.mine, 1);
    }
    assertTrue(r.mine.get() >= 1);
    assertEquals(9, r.errno, "EBADF");
    assertEquals(-1, r.arg0);
  }

  @Test
  void testProbes_listEverySyscallOfTheKernel() {
    TestSupport.assumeRoot();
    List<ProbeInfo> all = new SyscallProvider().probes(new ProbeDescription("", "syscall", "",
        "", ""));
    assertTrue(all.size() > 500, "probes: " + all.size());
    List<ProbeInfo> open = new SyscallProvider().probes(new ProbeDescription("", "", "",
        "openat", "entry"));
    assertEquals(1, open.size());
    assertEquals("const char *", open.get(0).argTypes().get(1));
  }
}

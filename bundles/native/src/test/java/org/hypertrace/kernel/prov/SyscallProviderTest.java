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
    volatile long lag = -1;

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
      lag = System.nanoTime() - c.timestamp();
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
    assertTrue(r.lag >= 0 && r.lag < 1_000_000_000L, "firing to delivery " + r.lag + " ns");
    assertFalse(r.execname.isEmpty());
    assertEquals(TestSupport.comm(), r.execname);
  }

  @Test
  void testCloseReturn_reportsErrno() throws Exception {
    TestSupport.assumeRoot();
    SyscallProvider p = new SyscallProvider();
    List<ProbeInfo> probes = p.probes(new ProbeDescription("", "syscall", "", "close", "return"));
    assertEquals(1, probes.size());
    int tid = LIBC.gettid();
    java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    ProbeListener l = new ProbeListener() {
      @Override
      public void fire(int probeId, ProbeContext c) {
        if (c.tid() == tid) {
          seen.add(c.arg(0) + "/" + c.arg(1) + "/" + c.errno());
        }
      }

      @Override
      public void dropped(int cpu, long count) {}
    };
    try (ProbeProvider.Enabling e = p.enable(probes, l)) {
      try {
        LIBC.close(987654);
      } catch (com.sun.jna.LastErrorException expected) {
        assertEquals(9, expected.getErrorCode());
      }
      for (int i = 0; i < 100 && !seen.contains("-1/-1/9"); i++) {
        Thread.sleep(10);
      }
    }
    assertTrue(seen.contains("-1/-1/9"), "arg0/arg1/errno seen: " + seen);
  }

  @Test
  void testAllEntriesAndReturns_multiplexedWithArgsAndErrno() throws Exception {
    TestSupport.assumeRoot();
    SyscallProvider p = new SyscallProvider();
    List<ProbeInfo> probes = p.probes(new ProbeDescription("", "syscall", "", "", ""));
    java.util.Map<Integer, String> names = new java.util.HashMap<>();
    probes.forEach(i -> names.put(i.id(), i.function() + ":" + i.name()));
    int tid = LIBC.gettid();
    java.util.Map<String, AtomicInteger> counts = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.Set<String> closes = java.util.concurrent.ConcurrentHashMap.newKeySet();
    ProbeListener l = new ProbeListener() {
      @Override
      public void fire(int probeId, ProbeContext c) {
        if (c.tid() != tid) {
          return;
        }
        String n = names.get(probeId);
        counts.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
        if (n.startsWith("close:")) {
          closes.add(n + "/" + c.arg(0) + "/" + c.errno());
        }
      }

      @Override
      public void dropped(int cpu, long count) {}
    };
    long t0 = System.nanoTime();
    try (ProbeProvider.Enabling e = p.enable(probes, l)) {
      for (int i = 0; i < 1000; i++) {
        LIBC.getppid();
      }
      try {
        LIBC.close(987654);
      } catch (com.sun.jna.LastErrorException expected) {
        assertEquals(9, expected.getErrorCode());
      }
      for (int i = 0; i < 100 && !closes.contains("close:return/-1/9"); i++) {
        Thread.sleep(10);
      }
    }
    long took = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(1000, counts.get("getppid:entry").get(), counts.toString());
    assertEquals(1000, counts.get("getppid:return").get(), counts.toString());
    assertTrue(closes.contains("close:entry/987654/0"), closes.toString());
    assertTrue(closes.contains("close:return/-1/9"), closes.toString());
    assertTrue(took < 10_000, "arm, fire and disarm of " + probes.size() + " probes took "
        + took + " ms");
  }

  /** open(2) taking a path in memory the test keeps alive. */
  interface OpenLibrary extends com.sun.jna.Library {
    OpenLibrary INSTANCE = com.sun.jna.Native.load("c", OpenLibrary.class);

    int open(com.sun.jna.Pointer path, int flags);
  }

  @Test
  void testOpenatEntry_readsPathArgumentFromUserMemory() throws Exception {
    TestSupport.assumeRoot();
    SyscallProvider p = new SyscallProvider();
    List<ProbeInfo> probes = p.probes(new ProbeDescription("", "syscall", "", "openat", "entry"));
    String path = "/proc/self/no-such-file-" + System.nanoTime();
    com.sun.jna.Memory m = new com.sun.jna.Memory(path.length() + 1L);
    m.setString(0, path, "US-ASCII");
    java.util.concurrent.atomic.AtomicReference<String> seen =
        new java.util.concurrent.atomic.AtomicReference<>();
    int me = LIBC.getpid();
    ProbeListener l = new ProbeListener() {
      @Override
      public void fire(int probeId, ProbeContext c) {
        byte[] b = new byte[path.length()];
        if (c.pid() == me && c.read(c.arg(1), b, 0, b.length) == b.length) {
          String s = new String(b, java.nio.charset.StandardCharsets.US_ASCII);
          if (s.equals(path)) {
            seen.set(s);
          }
        }
      }

      @Override
      public void dropped(int cpu, long count) {}
    };
    try (ProbeProvider.Enabling e = p.enable(probes, l)) {
      assertEquals(-1, OpenLibrary.INSTANCE.open(m, 0));
      for (int i = 0; i < 100 && seen.get() == null; i++) {
        Thread.sleep(10);
      }
    }
    assertEquals(path, seen.get());
  }

  @Test
  void testOpenatEntry_pathCapturedAtTheFiringNotAtDelivery() throws Exception {
    TestSupport.assumeRoot();
    SyscallProvider p = new SyscallProvider();
    List<ProbeInfo> probes = p.probes(new ProbeDescription("", "syscall", "", "openat", "entry"));
    String path = "/proc/self/captured-" + System.nanoTime();
    com.sun.jna.Memory m = new com.sun.jna.Memory(path.length() + 1L);
    m.setString(0, path, "US-ASCII");
    java.util.concurrent.atomic.AtomicReference<String> seen =
        new java.util.concurrent.atomic.AtomicReference<>();
    int tid = LIBC.gettid();
    java.util.concurrent.CountDownLatch overwritten = new java.util.concurrent.CountDownLatch(1);
    ProbeListener l = new ProbeListener() {
      @Override
      public void fire(int probeId, ProbeContext c) {
        if (c.tid() != tid) {
          return;
        }
        try {
          overwritten.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        byte[] b = new byte[256];
        int n = c.read(c.arg(1), b, 0, b.length);
        int end = 0;
        while (end < Math.max(n, 0) && b[end] != 0) {
          end++;
        }
        seen.set(new String(b, 0, end, java.nio.charset.StandardCharsets.US_ASCII));
      }

      @Override
      public void dropped(int cpu, long count) {}
    };
    try (ProbeProvider.Enabling e = p.enable(probes, l)) {
      assertEquals(-1, OpenLibrary.INSTANCE.open(m, 0));
      m.setString(0, "/overwritten/after/the/call" + path.substring(27), "US-ASCII");
      overwritten.countDown();
      for (int i = 0; i < 100 && seen.get() == null; i++) {
        Thread.sleep(10);
      }
    }
    assertEquals(path, seen.get());
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

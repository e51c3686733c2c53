package org.hypertrace.kernel.prov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.MemoryCapture;
import org.hypertrace.api.provider.ProbeContext;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.api.types.LoadStep;
import org.junit.jupiter.api.Test;

/**
 * Kernel memory copied at the firing (ProbeListener.captures) and read back through
 * ProbeContext.read at the chained addresses, as the engine does for curthread-&gt;... loads.
 */
class MemoryCaptureTest {
  static final TaskLayout T = TaskLayout.host();

  static MemoryCapture chain(boolean string, long... offsetSize) {
    List<LoadStep> steps = new ArrayList<>();
    for (int i = 0; i < offsetSize.length; i += 2) {
      steps.add(new LoadStep(offsetSize[i], offsetSize[i + 1]));
    }
    return new MemoryCapture(MemoryCapture.ROOT_CURTHREAD, steps, string);
  }

  /** Walks chains as the engine does, with ctx.read, for the firings of one thread. */
  static class Walker implements ProbeListener {
    final int tid = SyscallProviderTest.LIBC.gettid();
    final List<MemoryCapture> captures;
    final Map<String, Long> seen = new ConcurrentHashMap<>();
    volatile String comm;
    volatile int ppid;
    volatile long firings;
    volatile long uid = -2;
    volatile long gid = -2;

    Walker(List<MemoryCapture> captures) {
      this.captures = captures;
    }

    @Override
    public List<MemoryCapture> captures(int probeId) {
      return captures;
    }

    /** @return the value a load of size bytes at address gives, or null when read fails */
    static Long load(ProbeContext c, long address, int size) {
      byte[] b = new byte[8];
      int n = c.read(address, b, 0, size);
      if (n != size) {
        return null;
      }
      return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Override
    public void fire(int probeId, ProbeContext c) {
      if (c.tid() != tid) {
        return;
      }
      firings++;
      ppid = c.ppid();
      Long cred = load(c, c.curthread() + T.realCred(), 8);
      seen.put("cred", cred == null ? -1 : cred);
      if (cred != null) {
        Long uid = load(c, cred + T.credUid(), 4);
        Long gid = load(c, cred + T.credGid(), 4);
        seen.put("uid", uid == null ? -1 : uid);
        seen.put("gid", gid == null ? -1 : gid);
      }
      Long parent = load(c, c.curthread() + T.realParent(), 8);
      if (parent != null) {
        Long tgid = load(c, parent + T.tgid(), 4);
        seen.put("tgid", tgid == null ? -1 : tgid);
      }
      byte[] s = new byte[256];
      int n = c.read(c.curthread() + T.comm(), s, 0, s.length);
      int end = 0;
      while (end < n && s[end] != 0) {
        end++;
      }
      comm = n < 0 ? null : new String(s, 0, end, java.nio.charset.StandardCharsets.UTF_8);
      // the bad chain: comm's first bytes taken for a pointer, then 8 bytes there, then 16
      Long junk = load(c, c.curthread() + T.comm(), 8);
      if (junk != null) {
        seen.put("junk", (long) c.read(junk, new byte[8], 0, 8));
        seen.put("afterJunk", (long) c.read(16, new byte[4], 0, 4));
      }
      seen.put("uncaptured", (long) c.read(c.curthread() + T.pid(), new byte[4], 0, 4));
    }

    @Override
    public void dropped(int cpu, long count) {}
  }

  static List<MemoryCapture> hostChains() {
    return List.of(
        chain(false, T.realCred(), 8, T.credUid(), 4),
        chain(false, T.realCred(), 8, T.credGid(), 4),
        chain(true, T.comm(), 16),
        chain(false, T.realParent(), 8, T.tgid(), 4),
        chain(false, T.comm(), 8, 0, 8, 16, 4));
  }

  /** The raw system call: setresuid/setresgid change only the calling thread's credentials. */
  interface Raw extends com.sun.jna.Library {
    Raw INSTANCE = com.sun.jna.Native.load("c", Raw.class);

    long syscall(long number, long a, long b, long c);
  }

  private static final long SETRESUID = 117;
  private static final long SETRESGID = 119;

  /**
   * Fires getppid on this thread until the walker saw a firing, with this thread's real uid and
   * gid set to 4242/4343 (so that a zero read cannot pass for root's), restored afterwards.
   */
  static void fire(Walker w) throws Exception {
    boolean x86 = "amd64".equals(System.getProperty("os.arch"));
    if (x86) {
      assertEquals(0, Raw.INSTANCE.syscall(SETRESGID, 4343, -1, -1));
      assertEquals(0, Raw.INSTANCE.syscall(SETRESUID, 4242, -1, -1));
    }
    try {
      for (int i = 0; i < 100 && w.firings == 0; i++) {
        SyscallProviderTest.LIBC.getppid();
        Thread.sleep(10);
      }
    } finally {
      w.uid = procStatus("Uid");
      w.gid = procStatus("Gid");
      if (x86) {
        Raw.INSTANCE.syscall(SETRESUID, 0, -1, -1);
        Raw.INSTANCE.syscall(SETRESGID, 0, -1, -1);
      }
    }
  }

  static Walker run(List<ProbeInfo> probes, ProbeProvider p, List<MemoryCapture> captures)
      throws Exception {
    Walker w = new Walker(captures);
    try (ProbeProvider.Enabling e = p.enable(probes, w)) {
      fire(w);
    }
    return w;
  }

  static long procStatus(String field) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.split("\\s+")[1]);
      }
    }
    throw new IllegalStateException(field);
  }

  private static void assertWalk(Walker w) throws Exception {
    assertTrue(w.firings > 0, "no firing of this thread");
    assertTrue(w.seen.get("cred") != 0 && w.seen.get("cred") != -1, "cred " + w.seen);
    assertEquals(w.uid, w.seen.get("uid"), w.seen.toString());
    assertEquals(w.gid, w.seen.get("gid"), w.seen.toString());
    assertEquals(TestSupport.comm(), w.comm);
    assertEquals(w.ppid, w.seen.get("tgid"), w.seen.toString());
    assertEquals(SyscallProviderTest.LIBC.getppid(), w.ppid);
    assertEquals(-1L, w.seen.get("junk"), "a load through comm's bytes fails: " + w.seen);
    assertEquals(-1L, w.seen.get("afterJunk"), "so does the step after it: " + w.seen);
    assertEquals(-1L, w.seen.get("uncaptured"), "kernel memory not captured: " + w.seen);
  }

  @Test
  void testGetppidEntry_chainsReadAtTheFiring() throws Exception {
    TestSupport.assumeRoot();
    assertNotNull(T);
    SyscallProvider p = new SyscallProvider();
    List<ProbeInfo> probes = p.probes(new ProbeDescription("", "syscall", "", "getppid",
        "entry"));
    assertWalk(run(probes, p, hostChains()));
  }

  @Test
  void testMultiplexedSyscalls_unionCapturedForEveryProbe() throws Exception {
    TestSupport.assumeRoot();
    SyscallProvider p = new SyscallProvider();
    List<ProbeInfo> probes = new ArrayList<>();
    for (String fn : new String[] {"getppid", "getpid", "getuid", "getgid", "geteuid",
        "getegid", "gettid", "getpgrp", "sched_yield"}) {
      probes.addAll(p.probes(new ProbeDescription("", "syscall", "", fn, "entry")));
    }
    assertTrue(probes.size() >= SyscallMux.THRESHOLD);
    int getppid = probes.get(0).id();
    List<MemoryCapture> all = hostChains();
    Walker w = new Walker(all) {
      @Override
      public List<MemoryCapture> captures(int probeId) {
        // half the chains for getppid, the other half for the others: the program has both
        return probeId == getppid ? all.subList(0, 3) : all.subList(3, all.size());
      }
    };
    try (ProbeProvider.Enabling e = p.enable(probes, w)) {
      fire(w);
    }
    assertWalk(w);
  }

  @Test
  void testUprobeMulti_cookieProgramCapturesTheUnion() throws Exception {
    TestSupport.assumeRoot();
    PidProvider pp = new PidProvider();
    int me = SyscallProviderTest.LIBC.getpid();
    List<ProbeInfo> probes = new ArrayList<>();
    for (String fn : new String[] {"getppid", "gettid"}) {
      probes.addAll(pp.probes(new ProbeDescription("", "pid" + me, "libc.so.6", fn, "entry")));
    }
    assertEquals(2, probes.size());
    int getppid = probes.get(0).id();
    List<MemoryCapture> all = hostChains();
    Walker w = new Walker(all) {
      @Override
      public List<MemoryCapture> captures(int probeId) {
        return probeId == getppid ? all : List.of();
      }
    };
    try (ProbeProvider.Enabling e = pp.enable(probes, w)) {
      fire(w);
    }
    assertWalk(w);
  }

  /** lseek(2) taking a long: its offset argument carries a kernel address into the probe. */
  interface Lseek extends com.sun.jna.Library {
    Lseek INSTANCE = com.sun.jna.Native.load("c", Lseek.class);

    long lseek(int fd, long offset, int whence);
  }

  @Test
  void testArgRoot_chainStartsAtTheArgument() throws Exception {
    TestSupport.assumeRoot();
    SyscallProvider p = new SyscallProvider();
    int tid = SyscallProviderTest.LIBC.gettid();
    // learn this thread's task address from one firing
    long[] task = new long[1];
    ProbeListener learn = new ProbeListener() {
      @Override
      public void fire(int probeId, ProbeContext c) {
        if (c.tid() == tid) {
          task[0] = c.curthread();
        }
      }

      @Override
      public void dropped(int cpu, long count) {}
    };
    try (ProbeProvider.Enabling e = p.enable(p.probes(new ProbeDescription("", "syscall", "",
        "getppid", "entry")), learn)) {
      for (int i = 0; i < 100 && task[0] == 0; i++) {
        SyscallProviderTest.LIBC.getppid();
        Thread.sleep(10);
      }
    }
    assertTrue(task[0] != 0);
    List<ProbeInfo> lseek = p.probes(new ProbeDescription("", "syscall", "", "lseek", "entry"));
    MemoryCapture comm = new MemoryCapture(1, List.of(new LoadStep(T.comm(), 16)), true);
    String[] seen = new String[1];
    ProbeListener l = new ProbeListener() {
      @Override
      public List<MemoryCapture> captures(int probeId) {
        return List.of(comm);
      }

      @Override
      public void fire(int probeId, ProbeContext c) {
        if (c.tid() == tid && c.arg(1) == task[0]) {
          byte[] b = new byte[16];
          int n = c.read(c.arg(1) + T.comm(), b, 0, 16);
          seen[0] = n <= 0 ? "read " + n : new String(b, 0, n - 1,
              java.nio.charset.StandardCharsets.UTF_8);
        }
      }

      @Override
      public void dropped(int cpu, long count) {}
    };
    try (ProbeProvider.Enabling e = p.enable(lseek, l)) {
      for (int i = 0; i < 100 && seen[0] == null; i++) {
        assertEquals(-1, Lseek.INSTANCE.lseek(-1, task[0], 0));
        Thread.sleep(10);
      }
    }
    assertEquals(TestSupport.comm(), seen[0]);
  }

  @Test
  void testTooManyLoads_armingFailsNamingProbeAndLimit() {
    TestSupport.assumeRoot();
    SyscallProvider p = new SyscallProvider();
    List<ProbeInfo> probes = p.probes(new ProbeDescription("", "syscall", "", "getppid",
        "entry"));
    List<MemoryCapture> many = new ArrayList<>();
    for (int i = 0; i <= CaptureTail.MAX_STEPS; i++) {
      many.add(chain(false, 8 * i, 8));
    }
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> run(probes, p, many));
    assertEquals("syscall provider: cannot enable syscall::getppid:entry: 17 kernel memory "
        + "loads exceed the limit of 16 per probe", e.getMessage());
    IllegalStateException s = assertThrows(IllegalStateException.class,
        () -> run(probes, p, List.of(chain(true, T.comm(), 300))));
    assertTrue(s.getMessage().endsWith("a kernel memory load of 300 bytes exceeds the limit of "
        + "256 bytes per probe"), s.getMessage());
  }

  @Test
  void testTail_sharesPrefixesAndSizesTheRecord() {
    CaptureTail t = CaptureTail.of(new int[] {1}, List.of(
        chain(false, 100, 8, 4, 4), chain(false, 100, 8, 8, 4), chain(true, 200, 16)));
    // arg1's user string, the pointer at +100 once, its two ints, the string
    assertEquals(4, t.kernelSteps());
    assertEquals(EventRecord.SIZE + 8 + (16 + 256) + (16 + 8) + 2 * (16 + 8) + (16 + 16),
        t.recordSize());
    assertEquals(EventRecord.SIZE, CaptureTail.of(new int[0], List.of()).recordSize());
  }
}

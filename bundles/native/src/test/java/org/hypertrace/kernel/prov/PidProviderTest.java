package org.hypertrace.kernel.prov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.ProbeContext;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.api.provider.ProbeProvider;
import org.junit.jupiter.api.Test;

/** uprobes on this JVM's own libc. */
class PidProviderTest {
  static final int ME = SyscallProviderTest.LIBC.getpid();

  @Test
  void testModules_includeLibcAndAout() {
    assertTrue(PidProvider.modules(ME).containsKey("a.out"));
    assertTrue(PidProvider.modules(ME).containsKey("libc.so.6"), PidProvider.modules(ME)
        .keySet().toString());
  }

  @Test
  void testProbes_globOverLibcFunctions() {
    List<ProbeInfo> p = new PidProvider().probes(new ProbeDescription("", "pid" + ME,
        "libc.so.6", "getpp*", "entry"));
    assertEquals(1, p.size(), p.toString());
    assertEquals("getppid", p.get(0).function());
    assertEquals("pid" + ME, p.get(0).provider());
    assertTrue(new PidProvider().probes(new ProbeDescription("", "pid*", "", "", "")).isEmpty());
  }

  @Test
  void testManyFunctions_oneLinkEachProbeItsOwnId() throws Exception {
    TestSupport.assumeRoot();
    PidProvider pp = new PidProvider();
    List<ProbeInfo> probes = new java.util.ArrayList<>(pp.probes(new ProbeDescription("",
        "pid" + ME, "libc.so.6", "getppid", "entry")));
    probes.addAll(pp.probes(new ProbeDescription("", "pid" + ME, "libc.so.6", "gettid",
        "entry")));
    probes.addAll(pp.probes(new ProbeDescription("", "pid" + ME, "libc.so.6", "str*",
        "entry")));
    assertTrue(probes.size() > 20, "probes " + probes.size());
    java.util.Map<Integer, String> fn = new java.util.HashMap<>();
    probes.forEach(i -> fn.put(i.id(), i.function()));
    java.util.Map<String, AtomicInteger> hits = new java.util.concurrent.ConcurrentHashMap<>();
    ProbeListener l = new ProbeListener() {
      @Override
      public void fire(int probeId, ProbeContext c) {
        if (c.pid() == ME && fn.containsKey(probeId)) {
          hits.computeIfAbsent(fn.get(probeId), k -> new AtomicInteger()).incrementAndGet();
        }
      }

      @Override
      public void dropped(int cpu, long count) {}
    };
    long t0 = System.nanoTime();
    try (ProbeProvider.Enabling e = pp.enable(probes, l)) {
      for (int i = 0; i < 7; i++) {
        SyscallProviderTest.LIBC.getppid();
      }
      for (int i = 0; i < 5; i++) {
        SyscallProviderTest.LIBC.gettid();
      }
      for (int i = 0; i < 100 && (hits.get("gettid") == null || hits.get("gettid").get() < 5);
          i++) {
        Thread.sleep(10);
      }
    }
    long took = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(hits.get("getppid").get() >= 7, hits.toString());
    assertTrue(hits.get("gettid").get() >= 5, hits.toString());
    assertTrue(took < 5000, "arm, fire and disarm took " + took + " ms");
  }

  @Test
  void testEntryAndReturn_fireInThisProcess() throws Exception {
    TestSupport.assumeRoot();
    PidProvider pp = new PidProvider();
    List<ProbeInfo> probes = pp.probes(new ProbeDescription("", "pid" + ME, "libc.so.6",
        "getppid", ""));
    assertEquals(2, probes.size());
    int entryId = probes.stream().filter(i -> i.name().equals("entry")).findFirst().get().id();
    AtomicInteger entries = new AtomicInteger();
    AtomicInteger returns = new AtomicInteger();
    AtomicLong retval = new AtomicLong();
    ProbeListener l = new ProbeListener() {
      @Override
      public void fire(int probeId, ProbeContext c) {
        if (c.pid() != ME) {
          return;
        }
        if (probeId == entryId) {
          entries.incrementAndGet();
        } else {
          returns.incrementAndGet();
          retval.set(c.arg(1));
        }
      }

      @Override
      public void dropped(int cpu, long count) {}
    };
    int n = 100;
    try (ProbeProvider.Enabling e = pp.enable(probes, l)) {
      for (int i = 0; i < n; i++) {
        SyscallProviderTest.LIBC.getppid();
      }
      for (int i = 0; i < 100 && returns.get() < n; i++) {
        Thread.sleep(10);
      }
    }
    assertTrue(entries.get() >= n, "entries " + entries);
    assertTrue(returns.get() >= n, "returns " + returns);
    assertEquals(SyscallProviderTest.LIBC.getppid(), retval.get());
  }
}

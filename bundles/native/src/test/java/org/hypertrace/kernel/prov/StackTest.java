package org.hypertrace.kernel.prov;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.ProbeContext;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.kernel.sym.KernelSymbols;
import org.junit.jupiter.api.Test;

/** stack() and ustack() through a BPF stack trace map, symbolised. */
class StackTest {
  @Test
  void testKernelSymbols_resolveKallsyms() {
    TestSupport.assumeRoot();
    KernelSymbols k = KernelSymbols.host();
    assertTrue(k.size() > 10_000, "symbols " + k.size());
  }

  @Test
  void testMultiplexedSyscalls_stacksForTheProbesThatAsk() throws Exception {
    TestSupport.assumeRoot();
    SyscallProvider p = new SyscallProvider();
    List<ProbeInfo> probes = p.probes(new ProbeDescription("", "syscall", "", "", "entry"));
    int getppid = probes.stream().filter(i -> i.function().equals("getppid")).findFirst().get()
        .id();
    int me = SyscallProviderTest.LIBC.getpid();
    AtomicReference<String> top = new AtomicReference<>();
    ProbeListener l = new ProbeListener() {
      final long[] pcs = new long[127];

      @Override
      public void fire(int probeId, ProbeContext c) {
        if (probeId == getppid && c.pid() == me && c.userStack(pcs) > 0) {
          top.set(c.symbol(pcs[0], true));
        }
      }

      @Override
      public void dropped(int cpu, long count) {}

      @Override
      public int stacks(int probeId) {
        return probeId == getppid ? STACK_USER : 0;
      }
    };
    try (ProbeProvider.Enabling e = p.enable(probes, l)) {
      SyscallProviderTest.LIBC.getppid();
      for (int i = 0; i < 100 && top.get() == null; i++) {
        Thread.sleep(10);
      }
    }
    assertTrue(top.get() != null && top.get().startsWith("libc.so.6`getppid"), top.get());
  }

  @Test
  void testSyscallEntry_kernelAndUserStacksSymbolised() throws Exception {
    TestSupport.assumeRoot();
    int me = SyscallProviderTest.LIBC.getpid();
    AtomicReference<List<String>> kernel = new AtomicReference<>();
    AtomicReference<List<String>> user = new AtomicReference<>();
    ProbeListener l = new ProbeListener() {
      final long[] pcs = new long[127];

      @Override
      public void fire(int probeId, ProbeContext c) {
        if (c.pid() != me || user.get() != null) {
          return;
        }
        List<String> k = new ArrayList<>();
        for (int i = 0, n = c.kernelStack(pcs); i < n; i++) {
          k.add(c.symbol(pcs[i], false));
        }
        List<String> u = new ArrayList<>();
        for (int i = 0, n = c.userStack(pcs); i < n; i++) {
          u.add(c.symbol(pcs[i], true));
        }
        kernel.set(k);
        user.set(u);
      }

      @Override
      public void dropped(int cpu, long count) {}

      @Override
      public int stacks(int probeId) {
        return STACK_KERNEL | STACK_USER;
      }
    };
    SyscallProvider p = new SyscallProvider();
    List<ProbeInfo> probes = p.probes(new ProbeDescription("", "syscall", "", "getppid",
        "entry"));
    try (ProbeProvider.Enabling e = p.enable(probes, l)) {
      for (int i = 0; i < 10; i++) {
        SyscallProviderTest.LIBC.getppid();
      }
      for (int i = 0; i < 100 && user.get() == null; i++) {
        Thread.sleep(10);
      }
    }
    assertNotNull(user.get(), "no firing");
    assertTrue(kernel.get().stream().anyMatch(s -> s != null && s.startsWith("vmlinux`")
        && s.contains("syscall")), kernel.get().toString());
    assertTrue(user.get().size() >= 1);
    assertTrue(user.get().get(0).startsWith("libc.so.6`getppid"), user.get().toString());
  }
}

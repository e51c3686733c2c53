package org.hypertrace.kernel.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.ProbeContext;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.kernel.prov.SyscallProvider;
import org.hypertrace.kernel.prov.TestSupport;
import org.hypertrace.kernel.sys.UnistdLibrary;
import org.junit.jupiter.api.Test;

/** The ring buffer consumer under a real producer, including overflow. */
class BpfRingBufferTest {
  @Test
  void testCreate_rejectsSizeNotPowerOfTwo() {
    assertThrows(IllegalArgumentException.class, () -> new BpfRingBuffer(10000, "x"));
  }

  @Test
  void testEmptyRing_drainsNothing() {
    TestSupport.assumeRoot();
    try (BpfRingBuffer r = new BpfRingBuffer(4096, "ht_test")) {
      assertEquals(0, r.drain((d, o, l) -> { }));
      assertEquals(0, r.pending());
      assertEquals(false, r.await(1));
    }
  }

  @Test
  void testOverflow_everyFiringDeliveredOrCountedAsDrop() throws Exception {
    TestSupport.assumeRoot();
    SyscallProvider p = new SyscallProvider();
    p.setRingSize(4096);
    List<ProbeInfo> probes = p.probes(new ProbeDescription("", "syscall", "", "getppid",
        "entry"));
    AtomicLong fired = new AtomicLong();
    AtomicLong dropped = new AtomicLong();
    ProbeListener l = new ProbeListener() {
      @Override
      public void fire(int probeId, ProbeContext c) {
        fired.incrementAndGet();
      }

      @Override
      public void dropped(int cpu, long count) {
        dropped.addAndGet(count);
      }
    };
    int n = 20000;
    try (ProbeProvider.Enabling e = p.enable(probes, l)) {
      for (int i = 0; i < n; i++) {
        UnistdLibrary.INSTANCE.getppid();
      }
      Thread.sleep(30);
    }
    assertTrue(dropped.get() > 0, "a 4 KiB ring must overflow");
    assertTrue(fired.get() + dropped.get() >= n, fired + " + " + dropped + " < " + n);
  }
}

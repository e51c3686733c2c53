package org.hypertrace.kernel.prov;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.ProbeContext;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.api.provider.ProbeProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Delivery to the listener allocates nothing per event (bytes measured on the consumer thread),
 * reads of the kernel memory captured at the firing included.
 */
class DeliveryAllocationTest {
  @Test
  void testDelivery_allocatesLessThanOneBytePerEvent() throws Exception {
    TestSupport.assumeRoot();
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean);
    com.sun.management.ThreadMXBean tmx = (com.sun.management.ThreadMXBean) mx;
    int from = 20_000;
    int to = 220_000;
    AtomicLong allocated = new AtomicLong(-1);
    TaskLayout t = TaskLayout.host();
    ProbeListener l = new ProbeListener() {
      final byte[] buf = new byte[16];
      long n;
      long start;
      long sum;

      @Override
      public java.util.List<org.hypertrace.api.provider.MemoryCapture> captures(int probeId) {
        return t == null ? List.of() : List.of(MemoryCaptureTest.chain(true, t.comm(), 16),
            MemoryCaptureTest.chain(false, t.realCred(), 8, t.credUid(), 4));
      }

      @Override
      public void fire(int probeId, ProbeContext c) {
        sum += c.pid() + c.tid() + c.ppid() + c.uid() + c.cpu() + c.arg(0) + c.curthread()
            + c.execname().length();
        if (t != null) {
          // the engine's loads of curthread->comm and ->real_cred, answered from the record
          sum += c.read(c.curthread() + t.comm(), buf, 0, 16) + buf[0];
          sum += c.read(c.curthread() + t.realCred(), buf, 0, 8) + buf[7];
        }
        n++;
        if (n == from) {
          start = tmx.getCurrentThreadAllocatedBytes();
        } else if (n == to) {
          allocated.set(tmx.getCurrentThreadAllocatedBytes() - start + (sum == 42 ? 1 : 0));
        }
      }

      @Override
      public void dropped(int cpu, long count) {}
    };
    SyscallProvider p = new SyscallProvider();
    List<ProbeInfo> probes = p.probes(new ProbeDescription("", "syscall", "", "getppid",
        "entry"));
    try (ProbeProvider.Enabling e = p.enable(probes, l)) {
      // under load the ring may overflow (drops are fine here): keep firing until enough arrived
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (allocated.get() < 0 && System.nanoTime() < deadline) {
        for (int i = 0; i < 10_000; i++) {
          SyscallProviderTest.LIBC.getppid();
        }
        Thread.sleep(1);
      }
    }
    assertTrue(allocated.get() >= 0, "not enough events delivered");
    assertTrue(allocated.get() < to - from, "allocated " + allocated.get() + " bytes for "
        + (to - from) + " events");
  }
}

package org.hypertrace.kernel.prov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hypertrace.api.provider.ProbeContext;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.kernel.sys.Bpf;
import org.hypertrace.kernel.tracefs.Tracefs;
import org.junit.jupiter.api.Test;

/** Both ways of collecting built-ins give the same values (helpers, BTF-typed task loads). */
class CaptureProgramTest {
  static final class Last implements ProbeListener {
    final int me = SyscallProviderTest.LIBC.getpid();
    volatile String seen;

    @Override
    public void fire(int probeId, ProbeContext c) {
      if (c.pid() == me) {
        seen = c.pid() + "/" + c.tid() + "/" + c.ppid() + "/" + c.uid() + "/" + c.gid() + "/"
            + c.execname() + "/" + (c.curthread() != 0) + "/" + probeId;
      }
    }

    @Override
    public void dropped(int cpu, long count) {}
  }

  private static String run(TaskLayout task, boolean helpersOnly) throws Exception {
    int id = Tracefs.host().format("syscalls", "sys_enter_getppid").id();
    Last l = new Last();
    try (ProbeSession s = new ProbeSession(l, 1 << 16)) {
      byte[] code = helpersOnly
          ? CaptureProgram.write(77, s.ringFd(), s.dropFd(), task, a -> { })
          : CaptureProgram.write(s, 77, task, a -> { });
      s.attachTracepoint(id, s.load(Bpf.BPF_PROG_TYPE_TRACEPOINT, code, "ht_test"));
      SyscallProviderTest.LIBC.getppid();
      for (int i = 0; i < 100 && l.seen == null; i++) {
        Thread.sleep(5);
      }
    }
    return l.seen;
  }

  @Test
  void testBuiltins_helpersAndTaskLoadsAgree() throws Exception {
    TestSupport.assumeRoot();
    TaskLayout host = TaskLayout.host();
    String direct = run(host, false);
    // a copy of the host layout is not the host's own instance: the helper path is taken
    String helpers = run(new TaskLayout(host.pid(), host.tgid(), host.realParent(), host.comm(),
        host.realCred(), host.credUid(), host.credGid(), host.exitCode()), true);
    assertTrue(direct != null && direct.endsWith("/true/77"), direct);
    String expected = SyscallProviderTest.LIBC.getpid() + "/" + SyscallProviderTest.LIBC.gettid()
        + "/" + SyscallProviderTest.LIBC.getppid() + "/0/0/" + TestSupport.comm() + "/true/77";
    assertEquals(expected, direct);
    assertEquals(expected.replace("/" + SyscallProviderTest.LIBC.getppid() + "/", "/0/"),
        run(null, true));
    assertEquals(expected, helpers);
  }
}

package org.hypertrace.kernel.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hypertrace.kernel.prov.TestSupport;
import org.hypertrace.kernel.sys.Bpf;
import org.hypertrace.kernel.sys.SyscallException;
import org.hypertrace.kernel.sys.VerifierException;
import org.junit.jupiter.api.Test;

/** Loading assembled programs into the running kernel. */
class VerifierTest {
  @Test
  void testLoad_acceptedProgramGetsFd() {
    TestSupport.assumeRoot();
    int fd = Bpf.progLoad(Bpf.BPF_PROG_TYPE_TRACEPOINT,
        BpfTextParser.assemble("r0 = 0\nexit\n"), "GPL", "ht_ok", 0);
    assertTrue(fd > 0);
    Bpf.close(fd);
  }

  @Test
  void testLoad_rejectionCarriesVerifierLog() {
    TestSupport.assumeRoot();
    byte[] code = BpfTextParser.assemble("r0 = *(u64 *)(r2 + 0) ; r2 never written\nexit\n");
    VerifierException e = assertThrows(VerifierException.class,
        () -> Bpf.progLoad(Bpf.BPF_PROG_TYPE_TRACEPOINT, code, "GPL", "ht_bad", 0));
    assertEquals(SyscallException.EACCES, e.errno());
    assertTrue(e.getMessage().startsWith("bpf(BPF_PROG_LOAD) of ht_bad: Permission denied"),
        e.getMessage());
    assertTrue(e.getMessage().contains("R2 !read_ok"), e.getMessage());
    assertTrue(e.log().contains("0: (79) r0 = *(u64 *)(r2 +0)"), e.log());
  }

  @Test
  void testMapCreate_errnoBecomesTypedException() {
    TestSupport.assumeRoot();
    SyscallException e = assertThrows(SyscallException.class,
        () -> Bpf.mapCreate(Bpf.BPF_MAP_TYPE_RINGBUF, 0, 0, 12345, 0, "bad"));
    assertEquals(SyscallException.EINVAL, e.errno());
    assertEquals("bpf(BPF_MAP_CREATE): Invalid argument (EINVAL, errno 22)", e.getMessage());
  }
}

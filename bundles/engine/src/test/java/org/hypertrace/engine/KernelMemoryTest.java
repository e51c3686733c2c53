package org.hypertrace.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.hypertrace.api.compile.CompileRequest;
import org.hypertrace.api.compile.DCompiler;
import org.hypertrace.api.engine.TraceSession;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.MemoryCapture;
import org.hypertrace.api.provider.ProbeContext;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.api.types.LoadStep;
import org.hypertrace.engine.vm.MemoryCaptures;
import org.junit.jupiter.api.Test;

/**
 * Kernel memory read by clauses: the engine tells the provider which chains to capture, and its
 * loads outside the heap read what the provider captured at the firing.
 */
class KernelMemoryTest {
  private static final long TASK = 0xffff888000100000L;
  private static final long CRED = 0xffff888000200000L;
  /** uid through a pointer member, then a char array used as a string. */
  private static final String CLAUSES = "kern:::fire { trace(*(uint32_t *)(*(uint64_t *)"
      + "((uint64_t)curthread + 0x10) + 4)); trace(stringof((char *)((uint64_t)curthread"
      + " + 0x20))); }";

  /** A fake kernel: captured ranges by address; reads outside them fail as on a bad address. */
  private static class Kernel implements ProbeContext {
    final TreeMap<Long, byte[]> ranges = new TreeMap<>();

    @Override public long arg(int i) {
      return 0;
    }

    @Override public int pid() {
      return 42;
    }

    @Override public int tid() {
      return 42;
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

    @Override public String execname() {
      return "kworker";
    }

    @Override public String vmname() {
      return null;
    }

    void put(long a, byte[] b) {
      ranges.put(a, b);
    }

    void putLong(long a, long v, int size) {
      byte[] b = new byte[size];
      for (int i = 0; i < size; i++) {
        b[i] = (byte) (v >>> (8 * i));
      }
      put(a, b);
    }

    @Override public long curthread() {
      return TASK;
    }

    @Override public int read(long address, byte[] dst, int off, int len) {
      Map.Entry<Long, byte[]> e = ranges.floorEntry(address);
      if (e == null || address - e.getKey() >= e.getValue().length) {
        return -1;
      }
      int from = (int) (address - e.getKey());
      int n = Math.min(len, e.getValue().length - from);
      System.arraycopy(e.getValue(), from, dst, off, n);
      return n;
    }
  }

  /** One probe, kern:::fire, that remembers what the engine asked it to capture. */
  private static final class KernProvider implements ProbeProvider {
    static final ProbeInfo PROBE = new ProbeInfo(7, "kern", "", "", "fire", List.of());
    ProbeListener listener;
    List<MemoryCapture> asked = List.of();

    @Override public String name() {
      return "kern";
    }

    @Override public List<ProbeInfo> probes(ProbeDescription p) {
      return "kern".equals(p.provider()) ? List.of(PROBE) : List.of();
    }

    @Override public Enabling enable(List<ProbeInfo> probes, ProbeListener l) {
      listener = l;
      asked = l.captures(PROBE.id());
      return () -> listener = null;
    }
  }

  private static DProgram compile(String d) throws Exception {
    DCompiler c = ServiceLoader.load(DCompiler.class).findFirst().orElseThrow();
    return c.compile(new CompileRequest("#pragma D option zdefs\n" + d, "test.d", CompileRequest.Context.PROGRAM,
        List.of("test.d"), Map.of(), false, List.of(), false)).program();
  }

  private static String run(DProgram p, Kernel k, KernProvider prov) throws Exception {
    Prog.Capture out = new Prog.Capture();
    HyperTraceEngine e = new HyperTraceEngine();
    e.addProvider(prov);
    try (TraceSession s = e.open(p, Map.of("quiet", ""), out)) {
      s.go();
      prov.listener.fire(KernProvider.PROBE.id(), k);
      s.stop();
    }
    return out.out + out.err.toString();
  }

  @Test
  void testCaptures_chainsOfLoadsFromCurthread() throws Exception {
    DProgram p = compile(CLAUSES);
    List<MemoryCapture> c = new HyperTraceEngine().captures(p.statements().get(0));
    assertEquals(List.of(
        new MemoryCapture(MemoryCapture.ROOT_CURTHREAD, List.of(new LoadStep(0x10, 8)), false),
        new MemoryCapture(MemoryCapture.ROOT_CURTHREAD,
            List.of(new LoadStep(0x10, 8), new LoadStep(4, 4)), false),
        new MemoryCapture(MemoryCapture.ROOT_CURTHREAD,
            List.of(new LoadStep(0x20, MemoryCaptures.STRING_MAX)), true)), c);
  }

  @Test
  void testCaptures_noneForClausesWithoutKernelLoads() throws Exception {
    DProgram p = compile("kern:::fire { @[execname] = count(); self->ts = timestamp; }");
    assertEquals(List.of(), new HyperTraceEngine().captures(p.statements().get(0)));
  }

  @Test
  void testCaptures_bothArmsOfAConditional() throws Exception {
    DProgram p = compile("kern:::fire { trace(arg0 ? *(uint16_t *)((uint64_t)curthread + 8)"
        + " : *(uint8_t *)((uint64_t)curthread + 9)); }");
    List<MemoryCapture> c = new HyperTraceEngine().captures(p.statements().get(0));
    assertEquals(List.of(
        new MemoryCapture(-1, List.of(new LoadStep(8, 2)), false),
        new MemoryCapture(-1, List.of(new LoadStep(9, 1)), false)), c);
  }

  @Test
  void testCaptures_followAddressesThroughClauseLocals() throws Exception {
    DProgram p = compile("kern:::fire { this->t = (uint64_t)curthread + 0x10; } "
        + "kern:::fire { this->c = *(uint64_t *)((uint64_t)curthread + 0x10); } "
        + "kern:::fire { trace(*(uint32_t *)(this->c + 4)); }");
    List<MemoryCapture> c = new ArrayList<>();
    for (org.hypertrace.api.program.Statement s : p.statements()) {
      c.addAll(new HyperTraceEngine().captures(s));
    }
    // each statement alone: the third sees no address in this->c (another clause set it)
    assertEquals(List.of(new MemoryCapture(-1, List.of(new LoadStep(0x10, 8)), false)), c);
    DProgram one = compile("kern:::fire { this->c = *(uint64_t *)((uint64_t)curthread + 0x10);"
        + " trace(*(uint32_t *)(this->c + 4)); }");
    assertEquals(List.of(new MemoryCapture(-1, List.of(new LoadStep(0x10, 8)), false),
        new MemoryCapture(-1, List.of(new LoadStep(0x10, 8), new LoadStep(4, 4)), false)),
        new HyperTraceEngine().captures(one.statements().get(0)));
  }

  @Test
  void testLoads_readWhatTheProviderCaptured() throws Exception {
    Kernel k = new Kernel();
    k.putLong(TASK + 0x10, CRED, 8);
    k.putLong(CRED + 4, 1000, 4);
    k.put(TASK + 0x20, "bash\0".getBytes(StandardCharsets.ISO_8859_1));
    KernProvider prov = new KernProvider();
    String out = run(compile(CLAUSES), k, prov);
    assertEquals("1000bash", out.strip());
    assertEquals(3, prov.asked.size(), "the provider was asked for the captures when armed");
  }

  @Test
  void testLoads_uncapturedAddressFaultsLikeABadAddress() throws Exception {
    Kernel k = new Kernel();
    k.putLong(TASK + 0x10, CRED, 8);
    String out = run(compile(CLAUSES), k, new KernProvider());
    assertTrue(out.contains("invalid address (0x" + Long.toHexString(CRED + 4) + ")"), out);
  }

  @Test
  void testLink_perTargetVariantRunsForThatTargetsFirings() throws Exception {
    DProgram base = compile("kern:::fire { trace(*(uint32_t *)((uint64_t)curthread + 8)); }");
    DProgram other = compile("kern:::fire { trace(*(uint32_t *)((uint64_t)curthread + 12)); }");
    Kernel host = new Kernel();
    host.putLong(TASK + 8, 111, 8);
    Kernel guest = new Kernel() {
      @Override public String vmname() {
        return "vm1";
      }
    };
    guest.putLong(TASK + 8, 0x0000007b00000000L | 111, 8);
    KernProvider prov = new KernProvider();
    HyperTraceEngine e = new HyperTraceEngine();
    e.addProvider(prov);
    Prog.Capture out = new Prog.Capture();
    try (TraceSession s = e.open(base, Map.of("quiet", "", Session.PER_TARGET, ""), out)) {
      s.link("vm1", other);
      s.go();
      prov.listener.fire(KernProvider.PROBE.id(), host);
      prov.listener.fire(KernProvider.PROBE.id(), guest);
      s.stop();
    }
    assertEquals("111123", out.out.toString().strip(), out.err.toString());
  }

  @Test
  void testLink_refusesAProgramOfAnotherShape() throws Exception {
    DProgram base = compile("kern:::fire { trace(1); }");
    DProgram two = compile("kern:::fire { trace(1); } kern:::fire { trace(2); }");
    HyperTraceEngine e = new HyperTraceEngine();
    e.addProvider(new KernProvider());
    try (TraceSession s = e.open(base, Map.of(Session.PER_TARGET, ""), new Prog.Capture())) {
      IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
          () -> s.link("vm1", two));
      assertTrue(x.getMessage().contains("2 statements, expected 1"), x.getMessage());
    }
  }

  @Test
  void testThreadLocals_keptApartPerVmForTheSameTid() throws Exception {
    DProgram p = compile("self int n; kern:::fire /self->n/ { trace(vmname); } "
        + "kern:::fire { self->n = 1; }");
    KernProvider prov = new KernProvider();
    HyperTraceEngine e = new HyperTraceEngine();
    e.addProvider(prov);
    Prog.Capture out = new Prog.Capture();
    Kernel a = new Kernel() {
      @Override public String vmname() {
        return "vma";
      }
    };
    Kernel b = new Kernel() {
      @Override public String vmname() {
        return "vmb";
      }
    };
    try (TraceSession s = e.open(p, Map.of("quiet", ""), out)) {
      s.go();
      prov.listener.fire(KernProvider.PROBE.id(), a);
      prov.listener.fire(KernProvider.PROBE.id(), b);
      prov.listener.fire(KernProvider.PROBE.id(), b);
      s.stop();
    }
    // tid 42 in vma set self->n; vmb's tid 42 is another thread: only its second firing traces
    assertEquals("vmb", out.out.toString().strip(), out.err.toString());
  }
}

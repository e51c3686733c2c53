package org.hypertrace.dtraced.remote;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.BiFunction;
import org.hypertrace.api.compile.CompileRequest;
import org.hypertrace.api.compile.DCompiler;
import org.hypertrace.api.dif.DifConstants;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.engine.DTraceEngine;
import org.hypertrace.api.engine.TraceOutput;
import org.hypertrace.api.engine.TraceSession;
import org.hypertrace.api.program.ActionDescription;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.program.ProgramContainer;
import org.hypertrace.api.program.Statement;
import org.hypertrace.api.provider.ProbeContext;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.api.types.MemberAccess;
import org.hypertrace.api.types.ProgramLinker;
import org.hypertrace.api.types.TypeRegistry;
import org.hypertrace.dtraced.minion.ProgramRunner;
import org.hypertrace.dtraced.minion.TargetMatcher;
import org.junit.jupiter.api.Test;

/**
 * HyperTrace's per-node linking without the transport: the real compiler (-E), a node that links
 * the program against this machine's BTF and captures what it reads, and the host that verifies
 * the returned program and runs it for that node's firings.
 */
class NodeLinkingTest {
  private static final long TASK = 0xffff888012340000L;
  private static final String D = "n*:syscall::read:entry { trace(curthread->pid); "
      + "trace(curthread->comm); @[curthread->comm] = count(); }";

  private static DProgram compile(String d) throws Exception {
    DCompiler c = ServiceLoader.load(DCompiler.class).findFirst().orElseThrow();
    return c.compile(new CompileRequest(d, "test.d", CompileRequest.Context.PROGRAM,
        List.of("test.d"), Map.of(), false, List.of(), true)).program();
  }

  private static <T> T service(Class<T> c) {
    return ServiceLoader.load(c).findFirst().orElseThrow();
  }

  private static ProgramContainer elf() {
    for (ProgramContainer c : ServiceLoader.load(ProgramContainer.class)) {
      if (c.format().equals("elf")) {
        return c;
      }
    }
    throw new AssertionError("no ELF container");
  }

  /** One syscall probe; fires once when armed, from a task whose pid lives at its BTF offset. */
  private static final class FakeKernel implements ProbeProvider {
    final Map<Long, byte[]> memory = new HashMap<>();
    final List<Integer> asked = new ArrayList<>();
    ProbeListener listener;

    @Override public String name() {
      return "syscall";
    }

    @Override public List<ProbeInfo> probes(ProbeDescription d) {
      return d.provider().equals("syscall")
          ? List.of(new ProbeInfo(7, "syscall", "", "read", "entry", List.of())) : List.of();
    }

    @Override public Enabling enable(List<ProbeInfo> probes, ProbeListener l) {
      listener = l;
      asked.add(l.captures(7).size());
      return () -> listener = null;
    }

    void fire() {
      listener.fire(7, new ProbeContext() {
        @Override public long arg(int i) {
          return 0;
        }

        @Override public int pid() {
          return 1;
        }

        @Override public int tid() {
          return 1;
        }

        @Override public int ppid() {
          return 0;
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

        @Override public long curthread() {
          return TASK;
        }

        @Override public String execname() {
          return "init";
        }

        @Override public String vmname() {
          return null;
        }

        @Override public int read(long a, byte[] dst, int off, int len) {
          byte[] b = memory.get(a);
          if (b == null) {
            return -1;
          }
          int n = Math.min(len, b.length);
          System.arraycopy(b, 0, dst, off, n);
          return n;
        }
      });
    }
  }

  private static final class Out implements TraceOutput {
    final StringBuffer out = new StringBuffer();
    final StringBuffer err = new StringBuffer();

    @Override public void out(CharSequence t) {
      out.append(t);
    }

    @Override public void err(CharSequence t) {
      err.append(t);
    }
  }

  /**
   * Runs D on the host with one node "n1"; tamper may rewrite the DATA payloads going up.
   *
   * @return the host's output and errors
   */
  private static Out run(BiFunction<String, byte[], byte[]> tamper) throws Exception {
    DProgram prog = compile(D);
    assertTrue(NodeLinking.hasSites(prog), "-E leaves relocation sites");
    ProgramContainer elf = elf();
    TypeRegistry types = service(TypeRegistry.class);
    ProgramLinker linker = service(ProgramLinker.class);
    DTraceEngine engine = service(DTraceEngine.class);
    MemberAccess pid = types.host().require("struct task_struct", "pid");
    FakeKernel kernel = new FakeKernel();
    kernel.memory.put(TASK + pid.offset(), new byte[] {0x39, 0x30, 0, 0});
    MemberAccess comm = types.host().require("struct task_struct", "comm");
    kernel.memory.put(TASK + comm.offset(), "init\0\0\0\0\0\0\0\0\0\0\0\0".getBytes(
        java.nio.charset.StandardCharsets.ISO_8859_1));

    RemoteProvider remote = new RemoteProvider();
    remote.setVerification(() -> elf, () -> linker, () -> types);
    DProgram bound = remote.register("0123456789abcdef0123456789abcdef", prog);
    engine.useProvider(remote);
    Map<String, String> opts = new HashMap<>(Map.of("quiet", ""));
    opts.put(TraceSession.OPTION_PER_TARGET, "");
    Out out = new Out();
    try (TraceSession s = engine.open(bound, opts, out)) {
      remote.attach("0123456789abcdef0123456789abcdef", s, out::err);
      s.go();
      FiringCollector node = new FiringCollector(() -> elf, () -> List.of(kernel),
          new TargetMatcher("hostname", "n1", "n1", "", ""),
          new NodeLinking(() -> linker, () -> types, () -> engine));
      node.start(new ProgramRunner.Program("0123456789abcdef0123456789abcdef", List.of(),
          elf.write(prog)), false, (id, bytes) -> {
            remote.data("n1", id, 0, tamper.apply(id, bytes));
            return true;
          });
      assertEquals(List.of(2), kernel.asked, "the node's probe was asked to capture pid, comm");
      kernel.fire();
      node.close();
      s.stop();
    }
    return out;
  }

  @Test
  void testNode_linksAgainstItsTypesAndHostRunsItsProgram() throws Exception {
    Out out = run((id, b) -> b);
    assertEquals("12345init\n  init" + " ".repeat(62) + "1",
        out.out.toString().strip(), out.err.toString());
    assertEquals("", out.err.toString());
  }

  @Test
  void testHost_rejectsARelocatedProgramChangedOutsideItsSites() throws Exception {
    ProgramContainer elf = elf();
    Out out = run((id, b) -> {
      if (!FiringRecords.isRelocated(b)) {
        return b;
      }
      try {
        FiringRecords.Relocated r = FiringRecords.decodeRelocated(b);
        DProgram p = elf.read(r.program());
        Statement s = p.statements().get(0);
        ActionDescription a = s.actions().get(0);
        DifObject d = a.difo();
        int[] text = d.text().clone();
        // a guest rewrites the curthread load into a load of another variable: not a site
        text[0] = (DifConstants.DIF_OP_LDGS << 24) | (DifConstants.DIF_VAR_PID << 8) | 1;
        DifObject bad = new DifObject(text, d.intTab(), d.strTab(), d.varTab(),
            d.returnType(), d.relocations());
        Statement t = new Statement(s.probe(), s.predicate(), List.of(new ActionDescription(
            a.kind(), bad, a.ntuple(), a.arg(), a.uarg(), a.format(), a.aggregation())),
            s.clause());
        return FiringRecords.encodeRelocated(r.digest(), elf.write(new DProgram(List.of(t),
            p.options(), p.identity())));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    assertEquals("", out.out.toString().strip());
    assertTrue(out.err.toString().contains("dtrace: n1: relocated program rejected"),
        out.err.toString());
    assertTrue(out.err.toString().contains("1 drop"), out.err.toString());
  }

  @Test
  void testEarlyData_aNodesBeginBeforeTheHostStartsStillRuns() throws Exception {
    DProgram prog = compile("BEGIN { printf(\"begin %s\\n\", vmname); }");
    ProgramContainer elf = elf();
    DTraceEngine engine = service(DTraceEngine.class);
    RemoteProvider remote = new RemoteProvider();
    String id = "00112233445566778899aabbccddeeff";
    DProgram bound = remote.register(id, prog);
    // the node is faster than the host: its BEGIN arrives before the host's session exists
    FiringCollector node = new FiringCollector(() -> elf, List::of,
        new TargetMatcher("hostname", "n1", "n1", "", ""));
    node.start(new ProgramRunner.Program(id, List.of(), elf.write(prog)), false, (i, b) -> {
      remote.data("n1", i, 0, b);
      return true;
    });
    engine.useProvider(remote);
    Out out = new Out();
    try (TraceSession s = engine.open(bound, Map.of("quiet", ""), out)) {
      s.go();
      long end = System.nanoTime() + 5_000_000_000L;
      while (!out.out.toString().contains("begin n1") && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      s.stop();
    }
    node.close();
    assertTrue(out.out.toString().contains("begin n1\n"), out.out.toString());
  }
}

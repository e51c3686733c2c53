package org.hypertrace.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.hypertrace.api.compile.CompileRequest;
import org.hypertrace.api.compile.DCompiler;
import org.hypertrace.api.engine.TraceSession;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.ProbeContext;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.api.provider.ProbeProvider;
import org.junit.jupiter.api.Test;

/**
 * stack(), ustack(), jstack() and the sym-like actions through the engine, from a fake provider
 * whose context answers stacks and symbols only during fire(): the output must be dtrace's
 * (dt_print_stack, dt_print_ustack, dt_print_sym ... in dt_consume.c) byte for byte.
 */
class StackRecordTest {
  private static final String HEADING = "CPU     ID                    FUNCTION:NAME\n";
  private static final String IND = " ".repeat(14);
  static final long K1 = 0xffffffff81000010L;
  static final long K2 = 0xffffffff81000200L;
  static final long K3 = 0xffffffff81000305L;
  static final long U1 = 0x401126L;
  static final long U2 = 0x7f0000001234L;
  static final long U3 = 0x7f0000099999L;

  /** A context valid only while {@link #valid} is set, as a provider's reused instance. */
  static final class FakeContext implements ProbeContext {
    boolean valid;
    int pid = 4242;
    long[] kernel = {K1, K2, K3};
    long[] user = {U1, U2, U3};
    long arg0;
    int symbolCalls;
    /** Functions: start, size, module`name; a module-only range has a null name. */
    static final Object[][] KSYMS = {{0xffffffff81000000L, 0x100L, "vmlinux`do_sys"},
        {K2, 0x100L, "vmlinux`entry_SYSCALL_64"}, {0xffffffff810003fcL, 0x10L,
        "vmlinux`schedule"}};
    static final Object[][] USYMS = {{0x401110L, 0x40L, "gp`main"},
        {0x7f0000000000L, 0x2000L, "libc.so.6`"}};

    private static String lookup(Object[][] table, long pc) {
      for (Object[] f : table) {
        long start = (Long) f[0];
        long off = pc - start;
        if (off >= 0 && off < (Long) f[1]) {
          String n = (String) f[2];
          return n.endsWith("`") ? n + "0x" + Long.toHexString(off)
              : off == 0 ? n : n + "+0x" + Long.toHexString(off);
        }
      }
      return null;
    }

    private void check() {
      if (!valid) {
        throw new IllegalStateException("context used outside its firing");
      }
    }

    @Override public long arg(int i) {
      check();
      return i == 0 ? arg0 : 0;
    }

    @Override public int pid() {
      check();
      return pid;
    }

    @Override public int tid() {
      return pid;
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

    @Override public long curthread() {
      return 0;
    }

    @Override public String execname() {
      return "gp";
    }

    @Override public String vmname() {
      return null;
    }

    @Override public int read(long address, byte[] dst, int off, int len) {
      return -1;
    }

    @Override public int kernelStack(long[] pcs) {
      check();
      int n = Math.min(pcs.length, kernel.length);
      System.arraycopy(kernel, 0, pcs, 0, n);
      return n;
    }

    @Override public int userStack(long[] pcs) {
      check();
      int n = Math.min(pcs.length, user.length);
      System.arraycopy(user, 0, pcs, 0, n);
      return n;
    }

    @Override public String symbol(long pc, boolean user) {
      check();
      symbolCalls++;
      return lookup(user ? USYMS : KSYMS, pc);
    }
  }

  /** One probe, syscall::getppid:entry (id 7); remembers what its listener asked for. */
  static final class FakeProvider implements ProbeProvider {
    ProbeListener listener;
    int stacks = -1;
    final ProbeInfo info = new ProbeInfo(7, "syscall", "", "getppid", "entry", List.of());

    @Override public String name() {
      return "syscall";
    }

    @Override public List<ProbeInfo> probes(ProbeDescription p) {
      return p.provider().equals("syscall") ? List.of(info) : List.of();
    }

    @Override public Enabling enable(List<ProbeInfo> probes, ProbeListener l) {
      listener = l;
      stacks = l.stacks(7);
      return () -> { };
    }

    void fire(FakeContext c) {
      c.valid = true;
      try {
        listener.fire(7, c);
      } finally {
        c.valid = false;
      }
    }
  }

  private static DProgram compile(String d) throws Exception {
    DCompiler c = ServiceLoader.load(DCompiler.class).findFirst().orElseThrow();
    return c.compile(new CompileRequest(d, "test.d", CompileRequest.Context.PROGRAM,
        List.of("test.d"), Map.of(), false, List.of(), false)).program();
  }

  private final FakeProvider provider = new FakeProvider();
  private final FakeContext ctx = new FakeContext();

  private Prog.Capture run(String d, boolean quiet, int firings) throws Exception {
    Map<String, String> opts = new HashMap<>();
    if (quiet) {
      opts.put("quiet", "");
    }
    HyperTraceEngine engine = new HyperTraceEngine();
    engine.addProvider(provider);
    Prog.Capture c = new Prog.Capture();
    try (TraceSession s = engine.open(compile(d), opts, c)) {
      s.go();
      for (int i = 0; i < firings; i++) {
        provider.fire(ctx);
      }
      s.stop();
    }
    return c;
  }

  private static String probeLine() {
    return String.format("%3d %6d %32s ", 0, 7, "getppid:entry");
  }

  private static String kernelFrames(String indent) {
    return indent + "vmlinux`do_sys+0x10\n" + indent + "vmlinux`entry_SYSCALL_64\n" + indent
        + "0xffffffff81000305\n";
  }

  private static String userFrames(String indent) {
    return indent + "gp`main+0x16\n" + indent + "libc.so.6`0x7f0000001234\n" + indent
        + "0x7f0000099999\n";
  }

  @Test
  void testStack_traceRecordLikeDtPrintStack() throws Exception {
    Prog.Capture c = run("syscall::getppid:entry { stack(); }", false, 1);
    assertEquals(HEADING + probeLine() + "\n" + kernelFrames(IND) + "\n\n", c.out.toString());
    assertEquals(ProbeListener.STACK_KERNEL, provider.stacks);
  }

  @Test
  void testUstack_traceRecordQuiet() throws Exception {
    Prog.Capture c = run("syscall::getppid:entry { ustack(); }", true, 1);
    assertEquals("\n" + userFrames(IND) + "\n", c.out.toString());
    assertEquals(ProbeListener.STACK_USER, provider.stacks);
  }

  @Test
  void testStack_depthArgumentLimitsFrames() throws Exception {
    Prog.Capture c = run("syscall::getppid:entry { stack(2); ustack(1); jstack(1); }", true, 1);
    assertEquals("\n" + IND + "vmlinux`do_sys+0x10\n" + IND + "vmlinux`entry_SYSCALL_64\n"
        + "\n" + IND + "gp`main+0x16\n" + "\n" + IND + "gp`main+0x16\n\n", c.out.toString());
  }

  @Test
  void testStack_stackframesOptionAndIndent() throws Exception {
    Prog.Capture c = run("#pragma D option stackframes=1\n#pragma D option stackindent=3\n"
        + "syscall::getppid:entry { stack(); }", true, 1);
    assertEquals("\n   vmlinux`do_sys+0x10\n\n", c.out.toString());
  }

  @Test
  void testStack_noStackActionsAskForNothing() throws Exception {
    run("syscall::getppid:entry { trace(pid); }", true, 1);
    assertEquals(0, provider.stacks);
  }

  @Test
  void testStack_aggregationKeysPrintedAfterTheFirings() throws Exception {
    Prog.Capture c = run("syscall::getppid:entry { @[stack()] = count(); @u[ustack(), execname] = count(); }",
        true, 3);
    // the context refuses every call after fire(): the symbols were learnt at the firings
    assertEquals("\n" + "\n" + kernelFrames(IND) + String.format(" %16d\n", 3)
        + "\n" + userFrames(IND) + String.format("  %-50s %16d\n", "gp", 3),
        c.out.toString());
    assertEquals(ProbeListener.STACK_KERNEL | ProbeListener.STACK_USER, provider.stacks);
  }

  @Test
  void testStack_symbolsAskedOncePerPc() throws Exception {
    run("syscall::getppid:entry { @[stack()] = count(); }", true, 50);
    assertEquals(3, ctx.symbolCalls);
  }

  @Test
  void testStack_printaConversionK() throws Exception {
    Prog.Capture c = run("syscall::getppid:entry { @[stack(2)] = count(); } END { printa(\"%k|%@d\\n\", @);"
        + " printa(\"%-22k|\\n\", @); printa(\"%25k|\\n\", @); }", true, 1);
    String expect = "\n" + "vmlinux`do_sys+0x10\n" + "vmlinux`entry_SYSCALL_64\n" + "|1\n"
        + "\n" + " ".repeat(22) + String.format("%-22s\n", "vmlinux`do_sys+0x10")
        + " ".repeat(22) + String.format("%-22s\n", "vmlinux`entry_SYSCALL_64") + "|\n"
        + "\n" + String.format("%25s\n", "vmlinux`do_sys+0x10")
        + String.format("%25s\n", "vmlinux`entry_SYSCALL_64") + "|\n";
    assertTrue(c.out.toString().startsWith(expect), c.out.toString());
  }

  @Test
  void testSym_traceRecordsLikeDtPrintSym() throws Exception {
    ctx.arg0 = K1;
    Prog.Capture c = run("syscall::getppid:entry { sym(arg0); mod(arg0); func(arg0); sym(0x1234); }",
        true, 1);
    assertEquals(String.format("  %-50s", "vmlinux`do_sys")
        + String.format("  %-50s", "vmlinux") + String.format("  %-50s", "vmlinux`do_sys")
        + String.format("  %-50s", "0x1234") + "\n", c.out.toString());
  }

  @Test
  void testUsym_traceRecordsLikeDtPrintUsym() throws Exception {
    ctx.arg0 = U1;
    Prog.Capture c = run("syscall::getppid:entry { usym(arg0); ufunc(arg0); umod(arg0); uaddr(arg0); }",
        true, 1);
    assertEquals(String.format("  %-50s", "gp`main") + String.format("  %-50s", "gp`main")
        + String.format("  %-50s", "gp") + String.format("  %-50s", "gp`main+0x16") + "\n",
        c.out.toString());
  }

  @Test
  void testSym_aggregationKeysRoundedToTheFunction() throws Exception {
    ctx.arg0 = K1;
    HyperTraceEngine engine = new HyperTraceEngine();
    engine.addProvider(provider);
    Prog.Capture c = new Prog.Capture();
    try (TraceSession s = engine.open(compile("syscall::getppid:entry { @[sym(arg0)] = count();"
        + " @m[mod(arg0)] = count(); @u[ufunc(arg1 ? arg1 : 0x401126)] = count(); }"),
        Map.of("quiet", ""), c)) {
      s.go();
      provider.fire(ctx);
      ctx.arg0 = 0xffffffff81000400L;
      provider.fire(ctx);
      ctx.arg0 = K1 + 1;
      provider.fire(ctx);
      s.stop();
    }
    // do_sys+0x10 and do_sys+0x11 are one key, as dt_aggregate_sym rounds them to do_sys
    assertEquals("\n" + String.format("  %-50s %16d\n", "vmlinux`schedule", 1)
        + String.format("  %-50s %16d\n", "vmlinux`do_sys", 2)
        + String.format("  %-50s %16d\n", "vmlinux", 3)
        + String.format("  %-50s %16d\n", "gp`main", 3), c.out.toString());
  }

  @Test
  void testPrintf_addressConversions() throws Exception {
    ctx.arg0 = K1;
    Prog.Capture c = run("syscall::getppid:entry { printf(\"%a|%-24a|%A|%a\\n\", arg0, arg0, 0x401126,"
        + " 16); }", true, 1);
    assertEquals("vmlinux`do_sys+0x10|vmlinux`do_sys+0x10     |gp`main+0x16|0x10\n\n",
        c.out.toString());
  }

  @Test
  void testPrinta_addressConversionOfIntegerKey() throws Exception {
    ctx.arg0 = K1;
    Prog.Capture c = run("syscall::getppid:entry { @[arg0] = count(); }"
        + " END { printa(\"%a|%@d\\n\", @); }", true, 2);
    assertEquals("vmlinux`do_sys+0x10|2\n\n", c.out.toString());
  }

  @Test
  void testStackBuiltins_depthAndCaller() throws Exception {
    Prog.Capture c = run("syscall::getppid:entry { printf(\"%d %d %x %x\\n\", stackdepth,"
        + " ustackdepth, caller, ucaller); }", true, 1);
    assertEquals("3 3 " + Long.toHexString(K2) + " " + Long.toHexString(U2) + "\n\n",
        c.out.toString());
    assertEquals(ProbeListener.STACK_KERNEL | ProbeListener.STACK_USER, provider.stacks);
  }
}

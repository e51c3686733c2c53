package org.hypertrace.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.hypertrace.api.compile.CompileRequest;
import org.hypertrace.api.compile.DCompiler;
import org.hypertrace.api.engine.TraceSession;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.kernel.prov.Privileges;
import org.hypertrace.kernel.prov.SyscallProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * stack() and ustack() on the running kernel: the native syscall provider captures the stacks
 * of a real process's getppid() calls (BPF stack maps), the engine prints them symbolised from
 * /proc/kallsyms and the program's ELF symbols. Needs root and gcc; skipped otherwise.
 */
class KernelStackTest {
  private static final String PROGRAM = "#include <unistd.h>\n#include <sys/syscall.h>\n"
      + "__attribute__((noinline)) long f(void) { return syscall(SYS_getppid); }\n"
      + "int main() { sleep(1); for (int i = 0; i < 3; i++) f(); sleep(2); return 0; }\n";

  @TempDir Path dir;

  private Path build() throws Exception {
    Path src = dir.resolve("gpstack.c");
    Files.writeString(src, PROGRAM);
    Path exe = dir.resolve("gpstack");
    Process cc;
    try {
      cc = new ProcessBuilder("gcc", "-O0", "-fno-omit-frame-pointer", "-o", exe.toString(),
          src.toString()).inheritIO().start();
    } catch (java.io.IOException e) {
      Assumptions.abort("no gcc: " + e.getMessage());
      return null;
    }
    Assumptions.assumeTrue(cc.waitFor() == 0, "gcc failed");
    return exe;
  }

  private static DProgram compile(String d) throws Exception {
    DCompiler c = ServiceLoader.load(DCompiler.class).findFirst().orElseThrow();
    return c.compile(new CompileRequest(d, "test.d", CompileRequest.Context.PROGRAM,
        List.of("test.d"), Map.of(), false, List.of(), false)).program();
  }

  @Test
  void testStackAndUstack_realProcessOnTheRunningKernel() throws Exception {
    Assumptions.assumeTrue(Privileges.missing() == null, "needs root or CAP_BPF+CAP_PERFMON");
    Path exe = build();
    HyperTraceEngine engine = new HyperTraceEngine();
    engine.addProvider(new SyscallProvider());
    Prog.Capture out = new Prog.Capture();
    try (TraceSession s = engine.open(compile("syscall::getppid:entry"
        + " /execname == \"gpstack\"/ { stack(); ustack(); @[ustack()] = count(); }"),
        Map.of("quiet", ""), out)) {
      s.go();
      Process p = new ProcessBuilder(exe.toString()).start();
      assertTrue(p.waitFor(20, TimeUnit.SECONDS));
      s.stop();
    }
    String o = out.out.toString();
    // kernel frames from /proc/kallsyms, one a line after 14 spaces
    assertTrue(o.matches("(?s).*\n {14}vmlinux`[A-Za-z0-9_.]+\\+0x[0-9a-f]+\n.*"), o);
    assertTrue(o.contains("vmlinux`do_syscall_64+0x"), o);
    // user frames: libc's syscall() then the program's main (f is a leaf caller of syscall)
    assertTrue(o.contains("\n              libc.so.6`syscall+0x"), o);
    assertTrue(o.matches("(?s).*\n {14}gpstack`main\\+0x[0-9a-f]+\n.*"), o);
    // the aggregation's key printed at the end: three identical stacks, one key
    assertTrue(o.matches("(?s).*gpstack`main\\+0x[0-9a-f]+\n(.*\n)* {16}3\n.*"), o);
  }
}

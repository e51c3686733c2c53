package org.hypertrace.cli;

import static org.hypertrace.api.dif.DifConstants.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hypertrace.api.compile.DCompiler;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.engine.TraceOutput;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.types.ProgramLinker;
import org.hypertrace.api.types.TargetTypes;
import org.hypertrace.api.types.TypeRegistry;
import org.hypertrace.cli.remote.RemoteTracing;
import org.hypertrace.compiler.DTraceCompiler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kernel members in local tracing: the command line links the compiled program against the
 * host's BTF, so the engine receives plain DIF; with -E the program leaves with its sites.
 */
class HostLinkTest {
  private static final String UID = "BEGIN { trace(curthread->real_cred->uid.val); exit(0); }";

  @TempDir
  Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  final ClasspathServices real = new ClasspathServices();
  final List<DProgram> sent = new ArrayList<>();

  /** The fakes' engine, with the real compiler, linker and type registry of the class path. */
  final Fakes.Svc svc = new Fakes.Svc() {
    @Override
    public DCompiler compiler() {
      return new DTraceCompiler();
    }

    @Override
    public ProgramLinker linker() {
      return real.linker();
    }

    @Override
    public TypeRegistry typeRegistry() {
      return real.typeRegistry();
    }
  };

  @BeforeEach
  void needsBtf() {
    assumeTrue(Files.isReadable(Path.of("/sys/kernel/btf/vmlinux")), "no host BTF");
    svc.remote = new RemoteTracing() {
      @Override
      public int run(List<DProgram> programs, List<String> names, Map<String, String> options,
          List<String> typeFiles, TraceOutput output) {
        sent.addAll(programs);
        return 0;
      }
    };
  }

  private int run(String... args) {
    return new DTraceCommand(svc, out, err, dir, "/usr/sbin/dtrace").embedded(5000).run(args);
  }

  @Test
  void testLocal_engineReceivesLinkedProgram() {
    assertEquals(0, run("-n", UID), err.toString(StandardCharsets.ISO_8859_1));
    DifObject d = svc.engine.opened.statements().get(0).actions().get(0).difo();
    assertTrue(d.relocations().isEmpty());
    TargetTypes host = real.typeRegistry().host();
    List<Long> offsets = new ArrayList<>();
    List<Integer> loads = new ArrayList<>();
    for (int in : d.text()) {
      int op = in >>> 24;
      assertFalse(op >= DIF_OP_USETX && op <= DIF_OP_TYPECAST, "relocation opcode " + op);
      if (op == DIF_OP_SETX) {
        offsets.add(d.intTab()[(in >>> 8) & 0xffff]);
      } else if (op >= DIF_OP_LDSB && op <= DIF_OP_LDX) {
        loads.add(op);
      }
    }
    assertEquals(List.of(host.require("struct task_struct", "real_cred").offset(),
        host.require("struct cred", "uid").offset(), 0L), offsets);
    assertEquals(List.of(DIF_OP_LDX, DIF_OP_LDUW), loads);
  }

  @Test
  void testRemote_programKeepsItsSites() {
    assertEquals(0, run("-E", "-n", "x:syscall:::entry { trace(curthread->comm); }"),
        err.toString(StandardCharsets.ISO_8859_1));
    DifObject d = sent.get(0).statements().get(0).actions().get(0).difo();
    assertEquals(1, d.relocations().size());
    assertEquals("comm", d.relocations().get(0).memberPath());
    assertEquals(DIF_OP_USETX, d.text()[d.relocations().get(0).offset()] >>> 24);
  }

  @Test
  void testListing_showsSites() {
    assertEquals(0, run("-S", "-n", UID));
    String listing = err.toString(StandardCharsets.ISO_8859_1);
    assertTrue(listing.contains("usetx"), listing);
    assertTrue(listing.contains("struct task_struct.real_cred->uid.val"), listing);
  }

  @Test
  void testLocal_programWithoutSitesLoadsNoLinker() {
    Fakes.Svc plain = new Fakes.Svc() {
      @Override
      public DCompiler compiler() {
        return new DTraceCompiler(() -> null);
      }
    };
    int status = new DTraceCommand(plain, out, err, dir, "/usr/sbin/dtrace").embedded(5000)
        .run(new String[] {"-n", "BEGIN { exit(0); }"});
    assertEquals(0, status, err.toString(StandardCharsets.ISO_8859_1));
    assertNotNull(plain.engine.opened, "the default Services.linker() would have failed");
  }
}

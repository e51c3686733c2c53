package org.hypertrace.linker.link;

import static org.hypertrace.api.dif.DifConstants.*;
import static org.hypertrace.linker.dif.Asm.fmt;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.types.LinkException;
import org.hypertrace.api.types.ProgramLinker;
import org.hypertrace.api.types.TargetTypes;
import org.hypertrace.guesttypes.registry.BtfTypeRegistry;
import org.junit.jupiter.api.Test;

/** Linking against the real host BTF, and against the VM lab guest's vmlinux when built. */
class HostLinkTest {
  private static final Path GUEST = Path.of("/var/cache/hypertrace/vm-lab/vmlinux");

  private static long[] linkedOffsets(TargetTypes t) throws Exception {
    DProgram base = LinkerTest.program(null, LinkerTest.credUid());
    Linker linker = new Linker(new Verifier(line -> fail(line)));
    DProgram out = linker.link(base, t);
    linker.verify(base, out, t);
    DifObject d = out.statements().get(0).actions().get(0).difo();
    assertEquals(fmt(DIF_OP_LDX, 1, 0, 1), d.text()[3]);
    assertEquals(fmt(DIF_OP_LDUW, 1, 0, 1), d.text()[8]);
    return d.intTab();
  }

  @Test
  void testLink_hostCurthreadRealCredUid() throws Exception {
    assumeTrue(Files.isReadable(BtfTypeRegistry.HOST_BTF), "no host BTF");
    TargetTypes host = new BtfTypeRegistry().host();
    long[] off = linkedOffsets(host);
    assertEquals(host.require("struct task_struct", "real_cred").offset(), off[0]);
    assertEquals(host.require("struct cred", "uid").offset(), off[1]);
    assertEquals(0, off[2], "val is kuid_t's only member");
  }

  @Test
  void testLink_guestOffsetsDifferFromHost() throws Exception {
    assumeTrue(Files.isReadable(BtfTypeRegistry.HOST_BTF), "no host BTF");
    assumeTrue(Files.isReadable(GUEST), "no VM lab guest vmlinux (scripts/vm-lab build)");
    BtfTypeRegistry reg = new BtfTypeRegistry();
    long[] host = linkedOffsets(reg.host());
    long[] guest = linkedOffsets(reg.register(GUEST));
    assertNotEquals(host[0], guest[0], "task_struct.real_cred offset host vs guest");
  }

  @Test
  void testLink_hostUnknownMember() {
    assumeTrue(Files.isReadable(BtfTypeRegistry.HOST_BTF), "no host BTF");
    TargetTypes host = new BtfTypeRegistry().host();
    DifObject d = new org.hypertrace.linker.dif.Asm()
        .uload(DIF_OP_ULOAD, "struct cred", "uidd.val", 1, 1).build();
    LinkException e = assertThrows(LinkException.class, () -> new Linker().link(d, host));
    assertTrue(e.getMessage().contains("no member uidd in struct cred"), e.getMessage());
    assertTrue(e.getMessage().contains(host.digest()), e.getMessage());
  }

  @Test
  void testServiceLoader_findsLinker() {
    assertTrue(ServiceLoader.load(ProgramLinker.class).findFirst().orElseThrow()
        instanceof Linker);
  }
}

package org.hypertrace.linker.link;

import static org.hypertrace.api.dif.DifConstants.*;
import static org.hypertrace.linker.dif.Asm.fmt;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.program.ActionDescription;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.program.Statement;
import org.hypertrace.api.types.LinkException;
import org.hypertrace.api.types.TypeKind;
import org.hypertrace.linker.dif.Asm;
import org.junit.jupiter.api.Test;

/** Linking hand-built DIF objects against a stub target with chosen layouts. */
class LinkerTest {
  static final StubTypes GUEST = new StubTypes("feedface")
      .pointer("struct task_struct", "real_cred", 1832)
      .deref("struct task_struct", "real_cred->uid", 1832, 4, 4, TypeKind.STRUCT)
      .deref("struct task_struct", "real_cred->uid.val", 1832, 4, 4, TypeKind.INTEGER)
      .scalar("struct cred", "uid", 4, 4, false)
      .scalar("struct cred", "uid.val", 4, 4, false)
      .scalar("struct cred", "gid.val", 8, 4, false)
      .scalar("int", "", 0, 4, true)
      .scalar("short", "", 0, 2, true)
      .scalar("unsigned char", "", 0, 1, false)
      .scalar("long", "", 0, 8, true)
      .struct("struct cred", 184);

  /**
   * curthread->real_cred->uid.val as a per-node HyperTrace code generator lays it out: every
   * member node is named by the root type and the D path written so far.
   */
  static DifObject credUid() {
    String ts = "struct task_struct";
    return new Asm()
        .insn((DIF_OP_LDGS << 24) | (DIF_VAR_CURTHREAD << 8) | 1)
        .usetx(ts, "real_cred", 2)
        .insn(fmt(DIF_OP_ADD, 1, 2, 1))
        .uload(DIF_OP_ULOAD, ts, "real_cred", 1, 1)
        .usetx(ts, "real_cred->uid", 2)
        .insn(fmt(DIF_OP_ADD, 1, 2, 1))
        .usetx(ts, "real_cred->uid.val", 2)
        .insn(fmt(DIF_OP_ADD, 1, 2, 1))
        .uload(DIF_OP_ULOAD, ts, "real_cred->uid.val", 1, 1)
        .insn(fmt(DIF_OP_RET, 0, 0, 1))
        .build();
  }

  static DProgram program(DifObject predicate, DifObject action) {
    ProbeDescription p = new ProbeDescription("web*", "syscall", "", "", "entry");
    return new DProgram(List.of(new Statement(p, predicate,
        List.of(new ActionDescription(DTRACEACT_DIFEXPR_FOR_TESTS, action, 0, 0, 0, null,
            null)), 0)), Map.of(), new byte[0]);
  }

  /** DTRACEACT_DIFEXPR (sys/dtrace.h): the kind does not matter to the linker. */
  static final int DTRACEACT_DIFEXPR_FOR_TESTS = 1;

  @Test
  void testLink_credUidBecomesPlainLoads() throws Exception {
    DifObject out = new Linker().link(credUid(), GUEST);
    int[] t = out.text();
    assertEquals(10, t.length);
    assertEquals((DIF_OP_SETX << 24) | (0 << 8) | 2, t[1]);
    assertEquals(fmt(DIF_OP_LDX, 1, 0, 1), t[3]);
    assertEquals((DIF_OP_SETX << 24) | (1 << 8) | 2, t[4]);
    assertEquals((DIF_OP_SETX << 24) | (2 << 8) | 2, t[6]);
    assertEquals(fmt(DIF_OP_LDUW, 1, 0, 1), t[8]);
    // real_cred in task_struct; uid in struct cred; val in kuid_t
    assertArrayEquals(new long[] {1832, 4, 0}, out.intTab());
    assertTrue(out.relocations().isEmpty());
  }

  @Test
  void testLink_usetxOfDottedPathIsOffsetInImmediateContainer() throws Exception {
    DifObject out = new Linker().link(new Asm().usetx("struct cred", "uid", 1)
        .usetx("struct cred", "uid.val", 2).insn(fmt(DIF_OP_RET, 0, 0, 2)).build(), GUEST);
    assertArrayEquals(new long[] {4, 0}, out.intTab());
  }

  @Test
  void testLink_symbolRelocationIsAClearError() {
    LinkException e = assertThrows(LinkException.class, () -> new Linker().link(
        new Asm().usetx("symbol", "jiffies", 1).insn(fmt(DIF_OP_RET, 0, 0, 1)).build(), GUEST));
    assertTrue(e.getMessage().contains("kernel symbol `jiffies"), e.getMessage());
  }

  @Test
  void testLink_sizeofWithEmptyMemberPath() throws Exception {
    DifObject out = new Linker().link(new Asm().usetx("struct cred", "", 3)
        .insn(fmt(DIF_OP_RET, 0, 0, 3)).build(), GUEST);
    assertArrayEquals(new long[] {184}, out.intTab());
  }

  @Test
  void testLink_uloadBySizeAndSign() throws Exception {
    DifObject out = new Linker().link(new Asm()
        .uload(DIF_OP_ULOAD, "int", "", 1, 1).uload(DIF_OP_ULOAD, "short", "", 1, 2)
        .uload(DIF_OP_ULOAD, "unsigned char", "", 1, 3).uload(DIF_OP_ULOAD, "long", "", 1, 4)
        .uload(DIF_OP_UULOAD, "int", "", 1, 5).uload(DIF_OP_UULOAD, "short", "", 1, 6)
        .insn(fmt(DIF_OP_RET, 0, 0, 1)).build(), GUEST);
    int[] ops = java.util.Arrays.stream(out.text()).map(i -> i >>> 24).toArray();
    assertArrayEquals(new int[] {DIF_OP_LDSW, DIF_OP_LDSH, DIF_OP_LDUB, DIF_OP_LDX, DIF_OP_LDUW,
        DIF_OP_LDUH, DIF_OP_RET}, ops);
  }

  @Test
  void testLink_typecastForms() throws Exception {
    DifObject out = new Linker().link(new Asm()
        .typecast("int", 1, 2, 3).typecast("unsigned char", 3, 4, 3).typecast("long", 3, 2, 4)
        .typecast("long", 4, 2, 4).insn(fmt(DIF_OP_RET, 0, 0, 4)).build(), GUEST);
    int[] t = out.text();
    assertArrayEquals(new int[] {
        (DIF_OP_SETX << 24) | (0 << 8) | 2, fmt(DIF_OP_SLL, 1, 2, 3), fmt(DIF_OP_SRA, 3, 2, 3),
        (DIF_OP_SETX << 24) | (1 << 8) | 4, fmt(DIF_OP_SLL, 3, 4, 3), fmt(DIF_OP_SRL, 3, 4, 3),
        fmt(DIF_OP_MOV, 3, 0, 4), DIF_OP_NOP << 24, DIF_OP_NOP << 24,
        DIF_OP_NOP << 24, DIF_OP_NOP << 24, DIF_OP_NOP << 24,
        fmt(DIF_OP_RET, 0, 0, 4)}, t);
    assertArrayEquals(new long[] {32, 56}, out.intTab());
  }

  @Test
  void testLink_unresolvableMemberNamesTypeMemberDigestAndPlace() {
    DifObject bad = new Asm().usetx("struct cred", "nosuch", 2).insn(fmt(DIF_OP_RET, 0, 0, 2))
        .build();
    LinkException e = assertThrows(LinkException.class,
        () -> new Linker().link(program(null, bad), GUEST));
    String m = e.getMessage();
    assertTrue(m.contains("statement 0 (web*:syscall:::entry), action 0, DIF offset 0"), m);
    assertTrue(m.contains("struct cred") && m.contains("nosuch") && m.contains("feedface"), m);
  }

  @Test
  void testLink_typecastWithoutNopsIsMalformed() {
    DifObject bad = new Asm().insn(fmt(DIF_OP_TYPECAST, 1, 2, 3)).insn(fmt(DIF_OP_RET, 0, 0, 3))
        .build();
    DifObject withReloc = new DifObject(bad.text(), bad.intTab(), bad.strTab(), bad.varTab(),
        bad.returnType(), List.of(new org.hypertrace.api.dif.DifRelocation(0, DIF_OP_TYPECAST,
            "int", "")));
    LinkException e = assertThrows(LinkException.class,
        () -> new Linker().link(withReloc, GUEST));
    assertTrue(e.getMessage().contains("must be followed by two nops"), e.getMessage());
  }

  @Test
  void testLink_typecastScratchRegisterChecked() {
    LinkException e = assertThrows(LinkException.class,
        () -> new Linker().link(new Asm().typecast("int", 1, 1, 3).build(), GUEST));
    assertTrue(e.getMessage().contains("scratch register"), e.getMessage());
  }

  @Test
  void testLink_relocationOpcodeWithoutRelocation() {
    DifObject d = new Asm().usetx("int", "", 1).insn(fmt(DIF_OP_ULOAD, 1, 0, 1)).build();
    LinkException e = assertThrows(LinkException.class, () -> new Linker().link(d, GUEST));
    assertTrue(e.getMessage().contains("uload without a relocation"), e.getMessage());
  }

  @Test
  void testLink_sharedObjectsStayShared() throws Exception {
    DifObject d = credUid();
    DProgram out = new Linker().link(program(d, d), GUEST);
    Statement s = out.statements().get(0);
    assertSame(s.predicate(), s.actions().get(0).difo());
    assertNotSame(d, s.predicate());
  }

  @Test
  void testLink_objectWithoutRelocationsUnchanged() throws Exception {
    DifObject d = new Asm().setx(5, 1).insn(fmt(DIF_OP_RET, 0, 0, 1)).build();
    assertSame(d, new Linker().link(d, GUEST));
  }
}

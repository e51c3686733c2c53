package org.hypertrace.linker.link;

import static org.hypertrace.api.dif.DifConstants.*;
import static org.hypertrace.linker.dif.Asm.fmt;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.program.ActionDescription;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.program.Statement;
import org.hypertrace.api.types.ProgramRejectedException;
import org.hypertrace.linker.dif.Asm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verifier accepts what the linker writes and nothing else; rejections are logged. */
class VerifierTest {
  private final List<String> log = new ArrayList<>();
  private Linker linker;
  private DProgram base;
  private DProgram linked;

  static DifObject castAndLoad() {
    return new Asm().insn((DIF_OP_LDGS << 24) | (DIF_VAR_CURTHREAD << 8) | 1)
        .usetx("struct task_struct", "real_cred", 2).insn(fmt(DIF_OP_ADD, 1, 2, 1))
        .uload(DIF_OP_ULOAD, "struct task_struct", "real_cred", 1, 1)
        .usetx("struct cred", "uid.val", 2).insn(fmt(DIF_OP_ADD, 1, 2, 1))
        .uload(DIF_OP_UULOAD, "struct cred", "uid.val", 1, 1)
        .typecast("short", 1, 2, 3)
        .insn(fmt(DIF_OP_RET, 0, 0, 3)).build();
  }

  @BeforeEach
  void link() throws Exception {
    linker = new Linker(new Verifier(log::add));
    base = LinkerTest.program(LinkerTest.credUid(), castAndLoad());
    linked = linker.link(base, LinkerTest.GUEST);
  }

  /** @return {@code linked} with the action's DIF object replaced */
  private DProgram withAction(UnaryOperator<DifObject> change) {
    Statement s = linked.statements().get(0);
    ActionDescription a = s.actions().get(0);
    ActionDescription na = new ActionDescription(a.kind(), change.apply(a.difo()), a.ntuple(),
        a.arg(), a.uarg(), a.format(), a.aggregation());
    return new DProgram(List.of(new Statement(s.probe(), s.predicate(), List.of(na),
        s.clause())), linked.options(), linked.identity());
  }

  private static DifObject text(DifObject d, int pc, int instr) {
    int[] t = d.text().clone();
    t[pc] = instr;
    return new DifObject(t, d.intTab(), d.strTab(), d.varTab(), d.returnType(), d.relocations());
  }

  private static DifObject ints(DifObject d, long[] ints) {
    return new DifObject(d.text(), ints, d.strTab(), d.varTab(), d.returnType(),
        d.relocations());
  }

  private ProgramRejectedException rejected(DProgram p) {
    ProgramRejectedException e = assertThrows(ProgramRejectedException.class,
        () -> linker.verify(base, p));
    assertEquals(1, log.size());
    assertTrue(log.get(0).startsWith("security event: relocated program rejected: "), log.get(0));
    assertTrue(log.get(0).contains(e.getMessage()));
    return e;
  }

  @Test
  void testVerify_acceptsLinkedProgram() throws Exception {
    linker.verify(base, linked);
    linker.verify(base, linked, LinkerTest.GUEST);
    assertTrue(log.isEmpty());
  }

  @Test
  void testVerify_rejectsChangeOutsideSiteNamingStatementActionOffset() {
    DProgram p = withAction(d -> text(d, 2, fmt(DIF_OP_SUB, 1, 2, 1)));
    String m = rejected(p).getMessage();
    assertTrue(m.contains("statement 0 (web*:syscall:::entry), action 0, DIF offset 2"), m);
    assertTrue(m.contains("outside a relocation site"), m);
  }

  @Test
  void testVerify_rejectsSignedLoadAtUuloadSite() {
    DProgram p = withAction(d -> text(d, 6, fmt(DIF_OP_LDSW, 1, 0, 1)));
    assertTrue(rejected(p).getMessage().contains("DIF offset 6: uuload site"));
  }

  @Test
  void testVerify_rejectsLoadWithOtherRegisters() {
    DProgram p = withAction(d -> text(d, 3, fmt(DIF_OP_LDX, 1, 0, 4)));
    assertTrue(rejected(p).getMessage().contains("uload site"));
  }

  @Test
  void testVerify_rejectsUserLoadAtKernelLoadSite() {
    DProgram p = withAction(d -> text(d, 3, fmt(DIF_OP_ULDX, 1, 0, 1)));
    assertTrue(rejected(p).getMessage().contains("uload site"));
  }

  @Test
  void testVerify_rejectsUsetxTurnedIntoCall() {
    DProgram p = withAction(d -> text(d, 1, (DIF_OP_CALL << 24) | (1 << 8) | 2));
    assertTrue(rejected(p).getMessage().contains("usetx site"));
  }

  @Test
  void testVerify_rejectsBadCastShift() {
    DProgram p = withAction(d -> {
      long[] it = d.intTab().clone();
      it[it.length - 1] = 7;
      return ints(d, it);
    });
    assertTrue(rejected(p).getMessage().contains("typecast site"));
  }

  @Test
  void testVerify_rejectsExtraIntegerEntries() {
    DProgram p = withAction(d -> ints(d, java.util.Arrays.copyOf(d.intTab(),
        d.intTab().length + 1)));
    assertTrue(rejected(p).getMessage().contains("integer table grew"));
  }

  @Test
  void testVerify_rejectsChangedProbe() {
    Statement s = linked.statements().get(0);
    DProgram p = new DProgram(List.of(new Statement(new ProbeDescription("*", "syscall", "", "",
        "entry"), s.predicate(), s.actions(), s.clause())), Map.of(), new byte[0]);
    assertTrue(rejected(p).getMessage().contains("probe or clause changed"));
  }

  @Test
  void testVerify_rejectsLeftoverRelocations() {
    DProgram p = withAction(d -> new DifObject(d.text(), d.intTab(), d.strTab(), d.varTab(),
        d.returnType(), castAndLoad().relocations()));
    assertTrue(rejected(p).getMessage().contains("still carries"));
  }

  @Test
  void testVerify_strictCatchesWrongOffsetStructuralCheckAllows() throws Exception {
    DProgram p = withAction(d -> {
      long[] it = d.intTab().clone();
      it[0] = 0; // real_cred offset replaced: reads task_struct's first word instead
      return ints(d, it);
    });
    linker.verify(base, p);
    ProgramRejectedException e = assertThrows(ProgramRejectedException.class,
        () -> linker.verify(base, p, LinkerTest.GUEST));
    assertTrue(e.getMessage().contains("DIF offset 1"), e.getMessage());
    assertTrue(e.getMessage().contains("feedface"), e.getMessage());
    assertEquals(1, log.size());
  }

  @Test
  void testVerify_everySingleBitFlipIsRejected() throws Exception {
    DifObject d = linked.statements().get(0).actions().get(0).difo();
    java.util.Set<Integer> sites = new java.util.HashSet<>();
    for (org.hypertrace.api.dif.DifRelocation r : castAndLoad().relocations()) {
      for (int k = 0; k < (r.opcode() == DIF_OP_TYPECAST ? 3 : 1); k++) {
        sites.add(r.offset() + k);
      }
    }
    int flips = 0;
    for (int pc = 0; pc < d.text().length; pc++) {
      for (int bit = 0; bit < 32; bit++) {
        final int at = pc;
        final int mask = 1 << bit;
        DProgram p = withAction(x -> text(x, at, x.text()[at] ^ mask));
        assertThrows(ProgramRejectedException.class,
            () -> linker.verify(base, p, LinkerTest.GUEST), "strict: pc " + pc + " bit " + bit);
        if (!sites.contains(pc)) {
          assertThrows(ProgramRejectedException.class, () -> linker.verify(base, p),
              "structural: pc " + pc + " bit " + bit);
          flips++;
        }
        flips++;
      }
    }
    for (int i = 0; i < d.intTab().length; i++) {
      for (int bit = 0; bit < 64; bit++) {
        long[] it = d.intTab().clone();
        it[i] ^= 1L << bit;
        DProgram p = withAction(x -> ints(x, it));
        assertThrows(ProgramRejectedException.class,
            () -> linker.verify(base, p, LinkerTest.GUEST), "int " + i + " bit " + bit);
        flips++;
      }
    }
    assertEquals(flips, log.size());
  }
}

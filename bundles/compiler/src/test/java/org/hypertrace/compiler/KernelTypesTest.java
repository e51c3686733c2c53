package org.hypertrace.compiler;

import static org.hypertrace.api.dif.DifConstants.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.hypertrace.api.compile.CompileRequest;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DErrorTag;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifRelocation;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.types.TargetTypes;
import org.hypertrace.api.types.TypeRegistry;
import org.hypertrace.guesttypes.registry.BtfTypeRegistry;
import org.hypertrace.linker.link.Linker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kernel types from the host's BTF in D: member accesses become relocation sites named by root
 * type and D path (DIF_OP_USETX's contract), result types are the kernel's, and linking the
 * program against the host's types gives exactly the offsets and load sizes BTF gives.
 */
class KernelTypesTest {
  private static TargetTypes host;

  @BeforeAll
  static void readHost() {
    assumeTrue(Files.isReadable(BtfTypeRegistry.HOST_BTF), "no host BTF");
    host = new BtfTypeRegistry().host();
  }

  private static DProgram compile(String src, boolean hyperTrace) throws DCompileException {
    return DTraceCompiler.forTarget(host).compile(request(src, hyperTrace)).program();
  }

  private static CompileRequest request(String src, boolean hyperTrace) {
    return new CompileRequest(src, "k.d", CompileRequest.Context.PROGRAM, List.of("k.d"),
        Map.of(), false, List.of(), hyperTrace);
  }

  private static DifObject action(DProgram p, int stmt, int act) {
    return p.statements().get(stmt).actions().get(act).difo();
  }

  private static String sites(DifObject d) {
    List<String> out = new ArrayList<>();
    for (DifRelocation r : d.relocations()) {
      String op = r.opcode() == DIF_OP_USETX ? "usetx" : r.opcode() == DIF_OP_ULOAD ? "uload"
          : r.opcode() == DIF_OP_UULOAD ? "uuload" : "op" + r.opcode();
      assertEquals(r.opcode(), d.text()[r.offset()] >>> 24, "site opcode at " + r.offset());
      out.add(op + " " + r.typeName() + " " + r.memberPath());
    }
    return String.join("\n", out);
  }

  /** The (opcode, int-table value or -1) of each instruction of a linked object. */
  private static List<long[]> linked(DifObject d) {
    List<long[]> out = new ArrayList<>();
    for (int in : d.text()) {
      int op = in >>> 24;
      out.add(new long[] {op, op == DIF_OP_SETX ? d.intTab()[(in >>> 8) & 0xffff] : -1});
    }
    return out;
  }

  private static DifObject link(DifObject d) throws Exception {
    return new Linker().link(d, host);
  }

  @Test
  void testCurthreadRealCredUid_oneSitePerMemberNode() throws Exception {
    DifObject d = action(compile("BEGIN { trace(curthread->real_cred->uid.val); }", false), 0,
        0);
    assertEquals("usetx struct task_struct real_cred\n"
        + "uuload struct task_struct real_cred\n"
        + "usetx struct task_struct real_cred->uid\n"
        + "usetx struct task_struct real_cred->uid.val\n"
        + "uuload struct task_struct real_cred->uid.val", sites(d));
    assertEquals(4, d.returnType().size(), "uid.val is unsigned int");
    assertNotEquals(0, d.returnType().flags() & DIF_TF_UNSIGNED, "unsigned for %d and trace()");
  }

  @Test
  void testCurthreadRealCredUid_linkedLoadsBtfOffsetsAndSizes() throws Exception {
    DifObject d = link(action(compile("BEGIN { trace(curthread->real_cred->uid.val); }",
        false), 0, 0));
    assertTrue(d.relocations().isEmpty());
    List<long[]> in = linked(d);
    List<Long> offsets = new ArrayList<>();
    List<Integer> loads = new ArrayList<>();
    for (long[] i : in) {
      if (i[0] == DIF_OP_SETX) {
        offsets.add(i[1]);
      } else if (i[0] >= DIF_OP_LDSB && i[0] <= DIF_OP_LDX) {
        loads.add((int) i[0]);
      }
    }
    assertEquals(List.of(host.require("struct task_struct", "real_cred").offset(),
        host.require("struct cred", "uid").offset(), host.require("kuid_t", "val").offset()),
        offsets);
    assertEquals(8, host.require("struct task_struct", "real_cred").size());
    assertEquals(4, host.require("struct task_struct", "real_cred->uid.val").size());
    assertEquals(List.of(DIF_OP_LDX, DIF_OP_LDUW), loads);
  }

  @Test
  void testComm_isAddressWithoutLoad() throws Exception {
    DifObject d = action(compile("BEGIN { trace(curthread->comm); }", false), 0, 0);
    assertEquals("usetx struct task_struct comm", sites(d));
    assertEquals(16, d.returnType().size());
    assertNotEquals(0, d.returnType().flags() & DIF_TF_BYREF);
    List<long[]> in = linked(link(d));
    assertEquals(host.require("struct task_struct", "comm").offset(), in.stream()
        .filter(i -> i[0] == DIF_OP_SETX).findFirst().orElseThrow()[1]);
    assertTrue(in.stream().noneMatch(i -> i[0] >= DIF_OP_LDSB && i[0] <= DIF_OP_LDX));
  }

  @Test
  void testComm_usableAsString() throws Exception {
    compile("BEGIN { printf(\"%s %s\\n\", curthread->comm, stringof(curthread->comm)); "
        + "@[curthread->comm] = count(); }", false);
    compile("BEGIN /execname == stringof(curthread->comm)/ { trace(1); }", false);
  }

  @Test
  void testUnsigned_traceFlaggedPrintfByFormat() throws Exception {
    DProgram p = compile("BEGIN { trace(curthread->real_cred->uid.val); printf(\"%i %d\\n\", "
        + "curthread->real_cred->uid.val, curthread->real_cred->uid.val); }", false);
    assertNotEquals(0, action(p, 0, 0).returnType().flags() & DIF_TF_UNSIGNED);
    assertEquals(0, action(p, 0, 1).returnType().flags() & DIF_TF_UNSIGNED, "%i is signed");
    assertEquals(0, action(p, 0, 2).returnType().flags() & DIF_TF_UNSIGNED);
    assertTrue(p.statements().get(0).actions().get(1).format().contains("%u"),
        "%d of an unsigned int prints as %u (pfcheck_dint)");
  }

  @Test
  void testSignedMember_isUload() throws Exception {
    DifObject d = action(compile("BEGIN { trace(curthread->pid); }", false), 0, 0);
    assertEquals("usetx struct task_struct pid\nuload struct task_struct pid", sites(d));
    assertEquals(0, d.returnType().flags() & DIF_TF_UNSIGNED);
  }

  @Test
  void testNoSuchMember_isTypeMemberWithLine() {
    DCompileException e = assertThrows(DCompileException.class,
        () -> compile("BEGIN\n{\n  trace(curthread->nosuch);\n}", false));
    assertEquals(DErrorTag.D_TYPE_MEMBER, e.tag());
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("nosuch is not a member of struct task_struct"),
        e.getMessage());
  }

  @Test
  void testCastsAndDeclarations_useKernelTypes() throws Exception {
    DifObject d = action(compile("BEGIN { trace(((struct file *)arg0)->f_inode->i_ino); }",
        false), 0, 0);
    assertEquals("usetx struct file f_inode\nuuload struct file f_inode\n"
        + "usetx struct file f_inode->i_ino\nuuload struct file f_inode->i_ino", sites(d));
    DProgram p = compile("BEGIN { this->t = curthread; trace(this->t->tgid); "
        + "self->cred = curthread->real_cred; trace(self->cred->euid.val); }", false);
    assertEquals("usetx struct task_struct tgid\nuload struct task_struct tgid",
        sites(action(p, 0, 1)));
    assertEquals("usetx struct cred euid\nusetx struct cred euid.val\n"
        + "uuload struct cred euid.val", sites(action(p, 0, 3)));
    compile("struct task_struct *t; BEGIN { t = curthread; trace(t->pid); }", false);
  }

  @Test
  void testModuleScopedNames_areKernelTypedefs() throws Exception {
    DifObject d = action(compile("BEGIN { trace(((vmlinux`kuid_t *)arg0)->val); "
        + "trace((vmlinux`u32)arg0); }", false), 0, 0);
    assertEquals("usetx kuid_t val\nuuload kuid_t val", sites(d));
    DifObject u = action(compile("BEGIN { trace((vmlinux`u32)arg0); }", false), 0, 0);
    assertEquals(4, u.returnType().size());
    assertNotEquals(0, u.returnType().flags() & DIF_TF_UNSIGNED);
  }

  @Test
  void testSizeofOffsetof_areTheKernels() throws Exception {
    DifObject d = action(compile("BEGIN { trace(sizeof (struct task_struct)); "
        + "trace(offsetof(struct task_struct, comm)); }", false), 0, 0);
    assertEquals(host.sizeOf("struct task_struct").getAsLong(), d.intTab()[0]);
    DifObject o = action(compile("BEGIN { trace(offsetof(struct task_struct, comm)); }",
        false), 0, 0);
    assertEquals(host.require("struct task_struct", "comm").offset(), o.intTab()[0]);
  }

  @Test
  void testSizeofOffsetof_underHyperTraceAreSites() throws Exception {
    DProgram p = compile("x:syscall:::entry { trace(sizeof (struct task_struct)); "
        + "trace(offsetof(struct task_struct, comm)); trace(sizeof (*curthread->real_cred)); "
        + "trace(sizeof (curthread->comm)); }", true);
    assertEquals("usetx struct task_struct ", sites(action(p, 0, 0)));
    assertEquals("usetx struct task_struct comm", sites(action(p, 0, 1)));
    assertEquals("usetx struct cred ", sites(action(p, 0, 2)));
    assertEquals("", sites(action(p, 0, 3)), "an array of char: the same everywhere");
    List<long[]> in = linked(link(action(p, 0, 1)));
    assertEquals(host.require("struct task_struct", "comm").offset(), in.get(0)[1]);
  }

  @Test
  void testPointerArithmetic_scalesByRelocatedSize() throws Exception {
    DifObject d = action(compile("BEGIN { trace(curthread + 1); }", false), 0, 0);
    assertEquals("usetx struct task_struct ", sites(d));
    List<long[]> in = linked(link(d));
    assertTrue(in.stream().anyMatch(i -> i[0] == DIF_OP_SETX
        && i[1] == host.sizeOf("struct task_struct").getAsLong()));
  }

  @Test
  void testHyperTrace_sameSitesAsLocal() throws Exception {
    String src = "BEGIN { trace(curthread->real_cred->uid.val); }";
    assertEquals(sites(action(compile(src, false), 0, 0)),
        sites(action(compile(src, true), 0, 0)));
    assertEquals("usetx struct task_struct real_cred\nuuload struct task_struct real_cred",
        sites(action(compile("x:syscall:::entry { trace(curthread->real_cred); }", true), 0,
        0)));
  }

  @Test
  void testHyperTrace_issueExampleLinksVerifiesAndCrossesElf() throws Exception {
    DProgram base = compile("web*:syscall:::entry { @[curthread->real_cred->uid.val, "
        + "curthread->real_cred->gid.val] = count(); }", true);
    org.hypertrace.compiler.elf.ElfContainer elf = new org.hypertrace.compiler.elf.ElfContainer();
    DProgram sent = elf.read(elf.write(base));
    Linker linker = new Linker();
    DProgram relocated = linker.link(sent, host);
    linker.verify(sent, relocated, host);
    StringBuilder all = new StringBuilder();
    for (var a : sent.statements().get(0).actions()) {
      all.append(a.difo() == null ? "" : sites(a.difo()) + "\n");
    }
    assertTrue(all.toString().contains("usetx struct task_struct real_cred\n"
        + "uuload struct task_struct real_cred\n"
        + "usetx struct task_struct real_cred->gid\n"
        + "usetx struct task_struct real_cred->gid.val\n"
        + "uuload struct task_struct real_cred->gid.val\n"), all.toString());
    for (var a : relocated.statements().get(0).actions()) {
      assertTrue(a.difo() == null || a.difo().relocations().isEmpty());
    }
  }

  @Test
  void testDerefChain_continuesPath() throws Exception {
    DifObject d = action(compile("BEGIN { trace((*curthread->real_cred).uid.val); }", false),
        0, 0);
    assertEquals("usetx struct task_struct real_cred\n"
        + "uuload struct task_struct real_cred\n"
        + "usetx struct task_struct real_cred->uid\n"
        + "usetx struct task_struct real_cred->uid.val\n"
        + "uuload struct task_struct real_cred->uid.val", sites(d));
  }

  @Test
  void testAnonymousStructMember_namedByRootAndPath() throws Exception {
    assumeTrue(host.resolve("struct sk_buff", "headers.protocol").isPresent()
        && host.require("struct sk_buff", "headers").type().name().contains("<anon>"),
        "this kernel's sk_buff has no anonymous struct member 'headers'");
    DProgram p = compile("BEGIN { trace(((struct sk_buff *)arg0)->headers.protocol); "
        + "this->h = &((struct sk_buff *)arg0)->headers; trace(this->h->protocol); }", false);
    assertEquals("usetx struct sk_buff headers\nusetx struct sk_buff headers.protocol\n"
        + "uuload struct sk_buff headers.protocol", sites(action(p, 0, 0)));
    // through a pointer to the anonymous struct: the same path, its offset inside headers
    DifObject d = action(p, 0, 2);
    assertEquals("usetx struct sk_buff headers.protocol\n"
        + "uuload struct sk_buff headers.protocol", sites(d));
    long inside = host.require("struct sk_buff", "headers.protocol").offset()
        - host.require("struct sk_buff", "headers").offset();
    assertEquals(inside, linked(link(d)).stream().filter(i -> i[0] == DIF_OP_SETX)
        .findFirst().orElseThrow()[1]);
  }

  /** A registry that counts reads of the host's types. */
  private static TypeRegistry counting(AtomicInteger reads, TargetTypes t) {
    return new TypeRegistry() {
      @Override
      public TargetTypes host() {
        reads.incrementAndGet();
        return t;
      }

      @Override
      public Optional<TargetTypes> forDigest(String digest) {
        return Optional.empty();
      }

      @Override
      public TargetTypes register(byte[] data) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Set<String> digests() {
        return Set.of();
      }
    };
  }

  @Test
  void testNoKernelType_readsNoBtf() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    TypeRegistry r = counting(reads, host);
    DTraceCompiler c = new DTraceCompiler(() -> r);
    c.compile(request("BEGIN { exit(0); }", false));
    c.compile(request("struct foo { int a; }; struct foo x; BEGIN { x.a = 1; "
        + "trace(curthread); @[curthread] = count(); trace(x.a); }", false));
    assertEquals(0, reads.get());
    c.compile(request("BEGIN { trace(curthread->pid); }", false));
    assertEquals(1, reads.get());
  }

  @Test
  void testNoBtfUnderHyperTrace_opaqueAsWithoutRegistry() throws Exception {
    TypeRegistry r = new BtfTypeRegistry(Path.of("/nonexistent/btf/vmlinux"));
    DifObject d = action(new DTraceCompiler(() -> r).compile(request(
        "x:syscall:::entry { trace(curthread->pid); }", true)).program(), 0, 0);
    assertEquals("usetx struct task_struct pid\nuload struct task_struct pid", sites(d));
  }

  @Test
  void testNoBtf_oneLineNamingTheFile() {
    Path missing = Path.of("/nonexistent/btf/vmlinux");
    TypeRegistry r = new BtfTypeRegistry(missing);
    DCompileException e = assertThrows(DCompileException.class, () -> new DTraceCompiler(
        () -> r).compile(request("BEGIN\n{ trace(curthread->comm); }", false)));
    assertEquals(DErrorTag.D_TYPE_ERR, e.tag());
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    assertFalse(e.getMessage().strip().contains("\n"), e.getMessage());
  }
}

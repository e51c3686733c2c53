package org.hypertrace.guesttypes.registry;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.hypertrace.api.types.LoadStep;
import org.hypertrace.api.types.MemberAccess;
import org.hypertrace.api.types.MemberInfo;
import org.hypertrace.api.types.TypeInfo;
import org.hypertrace.api.types.TypeKind;
import org.hypertrace.api.types.TypeResolutionException;
import org.hypertrace.guesttypes.btf.BtfReader;
import org.hypertrace.guesttypes.btf.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Type lookup and member paths on the hand-built fixture (every kind and encoding). */
class BtfTargetTypesTest {
  private static BtfTargetTypes types;

  @BeforeAll
  static void load() throws Exception {
    byte[] raw = Fixtures.allKinds();
    types = new BtfTargetTypes(BtfReader.read(raw), BtfTypeRegistry.sha256(raw));
  }

  @Test
  void testResolve_array() {
    MemberAccess a = types.require("struct task", "comm");
    assertEquals(new TypeInfo("char [16]", TypeKind.ARRAY, 16, false), a.type());
    assertEquals(List.of(new LoadStep(0, 16)), a.steps());
  }

  @Test
  void testResolve_arrowChainIsTwoLoads() {
    MemberAccess a = types.require("struct task", "real_cred->uid.val");
    assertEquals(List.of(new LoadStep(16, 8), new LoadStep(0, 4)), a.steps());
    assertEquals(4, a.size());
    assertFalse(a.signed());
    assertEquals(1, a.dereferences());
    assertEquals("unsigned int", a.type().name());
  }

  @Test
  void testResolve_dotThroughPointerDereferences() {
    MemberAccess a = types.require("struct task", "real_cred.gid.val");
    assertEquals(List.of(new LoadStep(16, 8), new LoadStep(4, 4)), a.steps());
  }

  @Test
  void testResolve_pointerMemberTypeKeepsQualifiersOut() {
    MemberAccess a = types.require("task", "real_cred");
    assertEquals(new TypeInfo("struct cred *", TypeKind.POINTER, 8, false), a.type());
  }

  @Test
  void testResolve_anonymousUnionMember() {
    MemberAccess x = types.require("struct cred", "x");
    assertEquals(8, x.offset());
    assertTrue(x.signed());
    assertEquals(8, types.require("struct cred", "y").offset());
  }

  @Test
  void testResolve_kindFlagBitfields() {
    MemberAccess b = types.require("struct cred", "flags.b");
    assertTrue(b.isBitfield());
    assertEquals(16, b.offset());
    assertEquals(4, b.size());
    assertEquals(1, b.bitOffset());
    assertEquals(3, b.bitSize());
    assertFalse(b.signed());
    MemberAccess c = types.require("struct cred", "flags.c");
    assertEquals(4, c.bitOffset());
    assertEquals(4, c.bitSize());
    assertTrue(c.signed());
  }

  @Test
  void testResolve_legacyIntBitfield() {
    MemberAccess l = types.require("struct cred", "legacy");
    assertEquals(20, l.offset());
    assertEquals(2, l.bitOffset());
    assertEquals(5, l.bitSize());
  }

  @Test
  void testResolve_enumThroughVolatileIsSigned() {
    MemberAccess s = types.require("struct task", "state");
    assertEquals(TypeKind.ENUM, s.type().kind());
    assertTrue(s.signed());
    assertEquals(24, s.offset());
  }

  @Test
  void testResolve_subscript() {
    MemberAccess c = types.require("struct task", "comm[3]");
    assertEquals(3, c.offset());
    assertEquals(1, c.size());
    assertTrue(c.signed());
  }

  @Test
  void testResolve_startingFromPointerType() {
    MemberAccess a = types.require("struct task *", "->real_cred->uid.val");
    assertEquals(2, a.steps().size());
  }

  @Test
  void testType_typedefChainAndAliases() {
    assertEquals(new TypeInfo("kuid_t", TypeKind.STRUCT, 4, false), types.type("kuid_t").get());
    assertEquals(4, types.sizeOf("uid_t").getAsLong());
    assertEquals(4, types.sizeOf("unsigned").getAsLong());
    assertEquals(8, types.sizeOf("struct cred *").getAsLong());
    assertEquals(64, types.sizeOf("struct task").getAsLong(), "complete struct beats fwd");
    assertTrue(types.type("struct nosuch").isEmpty());
    assertEquals(TypeKind.FUNCTION, types.type("f").isEmpty() ? TypeKind.FUNCTION : null);
  }

  @Test
  void testResolve_unknownMemberNamesTypeMemberAndDigest() {
    TypeResolutionException e = assertThrows(TypeResolutionException.class,
        () -> types.require("struct task", "real_cred->nosuch"));
    assertTrue(e.getMessage().contains("no member nosuch in struct cred"), e.getMessage());
    assertTrue(e.getMessage().contains("type struct task"), e.getMessage());
    assertTrue(e.getMessage().contains("member real_cred->nosuch"), e.getMessage());
    assertTrue(e.getMessage().contains(types.digest()), e.getMessage());
    assertTrue(types.resolve("struct task", "nosuch").isEmpty());
  }

  @Test
  void testResolve_arrowOnNonPointer() {
    TypeResolutionException e = assertThrows(TypeResolutionException.class,
        () -> types.require("struct task", "comm->x"));
    assertTrue(e.getMessage().contains("not a pointer"), e.getMessage());
  }

  @Test
  void testResolve_cyclicTypedefFailsInsteadOfLooping() {
    TypeResolutionException e = assertThrows(TypeResolutionException.class,
        () -> types.require("loop1", ""));
    assertTrue(e.getMessage().contains("cyclic"), e.getMessage());
  }

  @Test
  void testResolve_badPathSyntax() {
    assertThrows(TypeResolutionException.class, () -> types.require("struct task", "comm[x]"));
    assertThrows(TypeResolutionException.class, () -> types.require("struct task", "a..b"));
  }

  @Test
  void testMembers_flattensAnonymousAndKeepsBitfields() {
    List<MemberInfo> m = types.members("struct cred");
    assertEquals(List.of("uid", "gid", "x", "y", "flags", "legacy"),
        m.stream().map(MemberInfo::name).toList());
    assertEquals(8, m.get(2).offset());
    assertEquals(5, m.get(5).bitSize());
    assertTrue(types.members("int").isEmpty());
    assertTrue(types.members("struct nosuch").isEmpty());
  }

  @Test
  void testType_namesOfPointersAndArraysLookUpAgain() {
    TypeInfo comm = types.require("struct task", "comm").type();
    assertEquals(comm, types.type(comm.name()).orElseThrow());
    TypeInfo cred = types.require("struct task", "real_cred").type();
    assertEquals(cred, types.type(cred.name()).orElseThrow());
  }
}

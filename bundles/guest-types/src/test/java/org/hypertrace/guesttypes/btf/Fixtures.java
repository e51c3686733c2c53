package org.hypertrace.guesttypes.btf;

import static org.hypertrace.guesttypes.btf.BtfKind.*;

/** Test-only: a small BTF that has every kind and encoding the registry must handle. */
public final class Fixtures {
  private Fixtures() {}

  /**
   * Types (ids): 1 int, 2 unsigned int, 3 char, 4 uid_t, 5 anon struct {val}, 6 kuid_t,
   * 7 char[16], 8 struct flags (kind_flag bitfields a:1 b:3 c:4), 9 anon union {x, y},
   * 10 struct cred {uid, gid, anon union, flags, old-style bitfield legacy}, 11 const cred,
   * 12 ptr, 13 enum state, 14 volatile enum, 15 struct task {comm, real_cred, state},
   * 16 func_proto, 17 func f, 18 restrict ptr, 19/20 cyclic typedefs, 21 fwd struct task,
   * 22 int "legacy" (4 bytes, 5 bits at bit offset 2).
   */
  public static byte[] allKinds() {
    BtfBuilder b = new BtfBuilder();
    b.integer("int", 4, true);
    b.integer("unsigned int", 4, false);
    b.integer("char", 1, true);
    b.typedef("uid_t", 2);
    b.struct(BTF_KIND_STRUCT, "", 4, false, "val", 4, 0);
    b.typedef("kuid_t", 5);
    b.array(3, 1, 16);
    b.struct(BTF_KIND_STRUCT, "flags", 4, true, "a", 2, (1 << 24), "b", 2, (3 << 24) | 1,
        "c", 1, (4 << 24) | 4);
    b.struct(BTF_KIND_UNION, "", 8, false, "x", 1, 0, "y", 2, 0);
    b.struct(BTF_KIND_STRUCT, "cred", 40, false, "uid", 6, 0, "gid", 6, 32, "", 9, 64,
        "flags", 8, 128, "legacy", 22, 160);
    b.qualifier(BTF_KIND_CONST, 10);
    b.ptr(11);
    b.enumeration("state", 4, false, "RUNNING", 0, "DEAD", -1);
    b.qualifier(BTF_KIND_VOLATILE, 13);
    b.struct(BTF_KIND_STRUCT, "task", 64, false, "comm", 7, 0, "real_cred", 12, 128,
        "state", 14, 192);
    b.funcProto(1, "p", 12, "", 0);
    b.func("f", 16);
    b.qualifier(BTF_KIND_RESTRICT, 12);
    b.typedef("loop1", 20);
    b.typedef("loop2", 19);
    b.type(b.str("task"), BTF_KIND_FWD, 0, false, 0);
    int legacy = b.type(b.str("legacy_t"), BTF_KIND_INT, 0, false, 4);
    b.tail((2 << 16) | 5);
    if (legacy != 22) {
      throw new IllegalStateException("fixture ids moved: " + legacy);
    }
    return b.build();
  }
}

package org.hypertrace.guesttypes.registry;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.hypertrace.api.types.TypeResolutionException;
import org.hypertrace.guesttypes.btf.Btf;
import org.hypertrace.guesttypes.btf.BtfFormatException;
import org.hypertrace.guesttypes.btf.BtfReader;
import org.hypertrace.guesttypes.btf.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Guest BTF is untrusted: randomly corrupted BTF must give a {@link BtfFormatException} when read
 * or a {@link TypeResolutionException} when used, never another exception or a hang.
 */
class MutatedBtfTest {
  private static final String[][] QUERIES = {
      {"struct task", "real_cred->uid.val"}, {"struct task", "comm[3]"},
      {"struct cred", "flags.b"}, {"struct cred", "x"}, {"struct cred", "legacy"},
      {"loop1", ""}, {"kuid_t", "val"}, {"struct task", "state"}};

  @Test
  void testMutations_failOnlyWithTypedExceptions() {
    byte[] good = Fixtures.allKinds();
    Random rnd = new Random(20261126L);
    int read = 0;
    for (int round = 0; round < 3000; round++) {
      byte[] d = good.clone();
      int flips = 1 + rnd.nextInt(4);
      for (int f = 0; f < flips; f++) {
        int at = 24 + rnd.nextInt(d.length - 24);
        d[at] = (byte) (rnd.nextBoolean() ? rnd.nextInt(256) : d[at] ^ (1 << rnd.nextInt(8)));
      }
      Btf btf;
      try {
        btf = BtfReader.read(d);
      } catch (BtfFormatException e) {
        assertNotNull(e.field());
        continue;
      }
      read++;
      BtfTargetTypes t = new BtfTargetTypes(btf, "mutant");
      for (String[] q : QUERIES) {
        try {
          t.require(q[0], q[1]);
          t.members(q[0]);
          t.type(q[0]);
        } catch (TypeResolutionException e) {
          assertTrue(e.getMessage().contains("mutant"), e.getMessage());
        }
      }
    }
    assertTrue(read > 100, "mutants that still parse: " + read);
  }

  @Test
  void testSelfNestedAnonymousMembers_terminate() throws Exception {
    org.hypertrace.guesttypes.btf.BtfBuilder b = new org.hypertrace.guesttypes.btf.BtfBuilder();
    // struct s { struct s; struct s; struct s; struct s; } -- impossible in C, cheap in BTF
    b.struct(org.hypertrace.guesttypes.btf.BtfKind.BTF_KIND_STRUCT, "s", 8, false,
        "", 1, 0, "", 1, 0, "", 1, 0, "", 1, 0);
    BtfTargetTypes t = new BtfTargetTypes(BtfReader.read(b.build()), "selfish");
    TypeResolutionException e = assertThrows(TypeResolutionException.class,
        () -> t.require("struct s", "nosuch"));
    assertTrue(e.getMessage().contains("nest too deeply"), e.getMessage());
    assertTrue(t.members("struct s").isEmpty());
  }
}

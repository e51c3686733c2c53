package org.hypertrace.compiler.dof;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.hypertrace.api.compile.CompileRequest;
import org.hypertrace.api.dof.DofConstants;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProgramFormatException;
import org.hypertrace.compiler.DTraceCompiler;
import org.junit.jupiter.api.Test;

class DofContainerTest {
  static final String SRC = "#pragma D option quiet\n"
      + "BEGIN, tick-1s /pid != 0/ { @c[execname, 1] = lquantize(3, 0, 10); "
      + "printf(\"%s %d\\n\", execname, self->x++); }\n"
      + "END { printa(\"%s %d %@d\\n\", @c); exit(0); }";

  static DProgram program() throws Exception {
    return new DTraceCompiler().compile(new CompileRequest(SRC, "t.d",
        CompileRequest.Context.PROGRAM, List.of("t.d"), Map.of(), false, List.of(), false))
        .program();
  }

  /** An independent dump of a DOF image: header fields and each section's header. */
  static String dump(byte[] dof) {
    ByteBuffer b = ByteBuffer.wrap(dof).order(ByteOrder.LITTLE_ENDIAN);
    StringBuilder sb = new StringBuilder();
    int secnum = b.getInt(28);
    long secoff = b.getLong(32);
    sb.append("secnum=").append(secnum).append(" loadsz=").append(b.getLong(40))
        .append(" filesz=").append(b.getLong(48)).append('\n');
    for (int i = 0; i < secnum; i++) {
      int at = (int) secoff + 32 * i;
      sb.append(i).append(": type=").append(b.getInt(at)).append(" align=")
          .append(b.getInt(at + 4)).append(" flags=").append(b.getInt(at + 8))
          .append(" entsize=").append(b.getInt(at + 12)).append(" size=")
          .append(b.getLong(at + 24)).append('\n');
    }
    return sb.toString();
  }

  @Test
  void testRoundTrip_dofModelDofIsByteStable() throws Exception {
    DofContainer c = new DofContainer();
    byte[] a = c.write(program());
    DProgram back = c.read(a);
    byte[] again = c.write(back);
    assertEquals(dump(a), dump(again));
    assertArrayEquals(a, again);
  }

  @Test
  void testRoundTrip_modelSurvives() throws Exception {
    DProgram p = program();
    DProgram q = new DofContainer().read(new DofContainer().write(p));
    assertEquals(p.statements().size(), q.statements().size());
    assertEquals(p.options(), q.options());
    for (int i = 0; i < p.statements().size(); i++) {
      assertEquals(p.statements().get(i).probe(), q.statements().get(i).probe());
      assertEquals(p.statements().get(i).actions().size(),
          q.statements().get(i).actions().size());
      assertEquals(p.statements().get(i).clause(), q.statements().get(i).clause());
    }
    assertEquals("%s %lli\n", q.statements().get(0).actions().get(4).format());
    assertEquals("c", q.statements().get(0).actions().get(3).aggregation().name());
    assertArrayEquals(p.statements().get(0).predicate().text(),
        q.statements().get(0).predicate().text());
  }

  @Test
  void testLayout_headerAndFirstSectionAreDtraces() throws Exception {
    byte[] d = new DofContainer().write(program());
    ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0x7f, d[0] & 0xff);
    assertEquals('D', d[1]);
    assertEquals(DofConstants.DOF_MODEL_LP64, d[4]);
    assertEquals(2, d[7]);
    assertEquals(64, b.getInt(20));
    assertEquals(32, b.getInt(24));
    assertEquals(DofConstants.DOF_SECT_STRTAB, b.getInt(64));
    assertEquals(d.length, b.getLong(48));
  }

  static byte[] patch(byte[] d, int at, int v) {
    byte[] c = d.clone();
    ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
    return c;
  }

  static void bad(byte[] d, String field) {
    ProgramFormatException e = assertThrows(ProgramFormatException.class,
        () -> DofReader.read(d));
    assertTrue(e.getMessage().contains(field), e.getMessage());
  }

  @Test
  void testNegativeCorpus_namesTheField() throws Exception {
    byte[] d = new DofContainer().write(program());
    byte[] magic = d.clone();
    magic[1] = 'X';
    bad(magic, "dofh_ident");
    bad(patch(d, 64, 99), "dofs_type");
    bad(java.util.Arrays.copyOf(d, 40), "truncated");
    bad(java.util.Arrays.copyOf(d, d.length - 1), "dofh_filesz");
    bad(new byte[DofReader.MAX_DOF + 1], "dofh_filesz");
    ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
    int secnum = b.getInt(28);
    for (int i = 0; i < secnum; i++) {
      int at = 64 + 32 * i;
      if (b.getInt(at) == DofConstants.DOF_SECT_PROBEDESC) {
        int off = (int) b.getLong(at + 16);
        bad(patch(d, off + 4, 1 << 20), "dofp_provider");
        break;
      }
    }
    for (int i = 0; i < secnum; i++) {
      int at = 64 + 32 * i;
      if (b.getInt(at) == DofConstants.DOF_SECT_DIF) {
        byte[] big = patch(d, at + 24, 0);
        ByteBuffer.wrap(big).order(ByteOrder.LITTLE_ENDIAN).putLong(at + 24, 300 * 1024);
        bad(big, "dofs_offset/dofs_size");
        break;
      }
    }
  }

  @Test
  void testRandomMutations_neverThrowUnchecked() throws Exception {
    byte[] d = new DofContainer().write(program());
    java.util.Random r = new java.util.Random(11);
    for (int i = 0; i < 2000; i++) {
      byte[] m = d.clone();
      for (int k = 0; k < 1 + r.nextInt(4); k++) {
        m[r.nextInt(m.length)] = (byte) r.nextInt(256);
      }
      try {
        DofReader.read(m);
      } catch (ProgramFormatException e) {
        assertNotNull(e.getMessage());
      }
    }
  }
}

package org.hypertrace.compiler.elf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hypertrace.api.dif.DifConstants;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifRelocation;
import org.hypertrace.api.dif.DifType;
import org.hypertrace.api.dif.DifVariable;
import org.hypertrace.api.dtrace.DTraceConstants;
import org.hypertrace.api.program.ActionDescription;
import org.hypertrace.api.program.AggregationDescription;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.program.ProgramFormatException;
import org.hypertrace.api.program.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ElfContainerTest {
  private static final DifType STR = new DifType(DifConstants.DIF_TYPE_STRING, 0,
      DifConstants.DIF_TF_BYREF, 256);

  /** Two probe descriptions of one clause, a predicate, printf, an aggregation, a relocation. */
  public static DProgram sample() {
    DifObject pred = new DifObject(new int[] {0x25000101, 0x17000001}, new long[] {42},
        "x\0".getBytes(), List.of(new DifVariable("x", 0x500, 1, 0, 1, DifType.INT64)),
        DifType.INT64, List.of());
    DifObject uid = new DifObject(new int[] {0x1a000001, 0x17000001}, new long[0], new byte[0],
        List.of(), DifType.INT64, List.of(new DifRelocation(0, DifConstants.DIF_OP_USETX,
            "struct task_struct", "real_cred.uid.val")));
    AggregationDescription agg = new AggregationDescription(1, "calls",
        DTraceConstants.DTRACEAGG_COUNT, List.of(STR, DifType.INT64));
    List<ActionDescription> acts = List.of(
        new ActionDescription(DTraceConstants.DTRACEACT_PRINTF, uid, 0, 0, 0, "uid %d\n", null),
        new ActionDescription(DTraceConstants.DTRACEACT_DIFEXPR, uid, 0, 0, 0, null, null),
        new ActionDescription(DTraceConstants.DTRACEAGG_COUNT, null, 2, 0, 1, null, agg));
    Map<String, String> opts = new LinkedHashMap<>();
    opts.put("quiet", "");
    opts.put("bufsize", "8m");
    byte[] id = new byte[128];
    id[0] = 7;
    return new DProgram(List.of(
        new Statement(new ProbeDescription("web*", "syscall", "", "read", "entry"), pred, acts, 0),
        new Statement(new ProbeDescription("", "", "", "", "BEGIN"), pred, acts, 0),
        new Statement(new ProbeDescription("", "", "", "", "END"), null, List.of(), 1)),
        opts, id);
  }

  @Test
  void testRoundTrip_byteStableAndSharingKept() throws Exception {
    byte[] a = ElfProgramWriter.write(sample());
    DProgram p = ElfProgramReader.read(a);
    assertArrayEquals(a, ElfProgramWriter.write(p));
    assertEquals(3, p.statements().size());
    assertSame(p.statements().get(0).actions(), p.statements().get(1).actions());
    assertSame(p.statements().get(0).predicate(), p.statements().get(1).predicate());
    assertNull(p.statements().get(2).predicate());
    assertEquals("web*:syscall::read:entry", p.statements().get(0).probe().toString());
    ActionDescription printf = p.statements().get(0).actions().get(0);
    assertEquals("uid %d\n", printf.format());
    assertSame(printf.difo(), p.statements().get(0).actions().get(1).difo());
    assertEquals("real_cred.uid.val", printf.difo().relocations().get(0).memberPath());
    AggregationDescription agg = p.statements().get(0).actions().get(2).aggregation();
    assertEquals(List.of(STR, DifType.INT64), agg.keyTypes());
    assertEquals("8m", p.options().get("bufsize"));
    assertEquals(7, p.identity()[0]);
    assertEquals(42L, p.statements().get(0).predicate().intTab()[0]);
  }

  @Test
  void testWriter_readelfSeesEverySection(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("p.elf");
    Files.write(f, ElfProgramWriter.write(sample()));
    Process pr = new ProcessBuilder("readelf", "-S", "-W", f.toString()).redirectErrorStream(true)
        .start();
    String out = new String(pr.getInputStream().readAllBytes());
    org.junit.jupiter.api.Assumptions.assumeTrue(pr.waitFor() == 0 || !out.isEmpty(),
        "readelf (binutils) not installed");
    for (String s : ElfLayout.SECTIONS.subList(1, ElfLayout.SECTIONS.size())) {
      assertTrue(out.contains(s), s + " missing in\n" + out);
    }
    assertTrue(!out.contains("Warning") && !out.contains("Error"), out);
  }

  private static ByteBuffer le(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static String fail(byte[] b) {
    return assertThrows(ProgramFormatException.class, () -> ElfProgramReader.read(b))
        .getMessage();
  }

  @Test
  void testReader_badMagic() {
    byte[] b = ElfProgramWriter.write(sample());
    b[1] = 'X';
    assertEquals("ELF header: bad magic", fail(b));
  }

  @Test
  void testReader_truncated() {
    byte[] b = ElfProgramWriter.write(sample());
    assertTrue(fail(java.util.Arrays.copyOf(b, b.length - 40)).startsWith("ELF header: e_shoff"));
    assertEquals("ELF header: truncated", fail(new byte[10]));
  }

  @Test
  void testReader_sectionOutOfRange() {
    byte[] b = ElfProgramWriter.write(sample());
    int shoff = (int) le(b).getLong(40);
    le(b).putLong(shoff + 4 * 64 + 24, 1L << 40);
    assertEquals("section 4: sh_offset/sh_size out of range", fail(b));
  }

  @Test
  void testReader_stringOffsetOutOfRange() {
    byte[] b = ElfProgramWriter.write(sample());
    int shoff = (int) le(b).getLong(40);
    int stmtOff = (int) le(b).getLong(shoff + ElfLayout.S_STMT * 64 + 24);
    le(b).putInt(stmtOff + 4, 999_999);
    assertEquals(".dtrace_stmt[0].provider: string offset 999999 out of range", fail(b));
  }

  @Test
  void testReader_difoOver256KiB() {
    byte[] b = ElfProgramWriter.write(sample());
    int shoff = (int) le(b).getLong(40);
    int difoOff = (int) le(b).getLong(shoff + ElfLayout.S_DIFO * 64 + 24);
    le(b).putInt(difoOff + 4, 70_000);
    assertEquals(".dtrace_difo[0]: DIF object of 70000 instructions exceeds 256 KiB", fail(b));
  }

  @Test
  void testReader_over8MiB() {
    assertEquals("ELF container: 8388609 bytes exceeds the limit of 8388608",
        fail(new byte[(8 << 20) + 1]));
  }

  @Test
  void testReader_actionIndexOutOfRange() {
    byte[] b = ElfProgramWriter.write(sample());
    int shoff = (int) le(b).getLong(40);
    int actOff = (int) le(b).getLong(shoff + ElfLayout.S_ACT * 64 + 24);
    le(b).putInt(actOff + 4, 55);
    assertEquals(".dtrace_actdesc[0].difo 55 out of range", fail(b));
  }
}

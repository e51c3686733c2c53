package org.hypertrace.linker.dif;

import static org.hypertrace.api.dif.DifConstants.*;
import static org.hypertrace.linker.dif.Asm.fmt;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifRelocation;
import org.junit.jupiter.api.Test;

class DifReaderWriterTest {
  /** One instruction of every operand format. */
  private static final int[] EVERY_FORMAT = {
      fmt(DIF_OP_ADD, 1, 2, 3), (DIF_OP_BE << 24) | 7, fmt(DIF_OP_LDUW, 1, 0, 2),
      fmt(DIF_OP_STX, 3, 0, 4), DIF_OP_POPTS << 24, fmt(DIF_OP_MOV, 1, 0, 5),
      fmt(DIF_OP_SCMP, 1, 2, 0), fmt(DIF_OP_TST, 6, 0, 0), fmt(DIF_OP_LDGA, 9, 2, 3),
      (DIF_OP_LDTS << 24) | (0x501 << 8) | 4, (DIF_OP_STGS << 24) | (0x502 << 8) | 4,
      fmt(DIF_OP_STGA, 9, 2, 3), (DIF_OP_SETX << 24) | 1, (DIF_OP_SETS << 24) | (3 << 8) | 2,
      (DIF_OP_CALL << 24) | (14 << 8) | 1, fmt(DIF_OP_PUSHTV, 0, 0, 1),
      (DIF_OP_XLARG << 24) | (2 << 8) | 1, fmt(DIF_OP_RLDX, 1, 0, 1), fmt(DIF_OP_RET, 0, 0, 1)};

  private static DifObject of(int[] text, List<DifRelocation> rel) {
    return new DifObject(text, new long[] {5, 6}, new byte[] {0, 'a', 0}, List.of(),
        org.hypertrace.api.dif.DifType.INT64, rel);
  }

  @Test
  void testRoundTrip_everyFormatIsBitExact() {
    DifObject d = of(EVERY_FORMAT, List.of());
    DifWriter w = new DifWriter(d);
    DifReader.accept(d, w);
    DifObject out = w.toDifObject();
    assertArrayEquals(EVERY_FORMAT, out.text());
    assertArrayEquals(d.intTab(), out.intTab());
    assertSame(d.strTab(), out.strTab());
  }

  @Test
  void testRead_unknownOpcode() {
    DifFormatException e = assertThrows(DifFormatException.class,
        () -> DifReader.accept(of(new int[] {0, 200 << 24}, List.of()), new DifWriter(of(
            new int[0], List.of()))));
    assertEquals(0, e.offset());
  }

  @Test
  void testRead_relocationNamingWrongInstruction() {
    DifObject d = of(new int[] {fmt(DIF_OP_LDX, 1, 0, 1), fmt(DIF_OP_RET, 0, 0, 1)},
        List.of(new DifRelocation(0, DIF_OP_ULOAD, "int", "")));
    DifFormatException e = assertThrows(DifFormatException.class,
        () -> DifReader.accept(d, new DifWriter(d)));
    assertTrue(e.getMessage().contains("relocation for uload names a ldx instruction"),
        e.getMessage());
  }

  @Test
  void testWrite_appendIntegerDeduplicatesAppendedOnly() {
    DifObject d = of(new int[] {fmt(DIF_OP_RET, 0, 0, 1)}, List.of());
    DifWriter w = new DifWriter(d);
    assertEquals(2, w.appendInteger(5));
    assertEquals(2, w.appendInteger(5));
    assertEquals(3, w.appendInteger(7));
  }
}

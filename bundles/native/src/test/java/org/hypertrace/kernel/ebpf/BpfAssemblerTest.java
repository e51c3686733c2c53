package org.hypertrace.kernel.ebpf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hypertrace.kernel.ebpf.Opcodes.*;

import org.hypertrace.kernel.prov.CaptureProgram;
import org.hypertrace.kernel.prov.TaskLayout;
import org.junit.jupiter.api.Test;

/** Assembler, reader, disassembler and text parser agree on every instruction format. */
class BpfAssemblerTest {
  static final String LISTING = String.join("\n",
      "  r6 = r1",
      "  r1 = map[7] ll",
      "  r2 = 144",
      "  w3 = 0",
      "  call bpf_ringbuf_reserve",
      "  if r0 != 0 goto L0",
      "  *(u32 *)(r10 - 4) = 0",
      "  r2 = r10",
      "  r2 += -4",
      "  lock add *(u64 *)(r0 + 0), r1",
      "  r0 = 0",
      "  exit",
      "L0:",
      "  r7 = r0",
      "  r1 = *(u32 *)(r6 + 16)",
      "  r2 = *(s16 *)(r6 + 10)",
      "  *(u64 *)(r7 + 64) = r1",
      "  r1 <<= 32",
      "  r1 s>>= 32",
      "  w2 = -w2",
      "  r3 = be16 r3",
      "  if w1 s< -4095 goto L1",
      "  if r1 & r2 goto L1",
      "  r4 = -81985529216486896 ll",
      "  r5 ^= 0x7fffffff",
      "  goto L1",
      "L1:",
      "  call 999",
      "  exit",
      "");

  @Test
  void testTextRoundTrip_listingSurvivesAssembleAndDisassemble() {
    byte[] code = BpfTextParser.assemble(LISTING);
    String text = BpfDisassembler.disassemble(code);
    assertArrayEquals(code, BpfTextParser.assemble(text));
    assertEquals(LISTING.replace("0x7fffffff", "2147483647"), text);
  }

  @Test
  void testReaderRoundTrip_captureProgramBytesIdentical() {
    TaskLayout t = new TaskLayout(1, 2, 3, 4, 5, 6, 7, 8);
    byte[] code = CaptureProgram.write(123, 5, 6, t, a -> a.mov(R1, 1));
    BpfAssembler copy = new BpfAssembler();
    new BpfReader(code).accept(copy);
    assertArrayEquals(code, copy.toByteArray());
    assertArrayEquals(code, BpfTextParser.assemble(BpfDisassembler.disassemble(code)));
  }

  @Test
  void testLabels_backwardAndForwardOffsets() {
    BpfAssembler a = new BpfAssembler();
    Label top = new Label();
    Label out = new Label();
    a.label(top).mov(R0, 0).jeq(R0, 1, out).ja(top).label(out).exit();
    byte[] code = a.toByteArray();
    assertEquals(1, (short) ((code[8 + 2] & 0xff) | (code[8 + 3] << 8)), "forward");
    assertEquals(-3, (short) ((code[16 + 2] & 0xff) | (code[16 + 3] << 8)), "backward");
  }

  @Test
  void testUnplacedLabel_isReported() {
    BpfAssembler a = new BpfAssembler();
    a.ja(new Label("nowhere"));
    IllegalStateException e = assertThrows(IllegalStateException.class, a::toByteArray);
    assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
  }

  @Test
  void testParseError_namesTheLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BpfTextParser.assemble("r0 = 0\nr0 = frobnicate\nexit\n"));
    assertTrue(e.getMessage().startsWith("line 2:"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> BpfTextParser.assemble("call no_such_helper\n"));
    assertTrue(e.getMessage().contains("unknown helper"), e.getMessage());
  }

  @Test
  void testReader_rejectsBadLength() {
    assertThrows(IllegalArgumentException.class, () -> new BpfReader(new byte[12]));
  }
}

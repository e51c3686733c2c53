package org.hypertrace.kernel.ebpf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kernel-modules sources: holes, splices, label parameters, the object round trip, errors. */
class BpfTemplateTest {
  static final String SOURCE = String.join("\n",
      "; a guard and a program around it",
      ".fragment prog",
      "  r6 = r1",
      ".splice guard out",
      "  r1 = map[${ring}] ll",
      "  r2 = *(u32 *)(r6 + ${field + 8})",
      "  if r2 == 0 goto out",
      "  *(u32 *)(r7 + 0) = ${probe}",
      "out:",
      "  r0 = 0",
      "  exit",
      ".fragment check skip",
      "  if r1 s< ${min} goto skip");

  private static String link(List<BpfTemplate> t) {
    BpfAssembler a = new BpfAssembler();
    Map<String, BpfTemplate.Splice> splices = Map.of("guard", (x, l) -> t.get(1).emit(x,
        Map.of("min", -5L), Map.of(), l[0]));
    t.get(0).emit(a, Map.of("ring", 9L, "field", 16L, "probe", 77L), splices);
    return BpfDisassembler.disassemble(a.toByteArray());
  }

  @Test
  void testEmit_fillsHolesAndSplicesMovingTheJumps() {
    List<BpfTemplate> t = BpfTemplateParser.parse("t.s", SOURCE);
    assertEquals(List.of("prog", "check"), List.of(t.get(0).name(), t.get(1).name()));
    assertEquals(String.join("\n",
        "  r6 = r1",
        "  if r1 s< -5 goto L0",
        "  r1 = map[9] ll",
        "  r2 = *(u32 *)(r6 + 24)",
        "  if r2 == 0 goto L0",
        "  *(u32 *)(r7 + 0) = 77",
        "L0:",
        "  r0 = 0",
        "  exit",
        ""), link(t));
  }

  @Test
  void testObject_roundTrip() {
    List<BpfTemplate> t = BpfTemplateParser.parse("t.s", SOURCE);
    List<BpfTemplate> back = BpfTemplateReader.read(BpfTemplateWriter.write(t));
    for (int i = 0; i < t.size(); i++) {
      assertEquals(t.get(i).name(), back.get(i).name());
      assertEquals(t.get(i).params(), back.get(i).params());
      assertArrayEquals(t.get(i).code(), back.get(i).code());
      assertEquals(t.get(i).holes(), back.get(i).holes());
      assertEquals(t.get(i).marks(), back.get(i).marks());
      assertEquals(t.get(i).jumps(), back.get(i).jumps());
    }
    assertEquals(link(t), link(back));
  }

  @Test
  void testErrors_nameFileAndLine() {
    assertEquals("m.s:2: unknown directive .sect: .sect x", assertThrows(
        IllegalArgumentException.class, () -> BpfTemplateParser.parse("m.s",
            ".fragment a\n.sect x")).getMessage());
    assertEquals("m.s:1: code before the first .fragment: exit", assertThrows(
        IllegalArgumentException.class, () -> BpfTemplateParser.parse("m.s", "exit"))
        .getMessage());
    assertEquals("m.s:3: fragment b: label nowhere is never placed", assertThrows(
        IllegalArgumentException.class, () -> BpfTemplateParser.parse("m.s",
            ".fragment a\n  exit\n.fragment b\n  goto nowhere\n")).getMessage());
    assertEquals("m.s:2: not an eBPF instruction: r1 = frob r2", assertThrows(
        IllegalArgumentException.class, () -> BpfTemplateParser.parse("m.s",
            ".fragment a\n  r1 = frob r2")).getMessage());
    List<BpfTemplate> t = BpfTemplateParser.parse("m.s", ".fragment a\n  r1 += ${x}");
    assertEquals("a: no value for ${x}", assertThrows(IllegalArgumentException.class,
        () -> t.get(0).emit(new BpfAssembler(), Map.of(), Map.of())).getMessage());
    List<BpfTemplate> o = BpfTemplateParser.parse("m.s", ".fragment a\n  r1 = *(u8 *)(r2 + ${x})");
    assertEquals("a: ${x} = 40000 does not fit a 16-bit offset", assertThrows(
        IllegalArgumentException.class, () -> o.get(0).emit(new BpfAssembler(),
            Map.of("x", 40000L), Map.of())).getMessage());
    byte[] bad = BpfTemplateWriter.write(t);
    bad[0] = 0;
    assertEquals("not a kernel-modules object: bad magic", assertThrows(
        IllegalArgumentException.class, () -> BpfTemplateReader.read(bad)).getMessage());
  }
}

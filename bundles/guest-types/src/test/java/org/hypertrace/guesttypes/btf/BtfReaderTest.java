package org.hypertrace.guesttypes.btf;

import static org.hypertrace.guesttypes.btf.BtfKind.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BtfReaderTest {
  private static final Path HOST = Path.of("/sys/kernel/btf/vmlinux");

  @Test
  void testRead_allKinds() throws Exception {
    Btf btf = BtfReader.read(Fixtures.allKinds());
    assertEquals(22, btf.count());
    assertEquals(BTF_KIND_INT, btf.kind(1));
    assertEquals("unsigned int", btf.name(2));
    assertEquals(BTF_INT_SIGNED, btf.intEncoding(1));
    assertEquals(32, btf.intBits(2));
    assertEquals(BTF_KIND_ARRAY, btf.kind(7));
    assertEquals(3, btf.arrayType(7));
    assertEquals(16, btf.arrayLength(7));
    assertTrue(btf.kindFlag(8));
    assertEquals(3, btf.memberBitfieldSize(8, 1));
    assertEquals(1, btf.memberBitOffset(8, 1));
    assertEquals(BTF_KIND_UNION, btf.kind(9));
    assertTrue(btf.memberAnonymous(10, 2));
    assertEquals(160, btf.memberBitOffset(10, 4));
    assertEquals(-1, btf.enumValue(13, 1));
    assertEquals("DEAD", btf.enumName(13, 1));
    assertEquals(BTF_KIND_FUNC_PROTO, btf.kind(16));
    assertEquals("p", btf.paramName(16, 0));
    assertEquals(12, btf.paramType(16, 0));
    assertEquals(0, btf.paramType(16, 1));
    assertEquals(BTF_KIND_FUNC, btf.kind(17));
    assertEquals(BTF_KIND_RESTRICT, btf.kind(18));
    assertEquals(BTF_KIND_FWD, btf.kind(21));
    assertEquals(2, btf.intOffset(22));
    assertEquals(5, btf.intBits(22));
  }

  @Test
  void testRead_hostBtf() throws Exception {
    assumeTrue(Files.isReadable(HOST), "no host BTF");
    Btf btf = BtfReader.read(HOST);
    assertTrue(btf.count() > 50_000, "types: " + btf.count());
    int structs = 0;
    for (int id = 1; id <= btf.count(); id++) {
      if (btf.kind(id) == BTF_KIND_STRUCT && btf.name(id).equals("task_struct")) {
        structs++;
      }
    }
    assertEquals(1, structs);
  }

  private static BtfFormatException bad(byte[] data) {
    return assertThrows(BtfFormatException.class, () -> BtfReader.read(data));
  }

  @Test
  void testRead_badMagic() {
    byte[] d = Fixtures.allKinds();
    d[0] = 0x12;
    BtfFormatException e = bad(d);
    assertEquals("btf_header.magic", e.field());
    assertTrue(e.getMessage().contains("0xeb9f"), e.getMessage());
  }

  @Test
  void testRead_badVersion() {
    byte[] d = Fixtures.allKinds();
    d[2] = 2;
    assertEquals("btf_header.version", bad(d).field());
  }

  @Test
  void testRead_truncatedHeader() {
    assertEquals("btf_header", bad(Arrays.copyOf(Fixtures.allKinds(), 10)).field());
  }

  @Test
  void testRead_truncatedData() {
    byte[] d = Fixtures.allKinds();
    BtfFormatException e = bad(Arrays.copyOf(d, d.length - 3));
    assertEquals("btf_header.str_len", e.field());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void testRead_truncatedTypeRecord() {
    BtfBuilder b = new BtfBuilder();
    b.integer("int", 4, true);
    b.type(b.str("s"), BTF_KIND_STRUCT, 3, false, 8); // vlen 3, no members follow
    BtfFormatException e = bad(b.build());
    assertEquals("type[2]", e.field());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void testRead_stringOffsetOutOfRange() {
    BtfBuilder b = new BtfBuilder();
    b.type(9999, BTF_KIND_INT, 0, false, 4);
    b.tail(32);
    BtfFormatException e = bad(b.build());
    assertEquals("type[1].name_off", e.field());
    assertTrue(e.getMessage().contains("9999"), e.getMessage());
  }

  @Test
  void testRead_memberNameOffsetOutOfRange() {
    BtfBuilder b = new BtfBuilder();
    b.integer("int", 4, true);
    b.type(b.str("s"), BTF_KIND_STRUCT, 1, false, 4);
    b.tail(77777).tail(1).tail(0);
    assertEquals("type[2].members[0].name_off", bad(b.build()).field());
  }

  @Test
  void testRead_typeIdOutOfRange() {
    BtfBuilder b = new BtfBuilder();
    b.integer("int", 4, true);
    b.ptr(99);
    BtfFormatException e = bad(b.build());
    assertEquals("type[2].type", e.field());
    assertTrue(e.getMessage().contains("99"), e.getMessage());
  }

  @Test
  void testRead_memberTypeIdOutOfRange() {
    BtfBuilder b = new BtfBuilder();
    b.struct(BTF_KIND_STRUCT, "s", 4, false, "m", 5, 0);
    assertEquals("type[1].members[0].type", bad(b.build()).field());
  }

  @Test
  void testRead_unknownKind() {
    BtfBuilder b = new BtfBuilder();
    b.type(0, 31, 0, false, 0);
    assertEquals("type[1].info.kind", bad(b.build()).field());
  }

  @Test
  void testRead_bigEndian() throws Exception {
    BtfBuilder b = new BtfBuilder();
    b.integer("int", 4, true);
    byte[] le = b.build();
    ByteBuffer in = ByteBuffer.wrap(le).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer out = ByteBuffer.allocate(le.length).order(ByteOrder.BIG_ENDIAN);
    out.putShort(in.getShort()).put(in.get()).put(in.get());
    for (int i = 0; i < 5 + 4; i++) { // header words, then the INT record (3 words + 1 tail)
      out.putInt(in.getInt());
    }
    out.put(Arrays.copyOfRange(le, out.position(), le.length));
    Btf btf = BtfReader.read(out.array());
    assertEquals("int", btf.name(1));
    assertEquals(32, btf.intBits(1));
  }

  @Test
  void testRead_elfWithoutBtf() {
    byte[] elf = new byte[128];
    elf[0] = 0x7f;
    elf[1] = 'E';
    elf[2] = 'L';
    elf[3] = 'F';
    elf[4] = 1;
    assertEquals("elf.e_ident[EI_CLASS]", bad(elf).field());
    elf[4] = 2;
    elf[5] = 1;
    assertEquals("elf.e_shentsize", bad(elf).field());
  }
}

package org.hypertrace.guesttypes.btf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Test-only BTF writer: builds small type sections by hand (header, types, deduplicated strings) so
 * tests can cover every kind and a negative corpus without a compiler toolchain.
 */
public final class BtfBuilder {
  private final ByteArrayOutputStream types = new ByteArrayOutputStream();
  private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
  private final Map<String, Integer> strIndex = new HashMap<>();
  private int nextId = 1;

  public BtfBuilder() {
    strings.write(0);
    strIndex.put("", 0);
  }

  /** @return the string offset of {@code s} */
  public int str(String s) {
    return strIndex.computeIfAbsent(s, k -> {
      int off = strings.size();
      byte[] b = k.getBytes(StandardCharsets.US_ASCII);
      strings.write(b, 0, b.length);
      strings.write(0);
      return off;
    });
  }

  private void u32(int v) {
    types.write(v);
    types.write(v >>> 8);
    types.write(v >>> 16);
    types.write(v >>> 24);
  }

  /** Writes a raw btf_type; @return its id. */
  public int type(int nameOff, int kind, int vlen, boolean kflag, int sizeOrType) {
    u32(nameOff);
    u32((kflag ? 1 << 31 : 0) | (kind << 24) | vlen);
    u32(sizeOrType);
    return nextId++;
  }

  /** Appends a raw u32 to the current type's tail. */
  public BtfBuilder tail(int v) {
    u32(v);
    return this;
  }

  public int integer(String name, int size, boolean signed) {
    int id = type(str(name), BtfKind.BTF_KIND_INT, 0, false, size);
    u32((signed ? BtfKind.BTF_INT_SIGNED << 24 : 0) | (size * 8));
    return id;
  }

  public int ptr(int target) {
    return type(0, BtfKind.BTF_KIND_PTR, 0, false, target);
  }

  public int typedef(String name, int target) {
    return type(str(name), BtfKind.BTF_KIND_TYPEDEF, 0, false, target);
  }

  public int qualifier(int kind, int target) {
    return type(0, kind, 0, false, target);
  }

  public int array(int elem, int index, int n) {
    int id = type(0, BtfKind.BTF_KIND_ARRAY, 0, false, 0);
    u32(elem);
    u32(index);
    u32(n);
    return id;
  }

  /**
   * A struct or union; members are (name, type, offset) triples where offset is the raw member
   * offset word (bit offset, or bitfield size << 24 | bit offset when kflag).
   */
  public int struct(int kind, String name, int size, boolean kflag, Object... members) {
    int id = type(str(name), kind, members.length / 3, kflag, size);
    for (int i = 0; i < members.length; i += 3) {
      u32(str((String) members[i]));
      u32((Integer) members[i + 1]);
      u32((Integer) members[i + 2]);
    }
    return id;
  }

  public int enumeration(String name, int size, boolean kflag, Object... values) {
    int id = type(str(name), BtfKind.BTF_KIND_ENUM, values.length / 2, kflag, size);
    for (int i = 0; i < values.length; i += 2) {
      u32(str((String) values[i]));
      u32((Integer) values[i + 1]);
    }
    return id;
  }

  public int funcProto(int ret, Object... params) {
    int id = type(0, BtfKind.BTF_KIND_FUNC_PROTO, params.length / 2, false, ret);
    for (int i = 0; i < params.length; i += 2) {
      u32(str((String) params[i]));
      u32((Integer) params[i + 1]);
    }
    return id;
  }

  public int func(String name, int proto) {
    return type(str(name), BtfKind.BTF_KIND_FUNC, 1, false, proto);
  }

  /** @return header + types + strings */
  public byte[] build() {
    byte[] t = types.toByteArray();
    byte[] s = strings.toByteArray();
    ByteBuffer b = ByteBuffer.allocate(24 + t.length + s.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) BtfKind.BTF_MAGIC).put((byte) 1).put((byte) 0).putInt(24)
        .putInt(0).putInt(t.length).putInt(t.length).putInt(s.length);
    b.put(t).put(s);
    return b.array();
  }
}

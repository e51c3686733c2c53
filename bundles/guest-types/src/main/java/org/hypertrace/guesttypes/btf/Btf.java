package org.hypertrace.guesttypes.btf;

import static org.hypertrace.guesttypes.btf.BtfKind.*;

import java.nio.charset.StandardCharsets;

/**
 * Parsed BTF: the type section indexed by type id, with accessors for every kind's data, read
 * straight from the underlying buffer (libbpf's {@code struct btf} with {@code btf__type_by_id}).
 * Built only by {@link BtfReader}, which has checked every offset and type reference, so the
 * accessors never fail on a valid id. Immutable and thread-safe.
 *
 * <p>Type id 0 is {@code void}; ids 1..{@link #count()} are the types in section order.
 */
public final class Btf {
  private final Words buf;
  private final byte[] raw;
  private final int strStart;
  private final int strLen;
  private final int count;
  private final int[] info;
  private final int[] nameOff;
  private final int[] sizeType;
  private final int[] extra;

  Btf(byte[] raw, Words buf, int strStart, int strLen, int count, int[] info, int[] nameOff,
      int[] sizeType, int[] extra) {
    this.raw = raw;
    this.buf = buf;
    this.strStart = strStart;
    this.strLen = strLen;
    this.count = count;
    this.info = info;
    this.nameOff = nameOff;
    this.sizeType = sizeType;
    this.extra = extra;
  }

  /** @return the raw BTF bytes (header, types, strings); callers must not modify them */
  public byte[] raw() {
    return raw;
  }

  /** @return the number of types; valid ids are 1..count (0 is void) */
  public int count() {
    return count;
  }

  /** @return the kind of {@code id} ({@code BTF_KIND_UNKN} for void) */
  public int kind(int id) {
    return (info[id] >>> 24) & 0x1f;
  }

  /** @return vlen: members, enumerators, parameters or variables that follow {@code id} */
  public int vlen(int id) {
    return info[id] & 0xffff;
  }

  /** @return kind_flag of {@code id} (bitfield encoding for structs, signedness for enums) */
  public boolean kindFlag(int id) {
    return info[id] < 0;
  }

  /** @return the name of {@code id}, "" if anonymous */
  public String name(int id) {
    return string(nameOff[id]);
  }

  /** @return true if {@code id} has no name */
  public boolean anonymous(int id) {
    return nameOff[id] == 0;
  }

  /** @return the size field of INT, STRUCT, UNION, ENUM, ENUM64, FLOAT, DATASEC */
  public int sizeField(int id) {
    return sizeType[id];
  }

  /** @return the type field of PTR, TYPEDEF, qualifiers, FUNC, VAR, tags; FUNC_PROTO's return */
  public int typeField(int id) {
    return sizeType[id];
  }

  /** @return BTF_INT_ENCODING of an INT */
  public int intEncoding(int id) {
    return (buf.getInt(extra[id]) >>> 24) & 0x0f;
  }

  /** @return BTF_INT_OFFSET of an INT (bits) */
  public int intOffset(int id) {
    return (buf.getInt(extra[id]) >>> 16) & 0xff;
  }

  /** @return BTF_INT_BITS of an INT */
  public int intBits(int id) {
    return buf.getInt(extra[id]) & 0xff;
  }

  /** @return element type of an ARRAY */
  public int arrayType(int id) {
    return buf.getInt(extra[id]);
  }

  /** @return index type of an ARRAY */
  public int arrayIndexType(int id) {
    return buf.getInt(extra[id] + 4);
  }

  /** @return element count of an ARRAY */
  public long arrayLength(int id) {
    return buf.getInt(extra[id] + 8) & 0xffffffffL;
  }

  /** @return the name of member {@code i} of a STRUCT or UNION, "" if anonymous */
  public String memberName(int id, int i) {
    return string(buf.getInt(extra[id] + 12 * i));
  }

  /** @return true if member {@code i} of a STRUCT or UNION has no name */
  public boolean memberAnonymous(int id, int i) {
    return buf.getInt(extra[id] + 12 * i) == 0;
  }

  /** @return the type of member {@code i} of a STRUCT or UNION */
  public int memberType(int id, int i) {
    return buf.getInt(extra[id] + 12 * i + 4);
  }

  /** @return the bit offset of member {@code i} from the start of its STRUCT or UNION */
  public long memberBitOffset(int id, int i) {
    int v = buf.getInt(extra[id] + 12 * i + 8);
    return kindFlag(id) ? v & 0xffffff : v & 0xffffffffL;
  }

  /**
   * @return the bitfield size of member {@code i} when kind_flag is set (0 for ordinary members);
   *     without kind_flag, bitfields are INT types whose bits are narrower than their size
   */
  public int memberBitfieldSize(int id, int i) {
    return kindFlag(id) ? buf.getInt(extra[id] + 12 * i + 8) >>> 24 : 0;
  }

  /** @return the name of enumerator {@code i} of an ENUM or ENUM64 */
  public String enumName(int id, int i) {
    return string(buf.getInt(extra[id] + (kind(id) == BTF_KIND_ENUM ? 8 : 12) * i));
  }

  /** @return the value of enumerator {@code i} (ENUM: as __s32; ENUM64: lo | hi << 32) */
  public long enumValue(int id, int i) {
    if (kind(id) == BTF_KIND_ENUM) {
      // btf_enum.val is __s32 (the encoding before kind_flag said signedness)
      return buf.getInt(extra[id] + 8 * i + 4);
    }
    int at = extra[id] + 12 * i;
    return (buf.getInt(at + 4) & 0xffffffffL) | ((long) buf.getInt(at + 8) << 32);
  }

  /** @return the name of parameter {@code i} of a FUNC_PROTO */
  public String paramName(int id, int i) {
    return string(buf.getInt(extra[id] + 8 * i));
  }

  /** @return the type of parameter {@code i} of a FUNC_PROTO (0 for a trailing "...") */
  public int paramType(int id, int i) {
    return buf.getInt(extra[id] + 8 * i + 4);
  }

  /** @return linkage of a VAR */
  public int varLinkage(int id) {
    return buf.getInt(extra[id]);
  }

  /** @return the string at {@code off} in the string section */
  public String string(int off) {
    if (off == 0) {
      return "";
    }
    int start = strStart + off;
    int end = start;
    int limit = strStart + strLen;
    while (end < limit && raw[end] != 0) {
      end++;
    }
    return new String(raw, start, end - start, StandardCharsets.ISO_8859_1);
  }

  /** @return true if the string at {@code off} equals {@code s} (ASCII), without allocating */
  boolean stringEquals(int off, String s) {
    int start = strStart + off;
    int n = s.length();
    if (start + n >= strStart + strLen + 1) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (raw[start + k] != (byte) s.charAt(k)) {
        return false;
      }
    }
    return raw[start + n] == 0;
  }

  /** @return the name offset of {@code id} */
  int nameOffset(int id) {
    return nameOff[id];
  }
}

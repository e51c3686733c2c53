package org.hypertrace.guesttypes.btf;

import static org.hypertrace.guesttypes.btf.BtfKind.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads BTF (the kernel's BPF Type Format, Documentation/bpf/btf.rst): a {@code btf_header}, a type
 * section of {@code btf_type} records with kind-specific tails, and a string section. Port of the
 * parsing half of libbpf's {@code btf__parse} / {@code btf_parse_type_sec}, in two passes:
 * <ol>
 *   <li>walk the records once, recording each id's info/name/size-or-type and the offset of its
 *       tail, and check every string offset and that no record runs past the section;</li>
 *   <li>check every type reference (pointers, typedefs, members, parameters, array element and
 *       index types) against the number of types, since references may point forward.</li>
 * </ol>
 * Input is either raw BTF ({@code /sys/kernel/btf/vmlinux}) or an ELF image whose {@code .BTF}
 * section holds it (a vmlinux). Both byte orders are accepted; the magic tells which.
 */
public final class BtfReader {
  /** size of struct btf_header (version 1). */
  static final int HEADER_SIZE = 24;

  private BtfReader() {}

  /**
   * @param path raw BTF or a vmlinux ELF file
   * @return the parsed types
   * @throws IOException          if the file cannot be read
   * @throws BtfFormatException   naming the field at fault
   */
  public static Btf read(Path path) throws IOException, BtfFormatException {
    if (ElfBtfReader.isElf(path)) {
      return read(ElfBtfReader.btfSection(path));
    }
    return read(Files.readAllBytes(path));
  }

  /**
   * @param data raw BTF, or an ELF image holding a {@code .BTF} section
   * @return the parsed types
   * @throws BtfFormatException naming the field at fault
   */
  public static Btf read(byte[] data) throws BtfFormatException {
    if (ElfBtfReader.isElf(data)) {
      data = ElfBtfReader.btfSection(data);
    }
    if (data.length < HEADER_SIZE) {
      throw new BtfFormatException("btf_header", "truncated: " + data.length + " bytes, need "
          + HEADER_SIZE);
    }
    int magic = (data[0] & 0xff) | (data[1] & 0xff) << 8;
    boolean bigEndian = false;
    if (magic != BTF_MAGIC) {
      if (Integer.reverseBytes(magic << 16) == BTF_MAGIC) {
        bigEndian = true;
      } else {
        throw new BtfFormatException("btf_header.magic",
            String.format("0x%04x, expected 0x%04x", magic, BTF_MAGIC));
      }
    }
    Words buf = new Words(data, bigEndian);
    int version = data[2] & 0xff;
    if (version != BTF_VERSION) {
      throw new BtfFormatException("btf_header.version", version + ", expected " + BTF_VERSION);
    }
    long hdrLen = u32(buf, 4);
    if (hdrLen < HEADER_SIZE || hdrLen > data.length) {
      throw new BtfFormatException("btf_header.hdr_len", hdrLen + " out of range [" + HEADER_SIZE
          + ", " + data.length + "]");
    }
    long body = data.length - hdrLen;
    long typeOff = u32(buf, 8);
    long typeLen = u32(buf, 12);
    long strOff = u32(buf, 16);
    long strLen = u32(buf, 20);
    if (typeOff + typeLen > body) {
      throw new BtfFormatException("btf_header.type_len", "type section [" + typeOff + ", "
          + (typeOff + typeLen) + ") past the data (" + body + " bytes): truncated");
    }
    if (strOff + strLen > body) {
      throw new BtfFormatException("btf_header.str_len", "string section [" + strOff + ", "
          + (strOff + strLen) + ") past the data (" + body + " bytes): truncated");
    }
    int strStart = (int) (hdrLen + strOff);
    if (strLen == 0 || data[strStart] != 0 || data[(int) (strStart + strLen - 1)] != 0) {
      throw new BtfFormatException("btf_header.str_off",
          "string section must start and end with NUL");
    }
    return parseTypes(data, buf, (int) (hdrLen + typeOff), (int) typeLen, strStart,
        (int) strLen);
  }

  private static Btf parseTypes(byte[] data, Words buf, int start, int len, int strStart,
      int strLen) throws BtfFormatException {
    int cap = Math.max(16, len / 16 + 2);
    int[] info = new int[cap];
    int[] nameOff = new int[cap];
    int[] sizeType = new int[cap];
    int[] extra = new int[cap];
    int end = start + len;
    int pos = start;
    int id = 0;
    while (pos < end) {
      id++;
      if (id == info.length) {
        int n = info.length * 2;
        info = java.util.Arrays.copyOf(info, n);
        nameOff = java.util.Arrays.copyOf(nameOff, n);
        sizeType = java.util.Arrays.copyOf(sizeType, n);
        extra = java.util.Arrays.copyOf(extra, n);
      }
      if (pos + 12 > end) {
        throw new BtfFormatException("type[" + id + "]", "truncated: " + (end - pos)
            + " bytes left, a btf_type needs 12");
      }
      int no = buf.getInt(pos);
      int inf = buf.getInt(pos + 4);
      int kind = (inf >>> 24) & 0x1f;
      int vlen = inf & 0xffff;
      if (kind == BTF_KIND_UNKN || kind > BTF_KIND_MAX) {
        throw new BtfFormatException("type[" + id + "].info.kind", "unknown kind " + kind);
      }
      checkString(no, strLen, "type[" + id + "].name_off");
      info[id] = inf;
      nameOff[id] = no;
      sizeType[id] = buf.getInt(pos + 8);
      extra[id] = pos + 12;
      int tail = extraBytes(kind, vlen);
      if (pos + 12 + tail > end) {
        throw new BtfFormatException("type[" + id + "]", BtfKind.name(kind) + " with vlen "
            + vlen + " truncated: needs " + tail + " bytes after the btf_type, "
            + (end - pos - 12) + " left");
      }
      checkTailStrings(buf, kind, vlen, pos + 12, id, strLen);
      pos += 12 + tail;
    }
    Btf btf = new Btf(data, buf, strStart, strLen, id, info, nameOff, sizeType, extra);
    checkReferences(btf);
    return btf;
  }

  private static void checkTailStrings(Words buf, int kind, int vlen, int at, int id,
      int strLen) throws BtfFormatException {
    int stride;
    String what;
    switch (kind) {
      case BTF_KIND_STRUCT: case BTF_KIND_UNION:
        stride = 12;
        what = "members";
        break;
      case BTF_KIND_ENUM:
        stride = 8;
        what = "enumerators";
        break;
      case BTF_KIND_ENUM64:
        stride = 12;
        what = "enumerators";
        break;
      case BTF_KIND_FUNC_PROTO:
        stride = 8;
        what = "params";
        break;
      default:
        return;
    }
    for (int i = 0; i < vlen; i++) {
      int off = buf.getInt(at + stride * i);
      if (Integer.compareUnsigned(off, strLen) >= 0) {
        checkString(off, strLen, "type[" + id + "]." + what + "[" + i + "].name_off");
      }
    }
  }

  private static void checkString(int off, int strLen, String field) throws BtfFormatException {
    if (Integer.compareUnsigned(off, strLen) >= 0) {
      throw new BtfFormatException(field, "string offset " + Integer.toUnsignedString(off)
          + " out of range (string section is " + strLen + " bytes)");
    }
  }

  private static void checkReferences(Btf btf) throws BtfFormatException {
    int n = btf.count();
    for (int id = 1; id <= n; id++) {
      int kind = btf.kind(id);
      switch (kind) {
        case BTF_KIND_PTR: case BTF_KIND_TYPEDEF: case BTF_KIND_VOLATILE: case BTF_KIND_CONST:
        case BTF_KIND_RESTRICT: case BTF_KIND_FUNC: case BTF_KIND_VAR: case BTF_KIND_DECL_TAG:
        case BTF_KIND_TYPE_TAG: case BTF_KIND_FUNC_PROTO:
          checkId(btf.typeField(id), n, "type[" + id + "].type");
          break;
        case BTF_KIND_ARRAY:
          checkId(btf.arrayType(id), n, "type[" + id + "].array.type");
          checkId(btf.arrayIndexType(id), n, "type[" + id + "].array.index_type");
          break;
        default:
          break;
      }
      int vlen = btf.vlen(id);
      if (kind == BTF_KIND_STRUCT || kind == BTF_KIND_UNION) {
        for (int i = 0; i < vlen; i++) {
          checkId(btf.memberType(id, i), n, "type[" + id + "].members[" + i + "].type");
        }
      } else if (kind == BTF_KIND_FUNC_PROTO) {
        for (int i = 0; i < vlen; i++) {
          checkId(btf.paramType(id, i), n, "type[" + id + "].params[" + i + "].type");
        }
      }
    }
  }

  private static void checkId(int ref, int count, String field) throws BtfFormatException {
    if (Integer.compareUnsigned(ref, count) > 0) {
      throw new BtfFormatException(field, "type id " + Integer.toUnsignedString(ref)
          + " out of range (" + count + " types)");
    }
  }

  private static long u32(Words buf, int at) {
    return buf.getInt(at) & 0xffffffffL;
  }
}

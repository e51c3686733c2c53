package org.hypertrace.guesttypes.btf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Finds the {@code .BTF} section of an ELF64 image (a vmlinux) and returns its bytes: the part of
 * libbpf's {@code btf__parse_elf} that locates the section. Reads only the ELF header, the section
 * headers, the section-name table and the section itself, so a 60 MB vmlinux costs a few reads.
 */
public final class ElfBtfReader {
  private static final int SHN_XINDEX = 0xffff;

  private ElfBtfReader() {}

  /** @return true if {@code data} starts with the ELF magic */
  public static boolean isElf(byte[] data) {
    return data.length >= 4 && data[0] == 0x7f && data[1] == 'E' && data[2] == 'L'
        && data[3] == 'F';
  }

  /** @return true if the file at {@code path} starts with the ELF magic */
  public static boolean isElf(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(4);
      ch.read(b, 0);
      return isElf(b.array());
    }
  }

  /** @return the .BTF section of the ELF file at {@code path} */
  public static byte[] btfSection(Path path) throws IOException, BtfFormatException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      return btfSection(new Source() {
        @Override
        public long size() throws IOException {
          return ch.size();
        }

        @Override
        public byte[] read(long at, int len) throws IOException {
          ByteBuffer b = ByteBuffer.allocate(len);
          while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
              break;
            }
          }
          return b.array();
        }
      });
    }
  }

  /** @return the .BTF section of the ELF image {@code data} */
  public static byte[] btfSection(byte[] data) throws BtfFormatException {
    try {
      return btfSection(new Source() {
        @Override
        public long size() {
          return data.length;
        }

        @Override
        public byte[] read(long at, int len) {
          return java.util.Arrays.copyOfRange(data, (int) at, (int) at + len);
        }
      });
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Random access to the image. */
  private interface Source {
    long size() throws IOException;

    byte[] read(long at, int len) throws IOException;
  }

  private static byte[] btfSection(Source src) throws IOException, BtfFormatException {
    long size = src.size();
    if (size < 64) {
      throw new BtfFormatException("elf.e_ident", "truncated ELF header (" + size + " bytes)");
    }
    ByteBuffer eh = wrap(src.read(0, 64));
    if (eh.get(4) != 2) {
      throw new BtfFormatException("elf.e_ident[EI_CLASS]", "only ELF64 images are read");
    }
    if (eh.get(5) == 2) {
      eh.order(ByteOrder.BIG_ENDIAN);
    }
    long shoff = eh.getLong(0x28);
    int shentsize = eh.getShort(0x3a) & 0xffff;
    int shnum = eh.getShort(0x3c) & 0xffff;
    int shstrndx = eh.getShort(0x3e) & 0xffff;
    if (shentsize < 64) {
      throw new BtfFormatException("elf.e_shentsize", shentsize + " < 64");
    }
    if (shoff <= 0 || shoff + 64 > size) {
      throw new BtfFormatException("elf.e_shoff", shoff + " out of range (" + size + " bytes)");
    }
    if (shnum == 0 || shstrndx == SHN_XINDEX) {
      ByteBuffer first = wrap(src.read(shoff, 64)).order(eh.order());
      shnum = shnum == 0 ? (int) first.getLong(32) : shnum;
      shstrndx = shstrndx == SHN_XINDEX ? first.getInt(40) : shstrndx;
    }
    if (shoff + (long) shnum * shentsize > size) {
      throw new BtfFormatException("elf.e_shnum", shnum + " section headers run past the file");
    }
    if (shstrndx >= shnum) {
      throw new BtfFormatException("elf.e_shstrndx", shstrndx + " >= e_shnum " + shnum);
    }
    ByteBuffer sh = wrap(src.read(shoff, shnum * shentsize)).order(eh.order());
    byte[] names = section(src, sh, shstrndx, shentsize, size, "shstrtab");
    for (int i = 0; i < shnum; i++) {
      int nameOff = sh.getInt(i * shentsize);
      if (nameEquals(names, nameOff, ".BTF")) {
        return section(src, sh, i, shentsize, size, ".BTF");
      }
    }
    throw new BtfFormatException("elf.sections", "no .BTF section (kernel built without "
        + "CONFIG_DEBUG_INFO_BTF?)");
  }

  private static byte[] section(Source src, ByteBuffer sh, int i, int entsize, long size,
      String what) throws IOException, BtfFormatException {
    long off = sh.getLong(i * entsize + 24);
    long len = sh.getLong(i * entsize + 32);
    if (off < 0 || len < 0 || off + len > size || len > Integer.MAX_VALUE - 16) {
      throw new BtfFormatException("elf.section[" + i + "] (" + what + ").sh_size",
          "[" + off + ", " + (off + len) + ") out of range (" + size + " bytes)");
    }
    return src.read(off, (int) len);
  }

  private static boolean nameEquals(byte[] names, int off, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    if (off < 0 || off + b.length >= names.length) {
      return false;
    }
    for (int k = 0; k < b.length; k++) {
      if (names[off + k] != b[k]) {
        return false;
      }
    }
    return names[off + b.length] == 0;
  }

  private static ByteBuffer wrap(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }
}

package org.hypertrace.kernel.elf;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the function symbols of an ELF64 little-endian object (executable or shared library) from
 * {@code .symtab} and {@code .dynsym}, with the file offset a uprobe needs: the symbol's address
 * translated through the PT_LOAD segment that contains it (System V ABI gABI: Elf64_Ehdr,
 * Elf64_Phdr, Elf64_Shdr, Elf64_Sym).
 */
public final class ElfSymbolReader {
  private static final int SHT_SYMTAB = 2;
  private static final int SHT_DYNSYM = 11;
  private static final int PT_LOAD = 1;
  private static final int STT_FUNC = 2;
  private static final int STT_GNU_IFUNC = 10;

  /**
   * A function symbol.
   *
   * @param name       symbol name (without version)
   * @param address    st_value (link-time virtual address)
   * @param size       st_size
   * @param fileOffset where its first instruction is in the file
   */
  public record Symbol(String name, long address, long size, long fileOffset) {}

  private ElfSymbolReader() {}

  /**
   * @param file an ELF64 LE file
   * @return defined function symbols by name (first definition wins), in file order
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when it is not ELF64 little-endian
   */
  public static Map<String, Symbol> read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MappedByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
      b.order(ByteOrder.LITTLE_ENDIAN);
      if (b.capacity() < 64 || b.getInt(0) != 0x464c457f) {
        throw new IllegalArgumentException(file + ": not an ELF file");
      }
      if (b.get(4) != 2 || b.get(5) != 1) {
        throw new IllegalArgumentException(file + ": not ELF64 little-endian");
      }
      long[][] loads = segments(b);
      Map<String, Symbol> out = new LinkedHashMap<>();
      long shoff = b.getLong(0x28);
      int shentsize = b.getShort(0x3a) & 0xffff;
      int shnum = b.getShort(0x3c) & 0xffff;
      for (int kind : new int[] {SHT_SYMTAB, SHT_DYNSYM}) {
        for (int i = 0; i < shnum; i++) {
          int sh = (int) (shoff + (long) i * shentsize);
          if (b.getInt(sh + 4) == kind) {
            int link = b.getInt(sh + 40);
            int strOff = (int) b.getLong((int) (shoff + (long) link * shentsize) + 24);
            symbols(b, (int) b.getLong(sh + 24), b.getLong(sh + 32), strOff, loads, out);
          }
        }
      }
      return out;
    }
  }

  private static long[][] segments(MappedByteBuffer b) {
    long phoff = b.getLong(0x20);
    int phentsize = b.getShort(0x36) & 0xffff;
    int phnum = b.getShort(0x38) & 0xffff;
    List<long[]> loads = new ArrayList<>();
    for (int i = 0; i < phnum; i++) {
      int ph = (int) (phoff + (long) i * phentsize);
      if (b.getInt(ph) == PT_LOAD) {
        loads.add(new long[] {b.getLong(ph + 16), b.getLong(ph + 40), b.getLong(ph + 8)});
      }
    }
    return loads.toArray(new long[0][]);
  }

  private static void symbols(MappedByteBuffer b, int off, long size, int strOff,
      long[][] loads, Map<String, Symbol> out) {
    for (long p = off; p + 24 <= off + size; p += 24) {
      int at = (int) p;
      int type = b.get(at + 4) & 0xf;
      int shndx = b.getShort(at + 6) & 0xffff;
      long value = b.getLong(at + 8);
      if ((type != STT_FUNC && type != STT_GNU_IFUNC) || shndx == 0 || value == 0) {
        continue;
      }
      String name = string(b, strOff + b.getInt(at));
      int ver = name.indexOf('@');
      if (ver > 0) {
        name = name.substring(0, ver);
      }
      if (name.isEmpty() || out.containsKey(name)) {
        continue;
      }
      for (long[] seg : loads) {
        if (value >= seg[0] && value < seg[0] + seg[1]) {
          out.put(name, new Symbol(name, value, b.getLong(at + 16), value - seg[0] + seg[2]));
          break;
        }
      }
    }
  }

  private static String string(MappedByteBuffer b, int off) {
    int end = off;
    while (b.get(end) != 0) {
      end++;
    }
    byte[] s = new byte[end - off];
    b.get(off, s);
    return new String(s, StandardCharsets.UTF_8);
  }

  /** @return the names in a stable order, for listings */
  public static List<String> names(Map<String, Symbol> symbols) {
    List<String> n = new ArrayList<>(symbols.keySet());
    Collections.sort(n);
    return n;
  }
}

package org.hypertrace.kernel.sym;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hypertrace.kernel.elf.ElfSymbolReader;

/**
 * User-space symbolisation of one process: its executable mappings (/proc/PID/maps) and the ELF
 * function symbols of each mapped file, so that a user pc becomes {@code libc.so.6`getppid+0xb}
 * as in dtrace's ustack() output. A pc outside every known mapping re-reads the maps once (the
 * process may have loaded a library since).
 */
public final class ProcessSymbols {
  private static final Map<Path, Object[]> FILES = new ConcurrentHashMap<>();
  private final int pid;
  private long[][] maps = new long[0][];
  private String[] paths = new String[0];

  /** @param pid the process */
  public ProcessSymbols(int pid) {
    this.pid = pid;
    reload();
  }

  private void reload() {
    List<long[]> m = new ArrayList<>();
    List<String> p = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/maps"))) {
        String[] f = line.trim().split("\\s+", 6);
        if (f.length < 6 || f[1].indexOf('x') < 0 || !f[5].startsWith("/")) {
          continue;
        }
        String[] range = f[0].split("-");
        m.add(new long[] {Long.parseUnsignedLong(range[0], 16),
            Long.parseUnsignedLong(range[1], 16), Long.parseUnsignedLong(f[2], 16)});
        p.add(f[5]);
      }
    } catch (IOException | RuntimeException e) {
      // the process is gone: nothing resolves
    }
    maps = m.toArray(new long[0][]);
    paths = p.toArray(new String[0]);
  }

  /** Sorted file offsets, sizes and names of a file's functions. */
  private static Object[] table(Path file) {
    return FILES.computeIfAbsent(file, f -> {
      List<ElfSymbolReader.Symbol> syms;
      try {
        syms = new ArrayList<>(ElfSymbolReader.read(f).values());
      } catch (IOException | RuntimeException e) {
        syms = new ArrayList<>();
      }
      syms.sort(Comparator.comparingLong(ElfSymbolReader.Symbol::fileOffset));
      long[] offs = new long[syms.size()];
      long[] sizes = new long[offs.length];
      String[] names = new String[offs.length];
      for (int i = 0; i < offs.length; i++) {
        offs[i] = syms.get(i).fileOffset();
        sizes[i] = syms.get(i).size();
        names[i] = syms.get(i).name();
      }
      return new Object[] {offs, sizes, names};
    });
  }

  private int mapping(long pc) {
    for (int i = 0; i < maps.length; i++) {
      if (pc >= maps[i][0] && pc < maps[i][1]) {
        return i;
      }
    }
    return -1;
  }

  /** @return {@code module`function+0xoff}, {@code module`0xoff} without a symbol, or null */
  public String symbol(long pc) {
    int m = mapping(pc);
    if (m < 0) {
      reload();
      m = mapping(pc);
      if (m < 0) {
        return null;
      }
    }
    Path file = Path.of(paths[m]);
    String module = file.getFileName().toString();
    long off = pc - maps[m][0] + maps[m][2];
    Object[] t = table(file);
    long[] offs = (long[]) t[0];
    long[] sizes = (long[]) t[1];
    int i = Arrays.binarySearch(offs, off);
    if (i < 0) {
      i = -i - 2;
    }
    if (i < 0 || (sizes[i] > 0 && off >= offs[i] + sizes[i])) {
      return module + "`0x" + Long.toHexString(off);
    }
    long d = off - offs[i];
    return module + "`" + ((String[]) t[2])[i] + (d == 0 ? "" : "+0x" + Long.toHexString(d));
  }
}

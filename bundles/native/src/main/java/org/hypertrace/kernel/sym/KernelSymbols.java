package org.hypertrace.kernel.sym;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The running kernel's text symbols from /proc/kallsyms (read as root, or addresses are zero),
 * sorted for binary search: a kernel pc becomes {@code vmlinux`function+0xoff} (or the module
 * name in brackets' place), the way dtrace prints kernel stack frames.
 */
public final class KernelSymbols {
  private static volatile KernelSymbols host;

  private final long[] addresses;
  private final String[] names;
  private final String[] modules;

  private KernelSymbols(long[] addresses, String[] names, String[] modules) {
    this.addresses = addresses;
    this.names = names;
    this.modules = modules;
  }

  /** @return the host's table, read once; empty when kallsyms is unreadable or zeroed */
  public static KernelSymbols host() {
    KernelSymbols k = host;
    if (k == null) {
      synchronized (KernelSymbols.class) {
        if (host == null) {
          host = read(Path.of("/proc/kallsyms"));
        }
        k = host;
      }
    }
    return k;
  }

  /** @return the table of a kallsyms-format file (text symbols only) */
  public static KernelSymbols read(Path file) {
    List<Object[]> rows = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file)) {
      String line;
      while ((line = r.readLine()) != null) {
        int s1 = line.indexOf(' ');
        int s2 = line.indexOf(' ', s1 + 1);
        if (s1 <= 0 || s2 < 0) {
          continue;
        }
        char type = Character.toLowerCase(line.charAt(s1 + 1));
        if (type != 't' && type != 'w') {
          continue;
        }
        long addr = Long.parseUnsignedLong(line.substring(0, s1), 16);
        if (addr == 0) {
          continue;
        }
        String rest = line.substring(s2 + 1);
        int tab = rest.indexOf('\t');
        String name = tab < 0 ? rest : rest.substring(0, tab);
        String module = tab < 0 ? "vmlinux" : rest.substring(tab + 1).replace("[", "")
            .replace("]", "").strip();
        rows.add(new Object[] {addr, name, module});
      }
    } catch (IOException | RuntimeException e) {
      rows.clear();
    }
    rows.sort(Comparator.comparingLong(o -> (Long) o[0] ^ Long.MIN_VALUE));
    long[] a = new long[rows.size()];
    String[] n = new String[a.length];
    String[] m = new String[a.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = (Long) rows.get(i)[0];
      n[i] = (String) rows.get(i)[1];
      m[i] = (String) rows.get(i)[2];
    }
    return new KernelSymbols(a, n, m);
  }

  /** @return the number of symbols */
  public int size() {
    return addresses.length;
  }

  /** @return {@code module`function+0xoff} for a kernel pc, or null when below every symbol */
  public String symbol(long pc) {
    int i = Arrays.binarySearch(addresses, pc);
    if (i < 0) {
      // addresses are kernel (negative) longs sorted as signed: same order within the kernel half
      i = -i - 2;
    }
    if (i < 0 || (pc ^ addresses[i]) < 0) {
      return null;
    }
    long off = pc - addresses[i];
    return modules[i] + "`" + names[i] + (off == 0 ? "" : "+0x" + Long.toHexString(off));
  }
}

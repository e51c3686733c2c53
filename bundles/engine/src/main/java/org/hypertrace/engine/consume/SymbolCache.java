package org.hypertrace.engine.consume;

import java.util.HashMap;
import java.util.Map;
import org.hypertrace.api.provider.ProbeContext;

/**
 * The symbols of the program counters a session has seen: what libdtrace's
 * {@code dtrace_lookup_by_addr} (kernel) and {@code Plookup_by_addr}/{@code Pobjname} (a
 * process) answer at print time. A {@link ProbeContext} symbolises only during its firing, so
 * each pc is resolved once, when a firing first carries it, and kept here for the printers that
 * run later (aggregation keys printed at END, from a process that may have exited since).
 *
 * <p>Invariants:
 * <ol>
 *   <li>an entry is keyed by (space, pc): space -1 for the kernel, the pid for a process;</li>
 *   <li>looking up a known pc allocates nothing (open addressing over parallel arrays);</li>
 *   <li>an entry holds the provider's text ({@code module`function+0xoff}, null when the pc
 *       does not resolve), the function's start and a representative address of its module
 *       (the first function start seen in that module), which stand for the rounding that
 *       dt_aggregate.c applies to sym()/mod()/usym()/umod() keys;</li>
 *   <li>at most {@link #MAX} entries: past that, new pcs stay unresolved (printed in hex).</li>
 * </ol>
 */
public final class SymbolCache {
  /** Kernel address space. */
  public static final int KERNEL = -1;
  /** Most entries kept. */
  static final int MAX = 1 << 20;

  private long[] pcs = new long[256];
  private int[] spaces = new int[256];
  private boolean[] used = new boolean[256];
  private String[] texts = new String[256];
  private long[] starts = new long[256];
  private long[] bases = new long[256];
  private int size;
  private final Map<String, Long> moduleBases = new HashMap<>();

  private static int hash(long pc, int space) {
    long h = (pc ^ ((long) space << 40)) * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 29));
  }

  /** @return the slot of (space, pc), or minus one minus the free slot where it goes */
  private int find(long pc, int space) {
    int mask = pcs.length - 1;
    int i = hash(pc, space) & mask;
    while (used[i]) {
      if (pcs[i] == pc && spaces[i] == space) {
        return i;
      }
      i = (i + 1) & mask;
    }
    return -1 - i;
  }

  /**
   * Makes sure a pc is known, asking the firing's context when it is not.
   *
   * @param pc    the address
   * @param space {@link #KERNEL} or the pid of the process the address belongs to
   * @param live  the context of the firing in progress, or null at print time
   * @return the entry's slot, or -1 when the pc is unknown and cannot be learnt now
   */
  public int learn(long pc, int space, ProbeContext live) {
    int i = find(pc, space);
    if (i >= 0) {
      return i;
    }
    boolean user = space != KERNEL;
    if (live == null || size >= MAX || (user && live.pid() != space)) {
      return -1;
    }
    String text = live.symbol(pc, user);
    Symbol s = Symbol.parse(text);
    long start = s == null || s.function() == null ? pc : pc - s.offset();
    long base = start;
    if (s != null) {
      base = moduleBases.computeIfAbsent(space + "/" + s.module(), m -> start);
    }
    i = put(pc, space, text, start, base);
    if (start != pc && find(start, space) < 0) {
      // the rounded key prints as the function itself (dt_aggregate_sym's st_value)
      put(start, space, s.module() + "`" + s.function(), start, base);
      i = find(pc, space);
    }
    return i;
  }

  private int put(long pc, int space, String text, long start, long base) {
    if ((size + 1) * 2 > pcs.length) {
      grow();
    }
    int i = -1 - find(pc, space);
    used[i] = true;
    pcs[i] = pc;
    spaces[i] = space;
    texts[i] = text;
    starts[i] = start;
    bases[i] = base;
    size++;
    return i;
  }

  private void grow() {
    long[] op = pcs;
    int[] os = spaces;
    boolean[] ou = used;
    String[] ot = texts;
    long[] ost = starts;
    long[] ob = bases;
    int n = op.length * 2;
    pcs = new long[n];
    spaces = new int[n];
    used = new boolean[n];
    texts = new String[n];
    starts = new long[n];
    bases = new long[n];
    for (int j = 0; j < op.length; j++) {
      if (ou[j]) {
        int i = -1 - find(op[j], os[j]);
        used[i] = true;
        pcs[i] = op[j];
        spaces[i] = os[j];
        texts[i] = ot[j];
        starts[i] = ost[j];
        bases[i] = ob[j];
      }
    }
  }

  /**
   * Learns every pc of a captured stack.
   *
   * @param pcs   the frames
   * @param n     how many
   * @param space {@link #KERNEL} or the pid
   * @param live  the firing's context
   */
  public void learn(long[] pcs, int n, int space, ProbeContext live) {
    for (int j = 0; j < n; j++) {
      learn(pcs[j], space, live);
    }
  }

  /**
   * @param pc    an address
   * @param space {@link #KERNEL} or the pid
   * @return the provider's text for it ({@code module`function+0xoff}), or null
   */
  public String text(long pc, int space) {
    int i = find(pc, space);
    return i < 0 ? null : texts[i];
  }

  /** @return the start of the function holding pc, or pc when unknown */
  public long start(long pc, int space) {
    int i = find(pc, space);
    return i < 0 ? pc : starts[i];
  }

  /** @return the representative address of the module holding pc, or pc when unknown */
  public long base(long pc, int space) {
    int i = find(pc, space);
    return i < 0 ? pc : bases[i];
  }

  /** @return the number of entries */
  public int size() {
    return size;
  }
}

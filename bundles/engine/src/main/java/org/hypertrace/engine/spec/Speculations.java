package org.hypertrace.engine.spec;

/**
 * Speculative buffers: port of dtrace.c's {@code dtrace_speculation*} state machine, reduced to
 * one consumer CPU. Each buffer holds formatted records until {@code commit()} moves them to
 * the principal buffer or {@code discard()} drops them; {@code specsize} bounds each buffer and
 * {@code nspec} their number.
 */
public final class Speculations {
  private final StringBuilder[] bufs;
  private final boolean[] active;
  private final long[] used;
  private final long specsize;
  /** Counters reported as drops. */
  public long specDrops;
  public long busy;
  public long unavail;

  /**
   * @param nspec    number of buffers
   * @param specsize bytes per buffer
   */
  public Speculations(int nspec, long specsize) {
    this.bufs = new StringBuilder[Math.max(0, nspec)];
    this.active = new boolean[bufs.length];
    this.used = new long[bufs.length];
    this.specsize = specsize;
    for (int i = 0; i < bufs.length; i++) {
      bufs[i] = new StringBuilder();
    }
  }

  /** @return a fresh speculation id (1-based), or 0 when none is free */
  public int speculation() {
    for (int i = 0; i < bufs.length; i++) {
      if (!active[i]) {
        active[i] = true;
        used[i] = 0;
        bufs[i].setLength(0);
        return i + 1;
      }
    }
    unavail++;
    return 0;
  }

  /** @param id speculation id @return whether it names an active buffer */
  public boolean valid(long id) {
    return id > 0 && id <= bufs.length && active[(int) id - 1];
  }

  /**
   * Reserves room for an enabled probe's record: port of {@code dtrace_buffer_reserve} on a
   * speculative buffer.
   *
   * @param id   speculation id
   * @param size the record's size in the kernel's layout
   * @return false (and a speculative drop) when the buffer is full
   */
  public boolean reserve(long id, int size) {
    if (!valid(id)) {
      return false;
    }
    int i = (int) id - 1;
    if (used[i] + size > specsize) {
      specDrops++;
      return false;
    }
    used[i] += size;
    return true;
  }

  /**
   * Appends a record to a speculation.
   *
   * @param id  speculation id
   * @param rec formatted record
   */
  public void append(long id, CharSequence rec) {
    if (!valid(id)) {
      return;
    }
    bufs[(int) id - 1].append(rec);
  }

  /**
   * Commits: returns the buffered records and frees the buffer.
   *
   * @param id speculation id
   * @return the records, or "" when the id is not active
   */
  public String commit(long id) {
    if (!valid(id)) {
      return "";
    }
    String s = bufs[(int) id - 1].toString();
    bufs[(int) id - 1].setLength(0);
    active[(int) id - 1] = false;
    return s;
  }

  /** @param id speculation id to drop */
  public void discard(long id) {
    if (valid(id)) {
      bufs[(int) id - 1].setLength(0);
      active[(int) id - 1] = false;
    }
  }
}

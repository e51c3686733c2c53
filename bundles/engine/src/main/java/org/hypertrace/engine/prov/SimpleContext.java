package org.hypertrace.engine.prov;

import org.hypertrace.api.provider.ProbeContext;

/**
 * The context of probes the engine fires itself (BEGIN, END, ERROR, tick, profile): the
 * arguments it sets and the identity of the consumer process, or of the interrupted "sched"
 * thread for timers, as dtrace reports them.
 */
public final class SimpleContext implements ProbeContext {
  private final long[] args = new long[10];
  private final int pid;
  private final int tid;
  private final String execname;

  /**
   * @param pid      process id
   * @param tid      thread id
   * @param execname executable name
   */
  public SimpleContext(int pid, int tid, String execname) {
    this.pid = pid;
    this.tid = tid;
    this.execname = execname;
  }

  /** @return a context for probes that fire in the consumer (BEGIN, END, ERROR) */
  public static SimpleContext consumer() {
    return new SimpleContext((int) ProcessHandle.current().pid(),
        (int) ProcessHandle.current().pid(), "dtrace");
  }

  /** @param i index @param v value */
  public void setArg(int i, long v) {
    args[i] = v;
  }

  @Override public long arg(int i) {
    return i >= 0 && i < 10 ? args[i] : 0;
  }

  @Override public int pid() {
    return pid;
  }

  @Override public int tid() {
    return tid;
  }

  @Override public int ppid() {
    return 0;
  }

  @Override public int uid() {
    return 0;
  }

  @Override public int gid() {
    return 0;
  }

  @Override public int cpu() {
    return 0;
  }

  @Override public int errno() {
    return 0;
  }

  @Override public long curthread() {
    return 0;
  }

  @Override public String execname() {
    return execname;
  }

  @Override public String vmname() {
    return null;
  }

  @Override public int read(long address, byte[] dst, int off, int len) {
    return -1;
  }
}

package org.hypertrace.kernel.prov;

import java.util.ArrayList;
import java.util.List;
import org.hypertrace.api.provider.MemoryCapture;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.kernel.sys.Bpf;
import org.hypertrace.kernel.sys.PerfEventAttr;
import org.hypertrace.kernel.sys.PerfEvents;
import org.hypertrace.kernel.sys.SyscallException;

/**
 * One enabling: the programs and attachments (perf events, raw tracepoint links) of the probes
 * one {@code enable} call armed, writing into the listener's shared {@link RingChannel}. Closing
 * detaches first, delivers what the programs already wrote, then frees the programs and releases
 * the channel.
 */
public final class ProbeSession implements ProbeProvider.Enabling {
  /**
   * Default ring size, 16 MiB (system property {@code hypertrace.native.ringsize} in bytes, a
   * power of 2): ~110k records, 40-50 ms of the measured peak rates, enough for the consumer to
   * ride out scheduling delays on a loaded machine (8 MiB dropped ~2% there).
   */
  public static final int DEFAULT_RING =
      Integer.getInteger("hypertrace.native.ringsize", 16 << 20);

  private final RingChannel channel;
  private final ProbeListener listener;
  private final List<Integer> attachments = new ArrayList<>();
  private final List<Integer> programs = new ArrayList<>();
  private boolean closed;

  /**
   * @param listener where firings go (enablings for one listener share one ring and thread)
   * @param ringSize ring buffer size (power of 2) if a new ring is made
   */
  public ProbeSession(ProbeListener listener, int ringSize) {
    this.channel = RingChannel.acquire(listener, ringSize);
    this.listener = listener;
  }

  /** @return the stacks the listener wants for a probe (ProbeListener.STACK_* mask) */
  public int stackFlags(int probeId) {
    return listener.stacks(probeId) & (ProbeListener.STACK_KERNEL | ProbeListener.STACK_USER);
  }

  /**
   * @return the kernel memory the listener wants copied at the probe's firings (its clauses'
   *     loads through curthread or args[i])
   */
  public List<MemoryCapture> captures(int probeId) {
    List<MemoryCapture> c = listener.captures(probeId);
    return c == null ? List.of() : c;
  }

  /** @return the stack trace map of the listener's ring, created on first use */
  public int stackFd() {
    return channel.stackFd();
  }

  /** @return the ring buffer map fd the programs write to */
  public int ringFd() {
    return channel.ringFd();
  }

  /** @return the drop counter map fd */
  public int dropFd() {
    return channel.dropFd();
  }

  /** @return records delivered so far through this listener's ring */
  public long delivered() {
    return channel.delivered();
  }

  /** @return drops counted so far in this listener's ring */
  public long dropped() {
    return channel.dropped();
  }

  /** Loads a program and records its fd for closing. */
  public int load(int progType, byte[] insns, String name) {
    return load(progType, 0, insns, name);
  }

  /** Loads a program for an expected attach type and records its fd for closing. */
  public int load(int progType, int expectedAttachType, byte[] insns, String name) {
    int fd = Bpf.progLoad(progType, insns, "GPL", name, expectedAttachType);
    programs.add(fd);
    return fd;
  }

  /** Attaches a BPF_PROG_TYPE_TRACEPOINT program to tracepoint id (one event serves all CPUs). */
  public void attachTracepoint(int tracepointId, int progFd) {
    PerfEventAttr attr = new PerfEventAttr();
    attr.type = PerfEventAttr.PERF_TYPE_TRACEPOINT;
    attr.config = tracepointId;
    attr.sample_period = 1;
    attr.wakeup_events = 1;
    attachPerf(attr, -1, 0, progFd);
  }

  /** Opens a perf event, attaches progFd to it and enables it. */
  public void attachPerf(PerfEventAttr attr, int pid, int cpu, int progFd) {
    int fd = PerfEvents.open(attr, pid, cpu, -1, PerfEvents.PERF_FLAG_FD_CLOEXEC);
    attachments.add(fd);
    PerfEvents.setBpf(fd, progFd);
    PerfEvents.enable(fd);
  }

  /** Records a map (or program) fd to close with the programs, after the last drain. */
  public void own(int fd) {
    programs.add(fd);
  }

  /** Records a link (closing it detaches) made elsewhere. */
  public void attached(int linkFd) {
    attachments.add(linkFd);
  }

  /** Attaches a BPF_PROG_TYPE_RAW_TRACEPOINT program by tracepoint name. */
  public void attachRaw(String tracepoint, int progFd) {
    attachments.add(Bpf.rawTracepointOpen(tracepoint, progFd));
  }

  /** @return whether {@link #close} ran */
  public synchronized boolean isClosed() {
    return closed;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int fd : attachments) {
      Bpf.close(fd);
    }
    channel.flush();
    for (int fd : programs) {
      Bpf.close(fd);
    }
    channel.release();
  }

  /** Frees everything when attaching failed half-way, and rethrows as one line. */
  IllegalStateException fail(String what, RuntimeException e) {
    close();
    if (e instanceof SyscallException && ((SyscallException) e).isPermission()
        && Privileges.missing() != null) {
      return new IllegalStateException(what + ": " + Privileges.missing());
    }
    return new IllegalStateException(what + ": " + e.getMessage(), e);
  }
}

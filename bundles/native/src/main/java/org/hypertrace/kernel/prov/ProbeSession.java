package org.hypertrace.kernel.prov;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.kernel.ring.BpfRingBuffer;
import org.hypertrace.kernel.ring.DropCounter;
import org.hypertrace.kernel.ring.RecordHandler;
import org.hypertrace.kernel.sys.Bpf;
import org.hypertrace.kernel.sys.PerfEventAttr;
import org.hypertrace.kernel.sys.PerfEvents;
import org.hypertrace.kernel.sys.SyscallException;

/**
 * One enabling: a ring buffer and drop counter shared by its programs, the programs and their
 * attachments (perf events or raw tracepoint links), and the consumer thread that drains the ring
 * every millisecond into the listener and reports drops per CPU. Closing detaches first, drains
 * what is left, then frees programs and maps.
 */
public final class ProbeSession implements ProbeProvider.Enabling, RecordHandler {
  /** Default ring size: 8 MiB holds ~58k records, 40 ms at the measured peak rate. */
  public static final int DEFAULT_RING = 8 << 20;
  private static final long DRAIN_PERIOD_NS = 1_000_000L;
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ProbeListener listener;
  private final BpfRingBuffer ring;
  private final DropCounter drops;
  private final List<Integer> fds = new ArrayList<>();
  private final RecordContext context = new RecordContext();
  private final Thread consumer;
  private volatile boolean running = true;
  private boolean closed;
  private volatile long delivered;

  /**
   * @param listener where firings go
   * @param ringSize ring buffer size (power of 2)
   */
  public ProbeSession(ProbeListener listener, int ringSize) {
    this.listener = listener;
    this.ring = new BpfRingBuffer(ringSize, "ht_ring");
    try {
      this.drops = new DropCounter("ht_drops");
    } catch (RuntimeException e) {
      ring.close();
      throw e;
    }
    consumer = new Thread(this::consume, "hypertrace-ring-" + THREADS.incrementAndGet());
    consumer.setDaemon(true);
  }

  /** @return the ring buffer map fd the programs write to */
  public int ringFd() {
    return ring.fd();
  }

  /** @return the drop counter map fd */
  public int dropFd() {
    return drops.fd();
  }

  /** Starts delivery; call after attaching. */
  public void start() {
    consumer.start();
  }

  /** @return records delivered so far */
  public long delivered() {
    return delivered;
  }

  /** @return drops counted so far */
  public long dropped() {
    return drops.total();
  }

  private void consume() {
    long lastDropPoll = 0;
    while (running) {
      int n = ring.drain(this);
      long now = System.nanoTime();
      if (now - lastDropPoll > 10 * DRAIN_PERIOD_NS) {
        drops.poll(listener::dropped);
        lastDropPoll = now;
      }
      if (n == 0) {
        LockSupport.parkNanos(DRAIN_PERIOD_NS);
      }
    }
  }

  @Override
  public void onRecord(ByteBuffer data, int offset, int length) {
    context.at(data, offset);
    delivered++;
    listener.fire(context.probeId(), context);
  }

  /** Loads a program and records its fd for closing. */
  public int load(int progType, byte[] insns, String name) {
    int fd = Bpf.progLoad(progType, insns, "GPL", name, 0);
    fds.add(fd);
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
    fds.add(0, fd);
    PerfEvents.setBpf(fd, progFd);
    PerfEvents.enable(fd);
  }

  /** Attaches a BPF_PROG_TYPE_RAW_TRACEPOINT program by tracepoint name. */
  public void attachRaw(String tracepoint, int progFd) {
    fds.add(0, Bpf.rawTracepointOpen(tracepoint, progFd));
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    // attachments were added at the front: they close before programs and maps
    for (int fd : fds) {
      Bpf.close(fd);
    }
    running = false;
    if (consumer.isAlive()) {
      LockSupport.unpark(consumer);
      try {
        consumer.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // programs that were running on other CPUs when detached may still hold a reservation:
    // wait (briefly) until every record is committed so the count is exact
    long deadline = System.nanoTime() + 50 * DRAIN_PERIOD_NS;
    do {
      ring.drain(this);
    } while (ring.pending() > 0 && System.nanoTime() < deadline);
    drops.poll(listener::dropped);
    ring.close();
    drops.close();
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

package org.hypertrace.kernel.prov;

import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.kernel.ring.BpfRingBuffer;
import org.hypertrace.kernel.ring.DropCounter;
import org.hypertrace.kernel.ring.RecordHandler;

/**
 * The delivery path of one listener: a ring buffer and drop counter that every program armed for
 * that listener writes to (whatever the provider), and the one consumer thread that drains it
 * every millisecond. Sharing it gives the listener a single delivery thread and the kernel's
 * reservation order across CPUs and providers. Reference-counted by the {@link ProbeSession}s
 * using it; the last release drains what is left and frees the maps.
 */
final class RingChannel implements RecordHandler {
  private static final long DRAIN_PERIOD_NS = 1_000_000L;
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final Map<ProbeListener, RingChannel> OPEN = new IdentityHashMap<>();

  private final ProbeListener listener;
  private final BpfRingBuffer ring;
  private final DropCounter drops;
  private final RecordContext context = new RecordContext();
  private final Thread consumer;
  private volatile boolean running = true;
  private volatile long delivered;
  private int users;

  private RingChannel(ProbeListener listener, int ringSize) {
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
    consumer.start();
  }

  /** @return the listener's open channel, or a new one with a ring of ringSize bytes */
  static RingChannel acquire(ProbeListener listener, int ringSize) {
    synchronized (OPEN) {
      RingChannel c = OPEN.get(listener);
      if (c == null) {
        c = new RingChannel(listener, ringSize);
        OPEN.put(listener, c);
      }
      c.users++;
      return c;
    }
  }

  /** Drops one use; the last one drains, stops the consumer and frees the maps. */
  void release() {
    synchronized (OPEN) {
      if (--users > 0) {
        return;
      }
      OPEN.remove(listener);
    }
    running = false;
    LockSupport.unpark(consumer);
    try {
      consumer.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
    ring.close();
    drops.close();
  }

  /**
   * Delivers everything committed, waiting briefly for reservations still open (a program that
   * was running on another CPU when it was detached), and reports drops.
   */
  synchronized void flush() {
    long deadline = System.nanoTime() + 50 * DRAIN_PERIOD_NS;
    do {
      ring.drain(this);
    } while (ring.pending() > 0 && System.nanoTime() < deadline);
    drops.poll(listener::dropped);
  }

  int ringFd() {
    return ring.fd();
  }

  int dropFd() {
    return drops.fd();
  }

  long delivered() {
    return delivered;
  }

  long dropped() {
    return drops.total();
  }

  private void consume() {
    long lastDropPoll = 0;
    while (running) {
      int n;
      synchronized (this) {
        n = ring.drain(this);
        long now = System.nanoTime();
        if (now - lastDropPoll > 10 * DRAIN_PERIOD_NS) {
          drops.poll(listener::dropped);
          lastDropPoll = now;
        }
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
}

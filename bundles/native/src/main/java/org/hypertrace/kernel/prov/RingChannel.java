package org.hypertrace.kernel.prov;

import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.kernel.ring.BpfRingBuffer;
import org.hypertrace.kernel.ring.DropCounter;
import org.hypertrace.kernel.ring.RecordHandler;
import org.hypertrace.kernel.sys.Bpf;

/**
 * The delivery path of one listener: a ring buffer and drop counter that every program armed for
 * that listener writes to (whatever the provider), and the one consumer thread that drains it
 * every millisecond. Sharing it gives the listener a single delivery thread and the kernel's
 * reservation order across CPUs and providers. Reference-counted by the {@link ProbeSession}s
 * using it.
 *
 * <p>Invariants:
 * <ol>
 *   <li>one thread at a time drains (the {@code drain} lock), so records are delivered once and
 *       in order;</li>
 *   <li>a closer drains what is left on its own thread (so a caller that holds the lock its
 *       listener takes still gets every record, reentrantly) but never waits unboundedly for the
 *       consumer, which may be blocked in that very listener;</li>
 *   <li>the maps are freed by the consumer thread when it stops, after its last drain, so no
 *       thread ever reads an unmapped ring.</li>
 * </ol>
 */
final class RingChannel implements RecordHandler {
  private static final long DRAIN_PERIOD_NS = 1_000_000L;
  /** After this many empty drains in a row the consumer sleeps IDLE_PERIOD_NS between them. */
  private static final int IDLE_ROUNDS = 20;
  private static final long IDLE_PERIOD_NS = 4_000_000L;
  /** How long a closer waits for a consumer busy in the listener before leaving it the rest. */
  private static final long CLOSE_WAIT_MS = 200;
  /** Frames kept per stack (dtrace's default stackframes is 20, ustackframes 100). */
  static final int MAX_FRAMES = 127;
  private static final int STACK_ENTRIES = 16384;
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final Map<ProbeListener, RingChannel> OPEN = new IdentityHashMap<>();

  private final ProbeListener listener;
  private final BpfRingBuffer ring;
  private final DropCounter drops;
  private final RecordContext context = new RecordContext(this);
  private final ReentrantLock drain = new ReentrantLock();
  private final Object stackLock = new Object();
  private final Map<Integer, long[]> stacks = new HashMap<>();
  private final Thread consumer;
  private volatile boolean running = true;
  private volatile long delivered;
  private int users;
  private int stackFd = -1;
  private Memory stackKey;
  private Memory stackValue;

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

  /**
   * Drops one use; the last one stops the consumer, which drains what is left and frees the maps,
   * and waits a bounded time for that.
   */
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
      consumer.join(CLOSE_WAIT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Delivers everything committed on the calling thread, waiting briefly for reservations still
   * open (a program that was running on another CPU when it was detached), and reports drops.
   *
   * @return false when the consumer was busy in the listener for too long (it delivers the rest)
   */
  boolean flush() {
    try {
      if (!drain.tryLock(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    try {
      if (!running && !consumer.isAlive()) {
        return true;
      }
      long deadline = System.nanoTime() + 50 * DRAIN_PERIOD_NS;
      do {
        ring.drain(this);
      } while (ring.pending() > 0 && System.nanoTime() < deadline);
      drops.poll(listener::dropped);
      return true;
    } finally {
      drain.unlock();
    }
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

  /** @return the BPF_MAP_TYPE_STACK_TRACE map of this ring, created on first use */
  int stackFd() {
    synchronized (stackLock) {
      if (stackFd < 0) {
        stackFd = Bpf.mapCreate(Bpf.BPF_MAP_TYPE_STACK_TRACE, 4, 8 * MAX_FRAMES, STACK_ENTRIES,
            0, "ht_stacks");
        stackKey = new Memory(4);
        stackValue = new Memory(8L * MAX_FRAMES);
      }
      return stackFd;
    }
  }

  /**
   * The frames of a stack id. A bucket of a stack trace map is never overwritten (capture runs
   * without BPF_F_REUSE_STACKID), so an id always means the same stack and is cached.
   *
   * @return the frames, or an empty array when the id is unknown
   */
  long[] stack(int id) {
    synchronized (stackLock) {
      long[] frames = stacks.get(id);
      if (frames != null) {
        return frames;
      }
      frames = new long[0];
      if (stackFd >= 0) {
        stackKey.setInt(0, id);
        if (Bpf.mapLookup(stackFd, stackKey, stackValue)) {
          int n = 0;
          while (n < MAX_FRAMES && stackValue.getLong(8L * n) != 0) {
            n++;
          }
          frames = stackValue.getLongArray(0, n);
        }
      }
      stacks.put(id, frames);
      return frames;
    }
  }

  private void consume() {
    long lastDropPoll = 0;
    boolean reported = false;
    int idle = 0;
    try {
      while (running) {
        int n = 0;
        drain.lock();
        try {
          n = ring.drain(this);
          long now = System.nanoTime();
          if (now - lastDropPoll > 10 * DRAIN_PERIOD_NS) {
            drops.poll(listener::dropped);
            lastDropPoll = now;
          }
        } catch (RuntimeException e) {
          // a failing listener must not stop delivery (the ring would fill and drop
          // everything): the record that failed is consumed, the failure said once
          if (!reported) {
            reported = true;
            System.err.println("hypertrace: probe listener failed: " + e);
          }
        } finally {
          drain.unlock();
        }
        // idle: back off to one wake-up per 4 ms; the 16 MiB ring absorbs ~40 ms of the peak
        // rate, and close() drains synchronously whatever is left
        idle = n == 0 ? idle + 1 : 0;
        if (n == 0) {
          LockSupport.parkNanos(idle > IDLE_ROUNDS ? IDLE_PERIOD_NS : DRAIN_PERIOD_NS);
        }
      }
    } finally {
      stop();
    }
  }

  /** On the consumer thread, after its loop: last drain, then the maps go. */
  private void stop() {
    drain.lock();
    try {
      try {
        ring.drain(this);
        drops.poll(listener::dropped);
      } catch (RuntimeException e) {
        System.err.println("hypertrace: probe listener failed: " + e);
      }
      ring.close();
      drops.close();
      synchronized (stackLock) {
        Bpf.close(stackFd);
        stackFd = -1;
      }
    } finally {
      drain.unlock();
    }
  }

  @Override
  public void onRecord(ByteBuffer data, int offset, int length) {
    context.at(data, offset, length);
    delivered++;
    listener.fire(context.probeId(), context);
  }
}

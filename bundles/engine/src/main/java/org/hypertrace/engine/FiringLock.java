package org.hypertrace.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The session's lock, taken once per probe firing: the role of the kernel's per-CPU interrupt
 * disabling in {@code dtrace_probe} (one firing at a time owns the machine state), for provider
 * threads that are not CPUs. Reentrant, as exit() stops the session from inside a firing.
 *
 * <p>It exists because a {@code ReentrantLock} costs two atomic read-modify-write operations per
 * firing: the acquiring compare-and-set and, on release, the full fence of a volatile store,
 * together a tenth of a short clause's firing. Here the release is a release-store, with no
 * fence. Invariants:
 * <ol>
 *   <li>{@code state} is 1 while a thread holds the lock; only a successful compare-and-set from
 *       0 takes it, only the holder's release-store gives it back, and the holder's writes
 *       happen-before the next holder's reads (release/acquire);</li>
 *   <li>{@code owner} and {@code holds} are written only by the holder;</li>
 *   <li>without a fence the releaser may read {@code waiters} before its release-store is
 *       visible and miss a thread that is about to park: waiters therefore spin first and park
 *       with a timeout, so a missed wake-up delays a contended firing by at most
 *       {@link #PARK_NANOS}, never blocks it.</li>
 * </ol>
 */
final class FiringLock {
  private static final VarHandle STATE;
  private static final VarHandle WAITERS;
  /** Longest park of a waiting thread before it looks at the lock again. */
  private static final long PARK_NANOS = 50_000;
  private static final int SPINS = 256;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      STATE = l.findVarHandle(FiringLock.class, "state", int.class);
      WAITERS = l.findVarHandle(FiringLock.class, "waiters", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile int state;
  private volatile int waiters;
  private Thread owner;
  private int holds;
  /** Threads parked in {@link #contended}, oldest first. */
  private final ConcurrentLinkedQueue<Thread> queue = new ConcurrentLinkedQueue<>();

  /** Takes the lock, waiting while another thread holds it. */
  void lock() {
    Thread me = Thread.currentThread();
    if (STATE.compareAndSet(this, 0, 1)) {
      owner = me;
      holds = 1;
    } else if (owner == me) {
      holds++;
    } else {
      contended(me);
    }
  }

  private void contended(Thread me) {
    for (int i = 0; i < SPINS; i++) {
      Thread.onSpinWait();
      if ((int) STATE.getOpaque(this) == 0 && STATE.compareAndSet(this, 0, 1)) {
        owner = me;
        holds = 1;
        return;
      }
    }
    queue.add(me);
    WAITERS.getAndAdd(this, 1);
    try {
      while (!STATE.compareAndSet(this, 0, 1)) {
        LockSupport.parkNanos(this, PARK_NANOS);
      }
    } finally {
      WAITERS.getAndAdd(this, -1);
      queue.remove(me);
    }
    owner = me;
    holds = 1;
  }

  /** Releases one hold; the last one frees the lock and wakes the waiting threads. */
  void unlock() {
    if (owner != Thread.currentThread()) {
      throw new IllegalMonitorStateException();
    }
    if (--holds > 0) {
      return;
    }
    owner = null;
    STATE.setRelease(this, 0);
    if ((int) WAITERS.getOpaque(this) != 0) {
      wakeOne();
    }
  }

  /** Wakes the longest waiting thread (the others re-check on their own within PARK_NANOS). */
  private void wakeOne() {
    Thread t = queue.peek();
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /** @return whether the calling thread holds the lock */
  boolean isHeldByCurrentThread() {
    return owner == Thread.currentThread();
  }
}

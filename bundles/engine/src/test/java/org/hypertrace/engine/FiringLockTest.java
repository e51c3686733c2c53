package org.hypertrace.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FiringLockTest {
  private long counter;

  @Test
  void testFiringLock_excludesConcurrentHolders() throws Exception {
    FiringLock lock = new FiringLock();
    int threads = 4;
    int rounds = 200_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < rounds; i++) {
          lock.lock();
          try {
            // a read-modify-write that loses updates unless the holders exclude each other
            long c = counter;
            if ((i & 1023) == 0) {
              Thread.yield();
            }
            counter = c + 1;
          } finally {
            lock.unlock();
          }
        }
      });
      th.start();
      ts.add(th);
    }
    start.countDown();
    for (Thread th : ts) {
      th.join(TimeUnit.SECONDS.toMillis(60));
      assertFalse(th.isAlive(), "a thread is stuck waiting for the lock");
    }
    assertEquals((long) threads * rounds, counter);
  }

  @Test
  void testFiringLock_reentrantAndOwned() throws Exception {
    FiringLock lock = new FiringLock();
    lock.lock();
    lock.lock();
    assertTrue(lock.isHeldByCurrentThread());
    lock.unlock();
    assertTrue(lock.isHeldByCurrentThread(), "one hold remains");
    boolean[] other = new boolean[2];
    Thread th = new Thread(() -> {
      other[0] = lock.isHeldByCurrentThread();
      try {
        lock.unlock();
      } catch (IllegalMonitorStateException e) {
        other[1] = true;
      }
    });
    th.start();
    th.join();
    assertFalse(other[0]);
    assertTrue(other[1], "only the holder may unlock");
    lock.unlock();
    assertFalse(lock.isHeldByCurrentThread());
    assertThrows(IllegalMonitorStateException.class, lock::unlock);
  }

  @Test
  void testFiringLock_waiterGetsTheLockAfterALongHold() throws Exception {
    FiringLock lock = new FiringLock();
    lock.lock();
    CountDownLatch got = new CountDownLatch(1);
    Thread th = new Thread(() -> {
      lock.lock();
      got.countDown();
      lock.unlock();
    });
    th.start();
    assertFalse(got.await(50, TimeUnit.MILLISECONDS), "the lock is held");
    lock.unlock();
    assertTrue(got.await(10, TimeUnit.SECONDS));
    th.join();
  }
}

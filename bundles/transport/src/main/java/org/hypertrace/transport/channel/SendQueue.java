package org.hypertrace.transport.channel;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.hypertrace.transport.frame.Frame;

/**
 * The bounded queue in front of one peer's channel, with its writer thread. A slow peer never
 * makes the sender hold more than {@code capacity} messages:
 * <ol>
 *   <li>DATA is dropped (and counted) once the queue is three quarters full, so control messages
 *       keep room;</li>
 *   <li>a control message (ELF, KILL, ...) that does not fit makes {@link #offer} return false:
 *       the caller drops the connection, and the transactional layer re-sends what was not
 *       acknowledged when the peer reconnects.</li>
 * </ol>
 * The writer thread writes whatever is queued and flushes when the queue runs empty, so bursts
 * go out in large writes.
 */
public final class SendQueue implements Closeable {
  private static final List<Frame> POISON = List.of();
  private final Channel channel;
  private final int capacity;
  private final int dataLimit;
  private final LinkedBlockingQueue<List<Frame>> queue;
  private final AtomicLong drops = new AtomicLong();
  private final Thread writer;
  private volatile boolean closed;

  /**
   * @param channel   where frames go
   * @param capacity  messages queued at most
   * @param onFailure called once, from the writer thread, when the channel broke
   */
  public SendQueue(Channel channel, int capacity, Consumer<IOException> onFailure) {
    this.channel = channel;
    this.capacity = Math.max(4, capacity);
    this.dataLimit = this.capacity * 3 / 4;
    this.queue = new LinkedBlockingQueue<>(this.capacity + 1);
    this.writer = new Thread(() -> run(onFailure), "send " + channel.peer());
    writer.setDaemon(true);
    writer.start();
  }

  private void run(Consumer<IOException> onFailure) {
    try {
      while (true) {
        List<Frame> next = queue.take();
        if (next == POISON) {
          channel.flush();
          return;
        }
        for (Frame f : next) {
          channel.write(f);
        }
        if (queue.isEmpty()) {
          channel.flush();
        }
      }
    } catch (IOException e) {
      if (!closed) {
        onFailure.accept(e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Queues a control message (frames of one message stay together).
   *
   * @param frames the frames
   * @return false when the queue is full or closed: drop the peer
   */
  public boolean offer(List<Frame> frames) {
    return !closed && queue.size() < capacity && queue.offer(frames);
  }

  /**
   * Queues a DATA frame, or drops and counts it when the queue is three quarters full.
   *
   * @param frame the frame
   * @return whether it was queued
   */
  public boolean offerData(Frame frame) {
    if (closed || queue.size() >= dataLimit || !queue.offer(List.of(frame))) {
      drops.incrementAndGet();
      return false;
    }
    return true;
  }

  /** @return DATA frames dropped so far */
  public long drops() {
    return drops.get();
  }

  /** @return messages waiting */
  public int size() {
    return queue.size();
  }

  /**
   * Writes what is queued (waiting up to {@code millis}), then stops the writer thread; the
   * channel stays open.
   *
   * @param millis how long to wait for the queue to drain
   */
  public void drainAndStop(long millis) {
    closed = true;
    queue.offer(POISON);
    try {
      writer.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the writer thread without draining. */
  @Override
  public void close() {
    closed = true;
    queue.clear();
    queue.offer(POISON);
    writer.interrupt();
  }

  /**
   * Waits until the queue is empty (for tests and orderly shutdown).
   *
   * @param millis at most this long
   * @return whether it emptied
   * @throws InterruptedException if interrupted
   */
  public boolean awaitEmpty(long millis) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!queue.isEmpty()) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(1);
    }
    return true;
  }
}

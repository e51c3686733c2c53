package org.hypertrace.kernel.ring;

import com.sun.jna.Pointer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.hypertrace.kernel.sys.Bpf;
import org.hypertrace.kernel.sys.MmapLibrary;
import org.hypertrace.kernel.sys.PollLibrary;
import org.hypertrace.kernel.sys.SyscallException;
import org.hypertrace.kernel.sys.UnistdLibrary;

/**
 * Consumer side of a BPF_MAP_TYPE_RINGBUF map, mapped into the JVM: the protocol of the kernel's
 * kernel/bpf/ringbuf.c as libbpf's ring_buffer__consume follows it, without allocation per record.
 *
 * <p>Layout (invariants the kernel guarantees):
 * <ol>
 *   <li>mmap offset 0, one page, read-write: {@code consumer_pos};</li>
 *   <li>mmap offset one page, read-only: {@code producer_pos} page, then the data area mapped twice
 *       in a row, so a record that wraps is contiguous in memory;</li>
 *   <li>each record starts with an 8-byte header: u32 length with BUSY (bit 31, being written) and
 *       DISCARD (bit 30) flags, u32 page offset; records are padded to 8 bytes.</li>
 * </ol>
 * Producer position and headers are read with acquire semantics, the consumer position is
 * published with release semantics, as the kernel's smp_load_acquire/smp_store_release pair needs.
 */
public final class BpfRingBuffer implements AutoCloseable {
  private static final int BUSY = 1 << 31;
  private static final int DISCARD = 1 << 30;
  private static final int HDR = 8;
  private static final VarHandle LONGS =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
  private static final VarHandle INTS =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

  private final int fd;
  private final int size;
  private final long mask;
  private final int page;
  private final Pointer consumerMap;
  private final Pointer producerMap;
  private final ByteBuffer consumer;
  private final ByteBuffer producer;
  private final ByteBuffer data;
  private final PollLibrary.pollfd pollFd = new PollLibrary.pollfd();
  private boolean closed;

  /**
   * Creates the map and maps it.
   *
   * @param size data area size in bytes: a power of 2, multiple of the page size
   * @param name map name for bpftool listings
   */
  public BpfRingBuffer(int size, String name) {
    if (Integer.bitCount(size) != 1 || size < 4096) {
      throw new IllegalArgumentException("ring buffer size " + size
          + " is not a power of 2 >= 4096");
    }
    this.size = size;
    this.mask = size - 1L;
    this.page = UnistdLibrary.INSTANCE.getpagesize();
    this.fd = Bpf.mapCreate(Bpf.BPF_MAP_TYPE_RINGBUF, 0, 0, size, 0, name);
    Pointer c = null;
    Pointer p = null;
    try {
      c = mmap(page, MmapLibrary.PROT_READ | MmapLibrary.PROT_WRITE, 0);
      p = mmap(page + 2L * size, MmapLibrary.PROT_READ, page);
    } catch (RuntimeException e) {
      if (c != null) {
        MmapLibrary.INSTANCE.munmap(c, page);
      }
      Bpf.close(fd);
      throw e;
    }
    consumerMap = c;
    producerMap = p;
    consumer = c.getByteBuffer(0, page).order(ByteOrder.nativeOrder());
    producer = p.getByteBuffer(0, page).order(ByteOrder.nativeOrder());
    data = p.getByteBuffer(page, 2L * size).order(ByteOrder.nativeOrder());
    pollFd.fd = fd;
    pollFd.events = PollLibrary.POLLIN;
  }

  private Pointer mmap(long length, int prot, long offset) {
    try {
      return MmapLibrary.INSTANCE.mmap(null, length, prot, MmapLibrary.MAP_SHARED, fd, offset);
    } catch (com.sun.jna.LastErrorException e) {
      throw new SyscallException("mmap(ring buffer fd " + fd + ")", e.getErrorCode());
    }
  }

  /** @return the map's file descriptor, for {@code ldMap} in programs */
  public int fd() {
    return fd;
  }

  /** @return data area size in bytes */
  public int size() {
    return size;
  }

  /** @return bytes written by producers and not yet consumed */
  public long pending() {
    return (long) LONGS.getAcquire(producer, 0) - (long) LONGS.getAcquire(consumer, 0);
  }

  /**
   * Consumes every committed record, in order, stopping at one still being written.
   *
   * @param handler receives each record that was not discarded
   * @return number of records delivered
   */
  public int drain(RecordHandler handler) {
    long cons = (long) LONGS.getAcquire(consumer, 0);
    int delivered = 0;
    while (true) {
      long prod = (long) LONGS.getAcquire(producer, 0);
      boolean progress = false;
      while (cons < prod) {
        int at = (int) (cons & mask);
        int len = (int) INTS.getAcquire(data, at);
        if ((len & BUSY) != 0) {
          LONGS.setRelease(consumer, 0, cons);
          return delivered;
        }
        int payload = len & ~(BUSY | DISCARD);
        cons += (payload + HDR + 7) & ~7L;
        try {
          if ((len & DISCARD) == 0) {
            delivered++;
            handler.onRecord(data, at + HDR, payload);
          }
        } finally {
          // a handler that throws still consumes its record, or it would come back forever
          LONGS.setRelease(consumer, 0, cons);
        }
        progress = true;
      }
      if (!progress) {
        return delivered;
      }
    }
  }

  /**
   * Sleeps in poll(2) until the kernel signals data (only records submitted without
   * BPF_RB_NO_WAKEUP do) or the timeout passes.
   *
   * @return true if poll reported the buffer readable
   */
  public boolean await(int timeoutMillis) {
    try {
      return PollLibrary.INSTANCE.poll(pollFd, 1, timeoutMillis) > 0;
    } catch (com.sun.jna.LastErrorException e) {
      if (e.getErrorCode() == SyscallException.EINTR) {
        return false;
      }
      throw new SyscallException("poll(ring buffer fd " + fd + ")", e.getErrorCode());
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    MmapLibrary.INSTANCE.munmap(consumerMap, page);
    MmapLibrary.INSTANCE.munmap(producerMap, page + 2L * size);
    Bpf.close(fd);
  }
}

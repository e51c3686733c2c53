package org.hypertrace.kernel.ring;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hypertrace.kernel.sys.Bpf;

/**
 * Per-CPU count of records a program could not reserve in a full ring buffer: a
 * BPF_MAP_TYPE_PERCPU_ARRAY of one u64 that the capture programs increment in place. The consumer
 * reads it on its timer and reports the growth per CPU, so no loss is silent.
 */
public final class DropCounter implements AutoCloseable {
  private final int fd;
  private final int cpus;
  private final long[] last;
  private final Memory key = new Memory(4);
  private final Memory values;

  /** @param name map name */
  public DropCounter(String name) {
    this.cpus = possibleCpus();
    this.fd = Bpf.mapCreate(Bpf.BPF_MAP_TYPE_PERCPU_ARRAY, 4, 8, 1, 0, name);
    this.last = new long[cpus];
    this.values = new Memory(8L * cpus);
    key.setInt(0, 0);
  }

  /** @return the number of possible CPUs (/sys/devices/system/cpu/possible, "0-N") */
  public static int possibleCpus() {
    try {
      String s = Files.readString(Path.of("/sys/devices/system/cpu/possible")).strip();
      int max = 0;
      for (String part : s.split(",")) {
        String[] r = part.split("-");
        max = Math.max(max, Integer.parseInt(r[r.length - 1]));
      }
      return max + 1;
    } catch (IOException | NumberFormatException e) {
      return Runtime.getRuntime().availableProcessors();
    }
  }

  /** @return the map's file descriptor */
  public int fd() {
    return fd;
  }

  /** Receives the growth of a CPU's count. */
  @FunctionalInterface
  public interface Sink {
    void dropped(int cpu, long count);
  }

  /** Reads the counters and reports each CPU whose count grew since the last poll. */
  public void poll(Sink sink) {
    if (!Bpf.mapLookup(fd, key, values)) {
      return;
    }
    for (int cpu = 0; cpu < cpus; cpu++) {
      long now = values.getLong(8L * cpu);
      if (now != last[cpu]) {
        sink.dropped(cpu, now - last[cpu]);
        last[cpu] = now;
      }
    }
  }

  /** @return total drops counted so far */
  public long total() {
    long t = 0;
    for (long l : last) {
      t += l;
    }
    return t;
  }

  @Override
  public void close() {
    Bpf.close(fd);
  }
}

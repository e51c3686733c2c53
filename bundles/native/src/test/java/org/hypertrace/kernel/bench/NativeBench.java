package org.hypertrace.kernel.bench;

import com.sun.jna.Native;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.MemoryCapture;
import org.hypertrace.api.provider.ProbeContext;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.api.types.LoadStep;
import org.hypertrace.kernel.prov.SyscallProvider;
import org.hypertrace.kernel.prov.TaskLayout;

/**
 * Benchmark of the syscall provider: a getppid hammer (JNA direct mapping) untraced and traced
 * with syscall::getppid:entry shipped to a Java listener, and under Debian's bpftrace counting the
 * same tracepoint in the kernel, in alternating rounds; reports ns per call, the slowdowns,
 * events/s delivered to Java and drops. Run as root:
 * {@code scripts/bench-native [calls] [pairs]}.
 */
public final class NativeBench {
  static {
    Native.register("c");
  }

  /** getppid(2) through JNA direct mapping (no interface proxy). */
  static native int getppid();

  private NativeBench() {}

  /** Counts deliveries and the time span between the first and the last. */
  static class Counter implements ProbeListener {
    final AtomicLong dropped = new AtomicLong();
    long count;
    long first;
    long last;
    int checksum;

    @Override
    public void fire(int probeId, ProbeContext c) {
      long now = System.nanoTime();
      if (count++ == 0) {
        first = now;
      }
      last = now;
      checksum += c.pid() + c.execname().length();
    }

    @Override
    public void dropped(int cpu, long n) {
      dropped.addAndGet(n);
    }
  }

  static double loop(int calls) {
    long t0 = System.nanoTime();
    int x = 0;
    for (int i = 0; i < calls; i++) {
      x += getppid();
    }
    long t = System.nanoTime() - t0;
    if (x == 42) {
      System.out.print("");
    }
    return (double) t / calls;
  }

  /**
   * Runs the loop while Debian's bpftrace counts sys_enter_getppid in the kernel.
   *
   * @return ns per call, or NaN when bpftrace is not installed
   */
  static double loopUnderBpftrace(int calls, long[] counted) throws Exception {
    Path bt = Path.of("/usr/bin/bpftrace");
    if (!Files.isExecutable(bt)) {
      return Double.NaN;
    }
    Process p = new ProcessBuilder(bt.toString(), "-e",
        "tracepoint:syscalls:sys_enter_getppid { @ = count(); }").redirectErrorStream(true)
        .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.startsWith("Attaching")) {
      // wait until the probe is attached
    }
    Thread.sleep(300);
    double ns = loop(calls);
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    while ((line = out.readLine()) != null) {
      if (line.startsWith("@: ")) {
        counted[0] = Long.parseLong(line.substring(3).strip());
      }
    }
    p.waitFor();
    return ns;
  }

  /** @return {run_time_ns, run_cnt} summed over the BPF programs a process holds open */
  static long[] progStats(long pid) throws Exception {
    long[] sum = new long[2];
    try (var fds = Files.list(Path.of("/proc/" + pid + "/fdinfo"))) {
      for (Path f : (Iterable<Path>) fds::iterator) {
        List<String> lines;
        try {
          lines = Files.readAllLines(f);
        } catch (java.io.IOException e) {
          continue;
        }
        if (lines.stream().noneMatch(l -> l.startsWith("prog_type:"))) {
          continue;
        }
        for (String l : lines) {
          if (l.startsWith("run_time_ns:")) {
            sum[0] += Long.parseLong(l.substring(12).trim());
          } else if (l.startsWith("run_cnt:")) {
            sum[1] += Long.parseLong(l.substring(8).trim());
          }
        }
      }
    }
    return sum;
  }

  /**
   * In-program cost per firing from the kernel's BPF statistics, ours and bpftrace's: turned on
   * only for this measurement (it adds its own cost to every firing, so the slowdown figures
   * above are taken without it) and restored after.
   */
  static void programCost(SyscallProvider p, List<ProbeInfo> probes, int calls)
      throws Exception {
    Path knob = Path.of("/proc/sys/kernel/bpf_stats_enabled");
    String old = Files.readString(knob).strip();
    Files.writeString(knob, "1");
    try {
      long[] ours;
      try (ProbeProvider.Enabling e = p.enable(probes, new Counter())) {
        loop(calls);
        ours = progStats(ProcessHandle.current().pid());
      }
      System.out.printf("  in-kernel program cost (bpf_stats): ours %.1f ns per firing",
          (double) ours[0] / Math.max(1, ours[1]));
      TaskLayout t = TaskLayout.host();
      if (t != null) {
        // what curthread->real_cred->uid.val, ->gid.val and stringof(curthread->comm) add
        List<MemoryCapture> chains = List.of(
            new MemoryCapture(MemoryCapture.ROOT_CURTHREAD, List.of(new LoadStep(t.realCred(),
                8), new LoadStep(t.credUid(), 4)), false),
            new MemoryCapture(MemoryCapture.ROOT_CURTHREAD, List.of(new LoadStep(t.realCred(),
                8), new LoadStep(t.credGid(), 4)), false),
            new MemoryCapture(MemoryCapture.ROOT_CURTHREAD, List.of(new LoadStep(t.comm(), 16)),
                true));
        long[] captured;
        try (ProbeProvider.Enabling e = p.enable(probes, new Counter() {
          @Override
          public List<MemoryCapture> captures(int probeId) {
            return chains;
          }
        })) {
          loop(calls);
          captured = progStats(ProcessHandle.current().pid());
        }
        System.out.printf(", with 3 memory captures (real_cred->uid, ->gid, comm) %.1f ns",
            (double) captured[0] / Math.max(1, captured[1]));
      }
      Path bt = Path.of("/usr/bin/bpftrace");
      if (Files.isExecutable(bt)) {
        Process b = new ProcessBuilder(bt.toString(), "-e",
            "tracepoint:syscalls:sys_enter_getppid { @ = count(); }").redirectErrorStream(true)
            .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(b.getInputStream(),
            StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("Attaching")) {
          // wait until attached
        }
        Thread.sleep(300);
        loop(calls);
        long[] theirs = progStats(b.pid());
        b.destroy();
        b.waitFor();
        System.out.printf(", bpftrace count() %.1f ns", (double) theirs[0]
            / Math.max(1, theirs[1]));
      }
      System.out.println();
    } finally {
      Files.writeString(knob, old);
    }
  }

  static double min(double[] v) {
    double m = Double.MAX_VALUE;
    for (double d : v) {
      m = Math.min(m, d);
    }
    return m;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
    int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    SyscallProvider p = new SyscallProvider();
    List<ProbeInfo> probes = p.probes(new ProbeDescription("", "syscall", "", "getppid",
        "entry"));
    loop(calls / 10);
    // warm-up: JIT-compile the consumer's drain path before measuring
    try (ProbeProvider.Enabling e = p.enable(probes, new Counter())) {
      loop(calls / 5);
      Thread.sleep(50);
    }
    double[] untraced = new double[pairs];
    double[] traced = new double[pairs];
    double[] rate = new double[pairs];
    double[] bpftrace = new double[pairs];
    long[] counted = new long[1];
    long totalDrops = 0;
    long totalDelivered = 0;
    for (int r = 0; r < pairs; r++) {
      untraced[r] = loop(calls);
      Counter c = new Counter();
      try (ProbeProvider.Enabling e = p.enable(probes, c)) {
        traced[r] = loop(calls);
        Thread.sleep(50);
      }
      rate[r] = c.count / ((c.last - c.first) / 1e9);
      bpftrace[r] = loopUnderBpftrace(calls, counted);
      totalDrops += c.dropped.get();
      totalDelivered += c.count;
      System.out.printf("pair %d: untraced %.1f ns/call, traced %.1f ns/call, delivered %d"
          + " (%.2f M events/s), drops %d; bpftrace count() %.1f ns/call (counted %d)%n", r + 1,
          untraced[r], traced[r], c.count, rate[r] / 1e6, c.dropped.get(), bpftrace[r],
          counted[0]);
    }
    System.out.printf("getppid x %d, %d pairs, minimum per pair kind (least disturbed runs):"
        + " untraced %.1f, traced %.1f (+%.1f ns per firing, slowdown %.2f), bpftrace %.1f"
        + " (+%.1f ns, slowdown %.2f)%n", calls, pairs, min(untraced), min(traced),
        min(traced) - min(untraced), min(traced) / min(untraced), min(bpftrace),
        min(bpftrace) - min(untraced), min(bpftrace) / min(untraced));
    double u = median(untraced);
    double t = median(traced);
    System.out.printf("getppid x %d, %d pairs (medians)%n", calls, pairs);
    System.out.printf("  untraced                      %8.1f ns/call%n", u);
    System.out.printf("  syscall::getppid:entry -> Java %8.1f ns/call  (+%.1f ns per firing,"
        + " slowdown %.2f)%n", t, t - u, t / u);
    double b = median(bpftrace);
    System.out.printf("  bpftrace @ = count() in kernel %8.1f ns/call  (+%.1f ns per firing,"
        + " slowdown %.2f)%n", b, b - u, b / u);
    programCost(p, probes, calls / 5);
    System.out.printf("  delivered to Java: %.2f M events/s (median), %d events, %d drops%n",
        median(rate) / 1e6, totalDelivered, totalDrops);
  }
}

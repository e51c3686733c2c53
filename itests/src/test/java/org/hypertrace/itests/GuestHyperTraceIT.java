package org.hypertrace.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * HyperTrace mode with real guests: two QEMU guests of the VM lab (TCG here) each run a dtraced
 * minion on their virtio-serial port; the host's overlord dials the ports; dtrace -E on the host
 * traces system calls inside the guests through the guests' own eBPF, with the target field
 * picking both guests, one, or none; a guest that reboots mid-trace gets the program again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuestHyperTraceIT {
  private static final Path ROOT = Path.of(System.getProperty("hypertrace.root"))
      .toAbsolutePath().normalize();
  private static Path work;
  private static Path state;
  private static Path overlordConfig;
  private static Path overlordBase;

  /** A finished process. */
  record Proc(int status, String out, String err) {}

  private static Proc run(long seconds, List<String> cmd) throws IOException,
      InterruptedException {
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile())
        .redirectError(err.toFile());
    pb.environment().put("HT_VMLAB_STATE", state.toString());
    pb.environment().put("DTRACED_BASE", overlordBase.toString());
    Process p = pb.start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", cmd) + " hung");
    }
    return new Proc(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static String script(String name) {
    return ROOT.resolve("scripts").resolve(name).toString();
  }

  @BeforeAll
  static void bootGuests() throws Exception {
    work = Files.createTempDirectory("ht-guest-it");
    state = Files.createTempDirectory("vmg");
    overlordBase = work.resolve("overlord");
    Proc build = run(900, List.of(script("vm-lab"), "build"));
    Assumptions.assumeFalse(build.status != 0 && build.err.matches(
        "(?s).*(cannot install|packages missing).*"), "QEMU cannot be installed here");
    assertEquals(0, build.status, build.out + build.err);
    Proc up = run(600, List.of(script("vm-lab"), "up", "2", "--prefix", "itg"));
    assertEquals(0, up.status, up.out + up.err);
    overlordConfig = work.resolve("config");
    Files.createDirectories(overlordConfig);
    Files.writeString(overlordConfig.resolve("org.hypertrace.dtraced.cfg"),
        "role = overlord\nnode.name = host0\nbase.dir = " + overlordBase + "\n");
    Files.writeString(overlordConfig.resolve("org.hypertrace.dtraced.transport.cfg"),
        "guest.sockets = " + state.resolve("itg1/serial.sock") + ","
        + state.resolve("itg2/serial.sock") + "\n");
    Proc start = run(60, List.of(script("dtraced"), "start", "--config",
        overlordConfig.toString()));
    assertEquals(0, start.status, start.err);
    long end = System.nanoTime() + 120_000_000_000L;
    String rows = "";
    while (System.nanoTime() < end) {
      rows = minions();
      if (rows.split("CONNECTED", -1).length - 1 == 2) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("guests did not connect:\n" + rows);
  }

  private static String minions() throws Exception {
    return run(60, List.of(script("dtraced"), "exec", "dtraced:minions", "--config",
        overlordConfig.toString())).out;
  }

  @AfterAll
  static void teardown() throws Exception {
    if (overlordConfig != null) {
      run(60, List.of(script("dtraced"), "stop", "--config", overlordConfig.toString()));
    }
    if (state != null) {
      run(120, List.of(script("vm-lab"), "down"));
    }
    try (Stream<Path> s = Files.walk(work)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static Proc dtraceE(String d) throws Exception {
    return run(120, List.of(script("dtrace"), "-q", "-E", "-n", d));
  }

  private static boolean hasRow(String out, String vm) {
    return Pattern.compile("(?m)^\\s+" + vm + "\\s+\\S.*\\s\\d+$").matcher(out).find();
  }

  @Test
  @Order(1)
  void testSyscallCountsByVmnameAndExecname_bothGuests() throws Exception {
    // the first trace also pays for arming syscall:::entry in cold guest JVMs under TCG (12 to
    // 25 s on a loaded 2-core host): it ends a second after both guests counted, 60 s at most
    Proc r = dtraceE("itg*:syscall:::entry { @[vmname, execname] = count(); seen[vmname] = 1; } "
        + "host0:profile:::tick-1s /seen[\"itg1\"] && seen[\"itg2\"]/ { exit(0); } "
        + "host0:profile:::tick-60s { exit(0); }");
    assertEquals(0, r.status, r.err);
    assertTrue(hasRow(r.out, "itg1"), r.out);
    assertTrue(hasRow(r.out, "itg2"), r.out);
  }

  @Test
  @Order(2)
  void testSyscallCounts_oneGuestByName() throws Exception {
    Proc r = dtraceE("itg2:syscall:::entry { @[vmname, execname] = count(); } "
        + "tick-6s { exit(0); }");
    assertEquals(0, r.status, r.err);
    assertTrue(hasRow(r.out, "itg2"), r.out);
    assertTrue(!hasRow(r.out, "itg1"), r.out);
  }

  @Test
  @Order(3)
  void testTargetMatchingNone_clearMessage() throws Exception {
    Proc r = dtraceE("nosuchvm*:syscall:::entry { @[vmname] = count(); } tick-3s { exit(0); }");
    assertEquals(0, r.status, r.err);
    assertTrue(r.err.contains("dtrace: target nosuchvm* (in nosuchvm*:syscall:::entry) matches "
        + "no minion (known: itg1, itg2) nor this host (host0)"), r.err);
    assertTrue(!hasRow(r.out, "itg1") && !hasRow(r.out, "itg2"), r.out);
  }

  @Test
  @Order(4)
  void testSyscallLatencyQuantize_selfKeptApartPerGuest() throws Exception {
    Proc r = dtraceE("itg*:syscall::read:entry { self->ts = timestamp; } "
        + "itg*:syscall::read:return /self->ts/ { @[vmname, probefunc] = "
        + "quantize(timestamp - self->ts); self->ts = 0; } tick-8s { exit(0); }");
    assertEquals(0, r.status, r.err);
    assertTrue(r.out.contains("value  ------------- Distribution ------------- count"), r.out);
    assertTrue(Pattern.compile("(?m)^\\s+itg[12]\\s+read\\s*$").matcher(r.out).find(), r.out);
  }

  @Test
  @Order(5)
  void testTeardown_guestProbesGoneWithin2s() throws Exception {
    Proc r = dtraceE("itg*:syscall::getpid:entry { @ = count(); } tick-1s { exit(0); }");
    assertEquals(0, r.status, r.err);
    long end = System.nanoTime() + 2_000_000_000L;
    String rows = minions();
    while (System.nanoTime() < end && !noPrograms(rows)) {
      Thread.sleep(100);
      rows = minions();
    }
    assertTrue(noPrograms(rows), rows);
  }

  @Test
  @Order(6)
  void testGuestKernelStructs_readWithEachGuestsOwnLayout() throws Exception {
    // the original's second example with Linux names: each guest links the program against its
    // own BTF (its task_struct is not the host's), its probe captures real_cred->uid/gid, and the
    // host verifies the relocated program and runs it per guest; tgid must equal pid everywhere
    Proc r = dtraceE("itg*:syscall:::entry { @[vmname, curthread->real_cred->uid.val, "
        + "curthread->real_cred->gid.val] = count(); } "
        + "itg*:syscall:::entry /curthread->tgid != pid/ { @mismatch[vmname] = count(); } "
        + "tick-8s { exit(0); }");
    assertEquals(0, r.status, r.err);
    assertTrue(!r.err.contains("invalid address") && !r.err.contains("rejected")
        && !r.err.contains("dropped"), r.err);
    for (String vm : List.of("itg1", "itg2")) {
      assertTrue(Pattern.compile("(?m)^\\s+" + vm + "\\s+0\\s+0\\s+\\d+$").matcher(r.out).find(),
          r.out);
    }
    assertTrue(!Pattern.compile("(?m)^\\s+itg[12]\\s+\\d+$")
        .matcher(r.out).find(), r.out);
  }

  /** Per host tick: each guest's count as printa printed it; a guest printed twice fails. */
  private static List<java.util.Map<String, Long>> ticks(String out) {
    List<java.util.Map<String, Long>> blocks = new ArrayList<>();
    java.util.regex.Matcher row = Pattern.compile("^\\s+(itg\\d)\\s+(\\d+)$").matcher("");
    for (String line : out.split("\n")) {
      if (line.equals("tick")) {
        blocks.add(new java.util.LinkedHashMap<>());
      } else if (!blocks.isEmpty() && row.reset(line).matches()) {
        Long before = blocks.get(blocks.size() - 1).put(row.group(1), Long.parseLong(row.group(2)));
        assertTrue(before == null, "printed twice in one tick: " + line + "\n" + out);
      }
    }
    return blocks;
  }

  private static long count(List<java.util.Map<String, Long>> blocks, int at, String vm) {
    return blocks.get(at).getOrDefault(vm, 0L);
  }

  /** Waits until the growing output satisfies cond; the last output otherwise fails. */
  private static String awaitOutput(Path out, long seconds, String what,
      java.util.function.Predicate<String> cond) throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    String text = Files.readString(out);
    while (!cond.test(text)) {
      if (System.nanoTime() > end) {
        throw new AssertionError("no " + what + " within " + seconds + " s:\n" + text);
      }
      Thread.sleep(500);
      text = Files.readString(out);
    }
    return text;
  }

  /** itg1's count grew in each of the last n ticks (from a tick at index from on). */
  private static boolean grows(List<java.util.Map<String, Long>> b, String vm, int from, int n) {
    if (b.size() - from < n + 1) {
      return false;
    }
    for (int i = b.size() - n; i < b.size(); i++) {
      if (count(b, i, vm) <= count(b, i - 1, vm)) {
        return false;
      }
    }
    return true;
  }

  @Test
  @Order(7)
  void testGuestRebootMidTrace_getsTheProgramAgain() throws Exception {
    Path out = Files.createTempFile(work, "reboot", ".out");
    Path err = Files.createTempFile(work, "reboot", ".err");
    ProcessBuilder pb = new ProcessBuilder(script("dtrace"), "-q", "-E", "-n",
        "BEGIN { printf(\"begin %s\\n\", vmname); } "
        + "itg*:syscall:::entry { @[vmname] = count(); } "
        + "host0:profile:::tick-1s { printf(\"tick\\n\"); printa(@); } "
        + "host0:profile:::tick-600s { exit(0); }")
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("DTRACED_BASE", overlordBase.toString());
    Process dtrace = pb.start();
    try {
      awaitOutput(out, 120, "counts growing in both guests", t -> {
        List<java.util.Map<String, Long>> b = ticks(t);
        return grows(b, "itg1", 0, 2) && grows(b, "itg2", 0, 2);
      });
      int before = ticks(Files.readString(out)).size();
      long rebooted = System.nanoTime();
      Proc reboot = run(300, List.of(script("vm-lab"), "reboot", "itg1"));
      assertEquals(0, reboot.status, reboot.err);
      // a fresh kernel: up for less time than since the reboot began
      Proc uptime = run(60, List.of(script("vm-lab"), "exec", "itg1", "cat /proc/uptime"));
      double up = Double.parseDouble(uptime.out.trim().split("\\s+")[0]);
      assertTrue(up < (System.nanoTime() - rebooted) / 1e9, uptime.out + uptime.err);
      double ready = (System.nanoTime() - rebooted) / 1e9;
      int back = ticks(Files.readString(out)).size();
      String text = awaitOutput(out, 150, "itg1 counting again after its reboot", t -> {
        List<java.util.Map<String, Long>> b = ticks(t);
        return b.size() > back && grows(b, "itg1", back, 3);
      });
      List<java.util.Map<String, Long>> b = ticks(text);
      System.out.printf("reboot of itg1: its minion ran again after %.1f s, its counts grew "
          + "again in the trace after %.1f s (ticks %d..%d; itg1 %d -> %d, itg2 %d -> %d)%n",
          ready, (System.nanoTime() - rebooted) / 1e9, before, b.size(),
          count(b, before - 1, "itg1"), count(b, b.size() - 1, "itg1"),
          count(b, before - 1, "itg2"), count(b, b.size() - 1, "itg2"));
      // itg1 counts again after its reboot, on top of what it had (the same aggregation)
      assertTrue(count(b, back, "itg1") >= count(b, before - 1, "itg1"), text);
      assertTrue(count(b, b.size() - 1, "itg1") > count(b, back, "itg1"), text);
      // itg2 never stopped: its count grew all along, no stall of more than 10 ticks
      int still = 0;
      for (int i = before; i < b.size(); i++) {
        still = count(b, i, "itg2") > count(b, i - 1, "itg2") ? 0 : still + 1;
        assertTrue(still <= 10, "itg2 stalled at tick " + i + ":\n" + text);
      }
    } finally {
      // as ^C: END runs in the daemon, the aggregation prints, dtrace exits
      dtrace.destroy();
      if (!dtrace.waitFor(60, TimeUnit.SECONDS)) {
        dtrace.destroyForcibly();
      }
    }
    String text = Files.readString(out);
    assertEquals(0, dtrace.exitValue(), Files.readString(err));
    // nothing twice: each BEGIN once (the rebooted guest resumed the program, it did not start
    // it anew), and each tick printed each guest once (checked by ticks())
    for (String vm : List.of("host0", "itg1", "itg2")) {
      assertEquals(1, text.split("begin " + vm + "\n", -1).length - 1, text);
    }
    ticks(text);
    // and the trace ended cleanly everywhere, the rebooted guest included
    long end = System.nanoTime() + 2_000_000_000L;
    String rows = minions();
    while (System.nanoTime() < end && !noPrograms(rows)) {
      Thread.sleep(100);
      rows = minions();
    }
    assertTrue(noPrograms(rows), rows);
  }

  private static boolean noPrograms(String rows) {
    List<String> counts = new ArrayList<>();
    for (String line : rows.split("\n")) {
      String[] c = line.trim().split("\\s+");
      if (c.length > 4 && c[3].equals("CONNECTED")) {
        counts.add(c[4]);
      }
    }
    return counts.size() == 2 && counts.stream().allMatch("0"::equals);
  }
}

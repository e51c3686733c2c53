package org.hypertrace.dtraced.overlord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.hypertrace.api.transport.MinionInfo;
import org.hypertrace.dtraced.minion.HeartbeatRunner;
import org.hypertrace.dtraced.minion.MinionCore;
import org.hypertrace.dtraced.minion.NodeFacts;
import org.hypertrace.dtraced.minion.TargetMatcher;
import org.hypertrace.transport.channel.Endpoint;
import org.hypertrace.transport.channel.TransportOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overlord and minions in one JVM over unix sockets: distribution, exactly-once application
 * across minion restarts, re-send after an overlord restart, KILL reaching a minion that was
 * away, target filtering, DATA coming up.
 */
class OverlordMinionTest {
  @TempDir Path tmp;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final Map<String, AtomicLong> dataByNode = new ConcurrentHashMap<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private Endpoint sock() {
    return Endpoint.parse("unix:" + tmp.resolve("ov.sock"));
  }

  private OverlordCore overlord() throws Exception {
    OverlordCore o = new OverlordCore(tmp.resolve("overlord"), TransportOptions.defaults());
    o.listen(sock());
    o.addDataListener((node, id, seq, bytes) ->
        dataByNode.computeIfAbsent(node, k -> new AtomicLong()).incrementAndGet());
    open.add(o);
    return o;
  }

  private MinionCore minion(String name) throws Exception {
    Path base = tmp.resolve(name);
    Files.createDirectories(base);
    HeartbeatRunner runner = new HeartbeatRunner(name, 20, base.resolve("runner.log"));
    MinionCore m = new MinionCore(base, name, sock(), TransportOptions.defaults(), runner,
        new NodeFacts(name + ".lab", "Linux", "6.1.0-test", ""),
        new TargetMatcher("hostname,version", name + ".lab", name, "Linux", "6.1.0-test"),
        Path.of("/"), 200);
    m.start();
    open.add(m);
    return m;
  }

  private List<String> journal(String name, String verb) throws Exception {
    Path f = name.endsWith(".log") ? tmp.resolve(name) : tmp.resolve(name).resolve("runner.log");
    List<String> out = new ArrayList<>();
    if (Files.exists(f)) {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        String[] w = line.split(" ");
        if (w[1].equals(verb)) {
          out.add(w[2]);
        }
      }
    }
    return out;
  }

  private static void await(String what, BooleanSupplier cond) throws InterruptedException {
    long end = System.nanoTime() + 10_000_000_000L;
    while (!holds(cond)) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  /** A row not in the registry yet means "not yet", not a failure. */
  private static boolean holds(BooleanSupplier cond) {
    try {
      return cond.getAsBoolean();
    } catch (java.util.NoSuchElementException e) {
      return false;
    }
  }

  private static MinionInfo row(OverlordCore o, String name) {
    return o.minions().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void testDistribution_appliedOnceAcrossMinionRestart() throws Exception {
    OverlordCore o = overlord();
    MinionCore a = minion("a");
    MinionCore b = minion("b");
    await("two minions", () -> o.minions().size() == 2
        && o.minions().stream().allMatch(r -> r.state().equals("CONNECTED")));
    o.publish("p1", new byte[100_000], List.of());
    await("p1 everywhere", () -> a.running().contains("p1") && b.running().contains("p1")
        && row(o, "a").programs().contains("p1") && row(o, "b").programs().contains("p1"));
    assertTrue(Files.exists(tmp.resolve("a/inbound/7031.elf")));
    await("data from both", () -> dataByNode.containsKey("a") && dataByNode.containsKey("b"));

    // minion a stops (as after kill -9, the spool stays) and comes back
    a.close();
    open.remove(a);
    await("a away", () -> row(o, "a").state().equals("AWAY"));
    o.publish("p2", new byte[10], List.of());
    MinionCore a2 = minion("a");
    await("p1 and p2 on a", () -> a2.running().containsAll(List.of("p1", "p2")));
    assertEquals(List.of("p1", "p2"), journal("a", "apply"));
    assertEquals(List.of("p1"), journal("a", "resume"));
    long before = dataByNode.get("a").get();
    await("data resumes from a", () -> dataByNode.get("a").get() > before + 3);
    assertEquals(row(o, "a").nodeId(), a2.nodeId());
  }

  @Test
  void testKill_reachesMinionThatWasAway() throws Exception {
    OverlordCore o = overlord();
    MinionCore a = minion("a");
    o.publish("p1", new byte[10], List.of());
    await("p1 on a", () -> a.running().contains("p1"));
    a.close();
    open.remove(a);
    assertTrue(o.kill("p1"));
    assertFalse(o.kill("p1"));
    MinionCore a2 = minion("a");
    await("p1 gone from a", () -> a2.held().isEmpty() && a2.connected());
    assertFalse(Files.exists(tmp.resolve("a/inbound/7031.elf")));
    assertEquals(List.of("p1"), journal("a", "apply"));
    assertEquals(List.of("p1"), journal("a", "stop"));
    assertThrows(IllegalStateException.class, () -> o.publish("p1", new byte[1], List.of()));
  }

  @Test
  void testOverlordRestart_programsKeptAndResent() throws Exception {
    OverlordCore o = overlord();
    o.publish("p1", new byte[1000], List.of());
    o.close();
    open.remove(o);
    OverlordCore o2 = overlord();
    assertEquals(List.of("p1"), o2.programs());
    MinionCore a = minion("a");
    await("p1 on a", () -> a.running().contains("p1"));
    o2.close();
    open.remove(o2);
    OverlordCore o3 = overlord();
    o3.publish("p2", new byte[5], List.of());
    await("a back with p2", () -> a.running().contains("p2") && a.connects() >= 2);
    assertEquals(List.of("p1", "p2"), journal("a", "apply"));
    await("registry knows a holds both", () -> row(o3, "a").programs().size() == 2);
  }

  @Test
  void testTargets_onlyMatchingMinionsRun() throws Exception {
    OverlordCore o = overlord();
    MinionCore web = minion("web1");
    MinionCore db = minion("db1");
    await("two minions", () -> o.minions().size() == 2);
    o.publish("web-only", new byte[3], List.of("web*"));
    await("held by both", () -> web.held().contains("web-only")
        && db.held().contains("web-only"));
    await("runs on web1", () -> web.running().contains("web-only"));
    assertFalse(db.running().contains("web-only"));
  }

  @Test
  void testCutLink_minionReconnectsAndGetsWhatItMissed() throws Exception {
    OverlordCore o = overlord();
    MinionCore a = minion("a");
    await("a connected", a::connected);
    a.disconnect();
    o.publish("p1", new byte[70_000], List.of());
    await("p1 on a after reconnect", () -> a.running().contains("p1"));
    assertEquals(List.of("p1"), journal("a", "apply"));
    MinionInfo r = row(o, "a");
    assertTrue(r.bytesIn() > 0 && r.bytesOut() > 70_000, r.toString());
    assertTrue(r.lastSeen().isAfter(Instant.now().minusSeconds(10)));
  }

  @Test
  void testCutLink_silentLinkDroppedAndMinionReconnects() throws Exception {
    OverlordCore o = new OverlordCore(tmp.resolve("overlord"), TransportOptions.defaults());
    o.setKeepalive(100);
    o.listen(sock());
    open.add(o);
    Relay link = new Relay().forward(tmp.resolve("link.sock"), tmp.resolve("ov.sock"));
    open.add(link);
    Path base = tmp.resolve("a");
    Files.createDirectories(base);
    MinionCore a = new MinionCore(base, "a", Endpoint.parse("unix:" + tmp.resolve("link.sock")),
        TransportOptions.defaults(), new HeartbeatRunner("a", 20, base.resolve("runner.log")),
        new NodeFacts("a", "Linux", "6", ""), new TargetMatcher("hostname", "a", "a", "L", "6"),
        Path.of("/"), 200);
    a.setKeepalive(100);
    a.start();
    open.add(a);
    await("a connected", () -> a.connects() == 1 && row(o, "a").state().equals("CONNECTED"));
    link.blackhole();
    o.publish("during-cut", new byte[10], List.of());
    await("both sides noticed and a came back", () -> a.connects() >= 2
        && a.running().contains("during-cut"));
    assertEquals(List.of("during-cut"), journal("a", "apply"));
  }

  @Test
  void testGuestPort_overlordDialsQemuSocket() throws Exception {
    OverlordCore o = overlord();
    // QEMU: the host side of the port is a unix socket; the guest's /dev/vport is the other end
    Relay qemu = new Relay().pair(tmp.resolve("qemu-ht0.sock"), tmp.resolve("guest-port.sock"));
    open.add(qemu);
    GuestDialer dialer = new GuestDialer(o, tmp.resolve("qemu-ht0.sock").toString(),
        TransportOptions.defaults(), 200);
    dialer.start();
    open.add(dialer::close);
    Path base = tmp.resolve("vm1");
    Files.createDirectories(base);
    MinionCore g = new MinionCore(base, "vm1",
        Endpoint.parse("unix:" + tmp.resolve("guest-port.sock")), TransportOptions.defaults()
        .withChunkSize(2048), new HeartbeatRunner("vm1", 20, null),
        new NodeFacts("vm1", "Linux", "6", ""), new TargetMatcher("hostname", "vm1", "vm1", "L",
        "6"), Path.of("/"), 200);
    g.start();
    open.add(g);
    o.publish("to-guest", new byte[50_000], List.of("vm*"));
    await("guest runs it and data comes back", () -> g.running().contains("to-guest")
        && dataByNode.containsKey("vm1"));
  }

  private MinionCore guest(String name, Path base, Path port, Path journal) throws Exception {
    Files.createDirectories(base);
    MinionCore g = new MinionCore(base, name, Endpoint.parse("unix:" + port),
        TransportOptions.defaults().withChunkSize(2048), new HeartbeatRunner(name, 20, journal),
        new NodeFacts(name, "Linux", "6", ""), new TargetMatcher("hostname", name, name, "L",
        "6"), Path.of("/"), 200);
    g.setResync(true);
    g.setKeepalive(100);
    g.start();
    open.add(g);
    return g;
  }

  @Test
  void testGuestReboot_freshMinionGetsTheProgramAgainAndResumesIt() throws Exception {
    OverlordCore o = new OverlordCore(tmp.resolve("overlord"), TransportOptions.defaults());
    o.setKeepalive(100);
    o.addDataListener((node, id, seq, bytes) ->
        dataByNode.computeIfAbsent(node, k -> new AtomicLong()).incrementAndGet());
    open.add(o);
    QemuPort qemu = new QemuPort(tmp.resolve("qemu-ht0.sock"), tmp.resolve("port.sock"));
    open.add(qemu);
    GuestDialer dialer = new GuestDialer(o, tmp.resolve("qemu-ht0.sock").toString(),
        TransportOptions.defaults(), 200);
    dialer.start();
    open.add(dialer::close);
    Path journal = tmp.resolve("vm1-runner.log");
    MinionCore g1 = guest("vm1", tmp.resolve("vm1-boot1"), tmp.resolve("port.sock"), journal);
    o.publish("p1", new byte[50_000], List.of("vm*"));
    await("p1 runs in the guest", () -> g1.running().contains("p1")
        && row(o, "vm1").programs().contains("p1") && dataByNode.containsKey("vm1"));

    // reboot: the guest's minion and its tmpfs spool are gone; the host's socket stays up with
    // the first 30 bytes of a DATA frame of 4000 that the old minion never finished
    g1.close();
    open.remove(g1);
    byte[] cut = new byte[30];
    org.hypertrace.transport.frame.FrameWriter.encodeHeader(new org.hypertrace.transport.frame
        .Frame(org.hypertrace.transport.frame.FrameKind.DATA, 0, 0, new byte[4000]), cut);
    qemu.reboot(cut);
    MinionCore g2 = guest("vm1", tmp.resolve("vm1-boot2"), tmp.resolve("port.sock"), journal);
    await("p1 runs in the rebooted guest", () -> g2.running().contains("p1")
        && row(o, "vm1").programs().contains("p1"));
    long before = dataByNode.get("vm1").get();
    await("data from the rebooted guest", () -> dataByNode.get("vm1").get() > before + 5);
    // applied once, then resumed: a BEGIN would not fire again in the rebooted guest
    assertEquals(List.of("p1"), journal("vm1-runner.log", "apply"));
    assertEquals(List.of("p1"), journal("vm1-runner.log", "resume"));
    assertEquals(1, o.minions().size());

    // a program that ended while the guest was down is not resumed there
    o.kill("p1");
    await("p1 stopped", () -> !g2.running().contains("p1"));
    o.publish("p2", new byte[10], List.of());
    await("p2 applied", () -> g2.running().contains("p2"));
    assertEquals(List.of("p1", "p2"), journal("vm1-runner.log", "apply"));
  }

  @Test
  void testGuestPort_minionThatMissedTheRedialAnswersHelloRequest() throws Exception {
    OverlordCore o = overlord();
    QemuPort qemu = new QemuPort(tmp.resolve("qemu-ht0.sock"), tmp.resolve("port.sock"));
    open.add(qemu);
    GuestDialer d1 = new GuestDialer(o, tmp.resolve("qemu-ht0.sock").toString(),
        TransportOptions.defaults(), 200);
    d1.start();
    MinionCore g = guest("vm1", tmp.resolve("vm1"), tmp.resolve("port.sock"), null);
    g.setKeepalive(60_000);
    await("attached", () -> row(o, "vm1").state().equals("CONNECTED"));
    // the host dials again (an overlord restart); the guest's minion is not told
    d1.close();
    await("away", () -> row(o, "vm1").state().equals("AWAY"));
    GuestDialer d2 = new GuestDialer(o, tmp.resolve("qemu-ht0.sock").toString(),
        TransportOptions.defaults(), 200);
    d2.start();
    open.add(d2::close);
    o.publish("p1", new byte[10], List.of());
    await("p1 on the guest over the new connection", () -> g.running().contains("p1"));
    assertEquals(1, g.connects());
  }

  @Test
  void testKeepalive_slowArmingIsNotASilentOverlord() throws Exception {
    OverlordCore o = new OverlordCore(tmp.resolve("overlord"), TransportOptions.defaults());
    o.setKeepalive(100);
    o.listen(sock());
    open.add(o);
    Path base = tmp.resolve("a");
    Files.createDirectories(base);
    // arming a program's probes in a slow guest: start() takes ten keepalive periods
    HeartbeatRunner heart = new HeartbeatRunner("a", 20, base.resolve("runner.log"));
    org.hypertrace.dtraced.minion.ProgramRunner slow =
        new org.hypertrace.dtraced.minion.ProgramRunner() {
          @Override
          public void start(Program p, boolean resumed, DataSink sink) {
            try {
              Thread.sleep(1000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            heart.start(p, resumed, sink);
          }

          @Override
          public void stop(String identity) {
            heart.stop(identity);
          }

          @Override
          public void close() {
            heart.close();
          }
        };
    MinionCore a = new MinionCore(base, "a", sock(), TransportOptions.defaults(), slow,
        new NodeFacts("a", "Linux", "6", ""), new TargetMatcher("hostname", "a", "a", "L", "6"),
        Path.of("/"), 200);
    a.setKeepalive(100);
    a.start();
    open.add(a);
    await("a connected", a::connected);
    o.publish("p1", new byte[10], List.of());
    await("p1 running", () -> a.running().contains("p1"));
    Thread.sleep(300);
    assertEquals(1, a.connects());
    assertEquals(List.of("p1"), journal("a", "apply"));
  }

  @Test
  void testDrops_whileOverlordAwayReportedAfterReconnect() throws Exception {
    OverlordCore o = overlord();
    MinionCore a = minion("a");
    o.publish("p1", new byte[1], List.of());
    await("p1 running", () -> a.running().contains("p1"));
    o.close();
    open.remove(o);
    await("heartbeats dropped while away", () -> a.drops() >= 5);
    OverlordCore o2 = new OverlordCore(tmp.resolve("overlord"), TransportOptions.defaults());
    open.add(o2);
    AtomicLong reported = new AtomicLong();
    o2.addDataListener(new org.hypertrace.api.transport.DataListener() {
      @Override
      public void data(String node, String id, long seq, byte[] bytes) {}

      @Override
      public void drops(String node, String id, long total) {
        reported.set(total);
      }
    });
    o2.listen(sock());
    await("drops reported", () -> reported.get() >= 5 && row(o2, "a").drops() >= 5);
  }

  @Test
  void testMinionsCommand_format() {
    MinionInfo m = new MinionInfo(3, "web1", "unix:/x", "CONNECTED", List.of("p1"),
        Instant.parse("2026-01-01T00:00:00Z"), 10, 20, 1, "web1.lab", "6.1");
    String t = MinionsCommand.format(List.of(m), 1, Instant.parse("2026-01-01T00:00:05Z"));
    assertTrue(t.startsWith("NODE   NAME"), t);
    assertTrue(t.contains("3      web1             unix:/x                  CONNECTED        1"
        + "     5s ago"), t);
    assertTrue(t.endsWith("1 minion(s), 1 active program(s)"), t);
  }
}

package org.hypertrace.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overlord and three minions as separate daemon processes of the distribution (scripts/dtraced,
 * one config folder and base directory each): programs are handed to the overlord through its
 * base/ spool as dtrace -E does, a minion is killed with SIGKILL while a 12 MB program is on its
 * way, the overlord itself is killed and restarted, and in the end every minion holds every
 * active program exactly once, applied once (runner journal), the ended program is gone
 * everywhere, and DATA flows again from all three.
 */
class OverlordMinionIT {
  private static final Path SCRIPT = Path.of(System.getProperty("hypertrace.root"), "scripts",
      "dtraced").toAbsolutePath().normalize();
  private static final String[] MINIONS = {"m1", "m2", "m3"};

  @TempDir Path tmp;
  private final List<Path> started = new ArrayList<>();

  record Run(int status, String out, String err) {}

  private Run dtraced(Path config, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(SCRIPT.toString()));
    cmd.addAll(List.of(args));
    cmd.add("--config");
    cmd.add(config.toString());
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
        .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("dtraced " + String.join(" ", args) + " hung");
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private Path config(String name, String... lines) throws IOException {
    Path dir = tmp.resolve("config-" + name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("org.hypertrace.dtraced.cfg"), String.join("\n", lines) + "\n");
    Files.writeString(dir.resolve("org.hypertrace.dtraced.transport.cfg"),
        "heartbeat.ms = 100\nreconnect.max.ms = 400\n");
    return dir;
  }

  private void start(Path config) throws Exception {
    Run r = dtraced(config, "start");
    assertEquals(0, r.status(), r.err());
    if (!started.contains(config)) {
      started.add(config);
    }
  }

  private static void kill9(Path base) throws IOException {
    long pid = Long.parseLong(Files.readString(base.resolve("dtraced.pid")).trim());
    ProcessHandle h = ProcessHandle.of(pid).orElseThrow();
    // destroyForcibly is SIGKILL on Linux
    h.destroyForcibly();
    h.onExit().join();
  }

  @AfterEach
  void stopAll() throws Exception {
    for (Path c : started) {
      dtraced(c, "stop");
    }
    // the daemons' logs go to the failsafe report, for the post-mortem of a failure
    try (var dirs = Files.list(tmp)) {
      for (Path d : (Iterable<Path>) dirs::iterator) {
        Path log = d.resolve("dtraced.log");
        if (Files.exists(log)) {
          System.out.println("==== " + log + "\n" + Files.readString(log));
        }
      }
    }
  }

  private static void publish(Path overlordBase, String id, byte[] program) throws IOException {
    Path dir = overlordBase.resolve("base");
    Path tmpFile = dir.resolve("." + id + ".elf");
    Files.write(tmpFile, program);
    Files.move(tmpFile, dir.resolve(id + ".elf"), StandardCopyOption.ATOMIC_MOVE);
  }

  /** @return journal verb -> identities, in order (e.g. apply -> [p1, p2]) */
  private static Map<String, List<String>> journal(Path base) throws IOException {
    Map<String, List<String>> out = new HashMap<>();
    Path f = base.resolve("minion-runner.log");
    if (Files.exists(f)) {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        String[] w = line.split(" ");
        out.computeIfAbsent(w[1], k -> new ArrayList<>()).add(w[2]);
      }
    }
    return out;
  }

  private static List<String> inbound(Path base) throws IOException {
    List<String> ids = new ArrayList<>();
    try (var files = Files.list(base.resolve("inbound"))) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".elf"))
          .forEach(n -> ids.add(new String(java.util.HexFormat.of().parseHex(
              n.substring(0, n.length() - 4)), StandardCharsets.UTF_8)));
    }
    ids.sort(null);
    return ids;
  }

  private static void await(String what, long seconds, BooleanSupplier cond) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  private static BooleanSupplier io(IoCondition c) {
    return () -> {
      try {
        return c.test();
      } catch (IOException e) {
        return false;
      }
    };
  }

  interface IoCondition {
    boolean test() throws IOException;
  }

  /** @return node name -> bytes in, for the CONNECTED rows of dtraced:minions */
  private Map<String, Long> connectedBytesIn(Path overlordConfig) throws Exception {
    Run r = dtraced(overlordConfig, "exec", "dtraced:minions");
    assertEquals(0, r.status(), r.err() + r.out());
    Map<String, Long> out = new HashMap<>();
    Matcher m = Pattern.compile("(?m)^\\d+\\s+(\\S+)\\s+\\S+\\s+CONNECTED\\s+(\\d+)\\s+"
        + "\\S+(?: ago)?\\s+(\\d+)").matcher(r.out());
    while (m.find()) {
      out.put(m.group(1) + "/" + m.group(2), Long.parseLong(m.group(3)));
    }
    return out;
  }

  @Test
  void testOverlordMinions_kill9MinionMidTransferAndRestartOverlord() throws Exception {
    Path sock = tmp.resolve("ov.sock");
    Path ovBase = tmp.resolve("ov");
    Path ov = config("ov", "role = overlord", "node.name = host", "base.dir = " + ovBase,
        "listen = unix:" + sock);
    start(ov);
    Map<String, Path> bases = new HashMap<>();
    Map<String, Path> configs = new HashMap<>();
    for (String m : MINIONS) {
      bases.put(m, tmp.resolve(m));
      configs.put(m, config(m, "role = minion", "node.name = " + m,
          "base.dir = " + bases.get(m), "connect = unix:" + sock));
      start(configs.get(m));
    }
    for (String m : MINIONS) {
      await(m + " got a node id", 30, () -> Files.exists(bases.get(m).resolve("minion.node-id")));
    }

    publish(ovBase, "p1", "program one".getBytes(StandardCharsets.UTF_8));
    for (String m : MINIONS) {
      await("p1 on " + m, 30, io(() -> inbound(bases.get(m)).contains("p1")));
    }

    // a 12 MB program, and m2 killed while it is being sent
    byte[] big = new byte[12 << 20];
    new Random(7).nextBytes(big);
    publish(ovBase, "p2", big);
    Thread.sleep(300);
    kill9(bases.get("m2"));

    // the overlord dies too, and comes back
    kill9(ovBase);
    start(ov);
    publish(ovBase, "p3", "program three".getBytes(StandardCharsets.UTF_8));
    Files.delete(ovBase.resolve("base/p1.elf"));
    start(configs.get("m2"));

    for (String m : MINIONS) {
      await("p2, p3 and not p1 on " + m, 60,
          io(() -> inbound(bases.get(m)).equals(List.of("p2", "p3"))));
      byte[] got = Files.readAllBytes(bases.get(m).resolve("inbound/7032.elf"));
      assertTrue(java.util.Arrays.equals(big, got), m + ": p2 differs");
    }
    for (String m : MINIONS) {
      await("journal of " + m, 30, io(() -> journal(bases.get(m)).getOrDefault("stop",
          List.of()).contains("p1")));
      Map<String, List<String>> j = journal(bases.get(m));
      List<String> applied = new ArrayList<>(j.get("apply"));
      applied.sort(null);
      assertEquals(List.of("p1", "p2", "p3"), applied, m + " applied " + j);
      assertEquals(List.of("p1"), j.get("stop"), m + " stopped " + j);
    }

    // DATA flows from all three after the restarts: bytes in grows for each connected minion
    await("three connected minions with 2 programs", 30,
        () -> {
          try {
            return connectedBytesIn(ov).keySet().equals(java.util.Set.of("m1/2", "m2/2",
                "m3/2"));
          } catch (Exception e) {
            return false;
          }
        });
    Map<String, Long> before = connectedBytesIn(ov);
    Thread.sleep(1500);
    Map<String, Long> after = connectedBytesIn(ov);
    for (String k : before.keySet()) {
      assertTrue(after.get(k) > before.get(k), k + ": no data since " + before + " / " + after);
    }
  }
}

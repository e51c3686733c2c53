package org.hypertrace.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three minion daemons on namespaced "hosts" (a network namespace each, joined to the overlord's
 * namespace by a veth pair), over TLS with mutual authentication (keys made here with keytool,
 * never committed). One host's link is cut while a program is published (the veth goes down: no
 * reset, only silence), then restored: the keepalive drops the dead connection on both sides,
 * the minion reconnects and gets the program, each program is applied once everywhere and DATA
 * flows from all three. Needs root and iproute2; skipped otherwise.
 */
class NamespacedMinionsIT {
  private static final Path SCRIPT = Path.of(System.getProperty("hypertrace.root"), "scripts",
      "dtraced").toAbsolutePath().normalize();
  private static final String PASSWORD = "changeit";

  @TempDir Path tmp;
  private final String tag = Long.toString(ProcessHandle.current().pid() % 10000);
  private final List<Path> started = new ArrayList<>();
  private final List<String> namespaces = new ArrayList<>();
  private final List<String> links = new ArrayList<>();

  private static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
    return out;
  }

  private String ns(int i) {
    return "ht" + tag + "n" + i;
  }

  private String hostSide(int i) {
    return "ht" + tag + "h" + i;
  }

  private void makeHost(int i) throws Exception {
    String ns = ns(i);
    String a = hostSide(i);
    String b = "ht" + tag + "g" + i;
    run("ip", "netns", "add", ns);
    namespaces.add(ns);
    run("ip", "link", "add", a, "type", "veth", "peer", "name", b);
    links.add(a);
    run("ip", "link", "set", b, "netns", ns);
    run("ip", "addr", "add", "10.199." + i + ".1/24", "dev", a);
    run("ip", "link", "set", a, "up");
    run("ip", "netns", "exec", ns, "ip", "addr", "add", "10.199." + i + ".2/24", "dev", b);
    run("ip", "netns", "exec", ns, "ip", "link", "set", b, "up");
    run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
  }

  private void makeCerts() throws Exception {
    String kt = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    String ca = tmp.resolve("ca.p12").toString();
    String node = tmp.resolve("node.p12").toString();
    String[] store = {"-storepass", PASSWORD, "-storetype", "PKCS12"};
    run(cat(new String[] {kt, "-genkeypair", "-keystore", ca, "-alias", "ca", "-dname",
        "CN=itest-ca", "-ext", "bc:c", "-keyalg", "EC", "-groupname", "secp256r1", "-validity",
        "2"}, store));
    run(cat(new String[] {kt, "-exportcert", "-keystore", ca, "-alias", "ca", "-rfc", "-file",
        tmp.resolve("ca.pem").toString()}, store));
    run(cat(new String[] {kt, "-genkeypair", "-keystore", node, "-alias", "node", "-dname",
        "CN=node", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2"}, store));
    run(cat(new String[] {kt, "-certreq", "-keystore", node, "-alias", "node", "-file",
        tmp.resolve("node.csr").toString()}, store));
    run(cat(new String[] {kt, "-gencert", "-keystore", ca, "-alias", "ca", "-rfc", "-infile",
        tmp.resolve("node.csr").toString(), "-outfile", tmp.resolve("node.crt").toString(),
        "-validity", "2"}, store));
    Files.writeString(tmp.resolve("chain.pem"), Files.readString(tmp.resolve("node.crt"))
        + Files.readString(tmp.resolve("ca.pem")));
    run(cat(new String[] {kt, "-importcert", "-noprompt", "-keystore", node, "-alias", "node",
        "-file", tmp.resolve("chain.pem").toString()}, store));
  }

  private static String[] cat(String[] a, String[] b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private Path config(String name, String... lines) throws IOException {
    Path dir = tmp.resolve("config-" + name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("org.hypertrace.dtraced.cfg"), String.join("\n", lines) + "\n");
    Files.writeString(dir.resolve("org.hypertrace.dtraced.transport.cfg"), String.join("\n",
        "tls.keystore = " + tmp.resolve("node.p12"), "tls.keystore.password = " + PASSWORD,
        "tls.truststore = " + tmp.resolve("ca.pem"), "heartbeat.ms = 100",
        "keepalive.ms = 300", "reconnect.max.ms = 500") + "\n");
    return dir;
  }

  private String dtraced(String netns, Path config, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    if (netns != null) {
      cmd.addAll(List.of("ip", "netns", "exec", netns));
    }
    cmd.add(SCRIPT.toString());
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--config", config.toString()));
    String out = run(cmd.toArray(new String[0]));
    if (args[0].equals("start")) {
      started.add(config);
    }
    return out;
  }

  @AfterEach
  void tearDown() throws Exception {
    for (Path c : started) {
      try {
        run(SCRIPT.toString(), "stop", "--config", c.toString());
      } catch (IOException e) {
        // already stopped
      }
    }
    for (String l : links) {
      try {
        run("ip", "link", "del", l);
      } catch (IOException e) {
        // went with its namespace
      }
    }
    for (String n : namespaces) {
      run("ip", "netns", "del", n);
    }
    try (var dirs = Files.list(tmp)) {
      for (Path d : (Iterable<Path>) dirs::iterator) {
        Path log = d.resolve("dtraced.log");
        if (Files.exists(log)) {
          System.out.println("==== " + log + "\n" + Files.readString(log));
        }
      }
    }
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

  private static List<String> applied(Path base) {
    List<String> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(base.resolve("minion-runner.log"))) {
        String[] w = line.split(" ");
        if (w[1].equals("apply")) {
          out.add(w[2]);
        }
      }
    } catch (IOException e) {
      // not written yet
    }
    return out;
  }

  private static void publish(Path overlordBase, String id, byte[] program) throws IOException {
    Path tmpFile = overlordBase.resolve("base/." + id + ".elf");
    Files.write(tmpFile, program);
    Files.move(tmpFile, overlordBase.resolve("base/" + id + ".elf"),
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** @return "name/STATE" -> bytes in, from dtraced:minions */
  private Map<String, Long> registry(Path ov) throws Exception {
    String out = dtraced(null, ov, "exec", "dtraced:minions");
    Map<String, Long> rows = new HashMap<>();
    Matcher m = Pattern.compile("(?m)^\\d+\\s+(\\S+)\\s+\\S+\\s+(\\S+)\\s+\\d+\\s+"
        + "(?:\\S+ ago|never)\\s+(\\d+)").matcher(out);
    while (m.find()) {
      rows.put(m.group(1) + "/" + m.group(2), Long.parseLong(m.group(3)));
    }
    return rows;
  }

  private static BooleanSupplier quietly(java.util.concurrent.Callable<Boolean> c) {
    return () -> {
      try {
        return c.call();
      } catch (Exception e) {
        return false;
      }
    };
  }

  @Test
  void testNamespacedMinions_tlsCutLinkAndRestore() throws Exception {
    assumeTrue(new ProcessBuilder("ip", "netns", "list").start().waitFor() == 0
        && "root".equals(System.getProperty("user.name")), "needs root and iproute2");
    makeCerts();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path ovBase = tmp.resolve("ov");
    Path ov = config("ov", "role = overlord", "node.name = host", "base.dir = " + ovBase,
        "listen = tls:0.0.0.0:" + port);
    dtraced(null, ov, "start");
    Map<Integer, Path> bases = new HashMap<>();
    for (int i = 1; i <= 3; i++) {
      makeHost(i);
      bases.put(i, tmp.resolve("h" + i));
      Path c = config("h" + i, "role = minion", "node.name = h" + i, "base.dir = "
          + bases.get(i), "connect = tls:10.199." + i + ".1:" + port);
      dtraced(ns(i), c, "start");
    }
    publish(ovBase, "p1", "one".getBytes(StandardCharsets.UTF_8));
    for (int i = 1; i <= 3; i++) {
      Path b = bases.get(i);
      await("p1 on h" + i, 60, () -> applied(b).contains("p1"));
    }

    run("ip", "link", "set", hostSide(2), "down");
    publish(ovBase, "p2", new byte[300_000]);
    await("h2 dropped by the overlord", 30,
        quietly(() -> registry(ov).containsKey("h2/AWAY")));
    assertTrue(!applied(bases.get(2)).contains("p2"));
    run("ip", "link", "set", hostSide(2), "up");

    for (int i = 1; i <= 3; i++) {
      Path b = bases.get(i);
      await("p2 on h" + i, 60, () -> applied(b).contains("p2"));
      assertEquals(List.of("p1", "p2"), applied(b), "h" + i);
    }
    await("three connected", 30, quietly(() -> registry(ov).keySet().containsAll(
        List.of("h1/CONNECTED", "h2/CONNECTED", "h3/CONNECTED"))));
    Map<String, Long> before = registry(ov);
    Thread.sleep(1500);
    Map<String, Long> after = registry(ov);
    for (String k : List.of("h1/CONNECTED", "h2/CONNECTED", "h3/CONNECTED")) {
      assertTrue(after.get(k) > before.get(k), k + ": no data " + before + " " + after);
    }

    // dtrace -E on the host: BEGIN in every minion, tick-1s aggregations keyed by vmname
    ProcessBuilder pb = new ProcessBuilder(SCRIPT.resolveSibling("dtrace").toString(), "-q",
        "-E", "-n", "h*::::BEGIN { printf(\"begin %s\\n\", vmname); } "
        + "h*::::tick-1s { @[vmname] = count(); } tick-4s { exit(0); }");
    pb.environment().put("DTRACED_BASE", ovBase.toString());
    Process d = pb.redirectErrorStream(true).start();
    String out = new String(d.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(d.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, d.exitValue(), out);
    for (int i = 1; i <= 3; i++) {
      assertTrue(out.contains("begin h" + i + "\n"), out);
      assertTrue(java.util.regex.Pattern.compile("(?m)^\\s+h" + i + "\\s+[1-9]\\d*$")
          .matcher(out).find(), "h" + i + " row in\n" + out);
    }
  }
}

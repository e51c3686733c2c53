package org.hypertrace.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dtrace(1) against a running dtraced, as processes: -E programs with aggregations and ticks, a
 * consumer killed with SIGKILL mid-trace, a malformed message on sub.sock, and a live upgrade of
 * the compiler bundle while a tick-1s aggregation keeps printing.
 */
class DTraceDaemonIT {
  private static final Path ROOT = Path.of(System.getProperty("hypertrace.root"))
      .toAbsolutePath().normalize();

  @TempDir Path tmp;
  private Path config;
  private Path base;

  @BeforeEach
  void startDaemon() throws Exception {
    config = tmp.resolve("config");
    base = tmp.resolve("base");
    Files.createDirectories(config);
    Files.writeString(config.resolve("org.hypertrace.dtraced.cfg"),
        "role = overlord\nnode.name = itest-daemon\nbase.dir = " + base + "\n");
    Proc start = run(List.of(script("dtraced"), "start", "--config", config.toString()));
    assertEquals(0, start.status, start.err);
  }

  @AfterEach
  void stopDaemon() throws Exception {
    run(List.of(script("dtraced"), "stop", "--config", config.toString()));
  }

  private static String script(String name) {
    return ROOT.resolve("scripts").resolve(name).toString();
  }

  /** A finished process. */
  record Proc(int status, String out, String err) {}

  private ProcessBuilder builder(List<String> cmd) {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("DTRACED_BASE", base.toString());
    return pb;
  }

  private Proc run(List<String> cmd) throws IOException, InterruptedException {
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    Process p = builder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", cmd) + " hung");
    }
    return new Proc(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private Proc dtraceE(String d) throws Exception {
    return run(List.of(script("dtrace"), "-E", "-n", d));
  }

  @Test
  void testDtraceE_aggregationAndTick() throws Exception {
    Proc r = dtraceE("tick-100ms { @[probename] = count(); } tick-1s { exit(0); }");
    assertEquals(0, r.status, r.err);
    Matcher m = Pattern.compile("(?m)^\\s+tick-100ms\\s+(\\d+)$").matcher(r.out);
    assertTrue(m.find(), r.out);
    int n = Integer.parseInt(m.group(1));
    assertTrue(n >= 5 && n <= 11, "tick-100ms fired " + n + " times in a second");
  }

  @Test
  void testConsumerKilled_programsRemovedWithin2s() throws Exception {
    Process p = builder(List.of(script("dtrace"), "-q", "-E", "-n",
        "tick-200ms { printf(\"alive\\n\"); }")).redirectErrorStream(true).start();
    BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8));
    assertEquals("alive", in.readLine());
    assertEquals(1, spooled().size(), "program spooled while it runs");
    p.destroyForcibly();
    p.waitFor();
    long end = System.nanoTime() + 2_000_000_000L;
    while (!spooled().isEmpty() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertTrue(spooled().isEmpty(), "enablings gone within 2 s of kill -9");
    Proc clients = run(List.of(script("dtracedctl"), "--config", config.toString(), "clients"));
    assertEquals(0, clients.status, clients.err);
    assertFalse(clients.out.contains("CONSUMER"), clients.out);
  }

  @Test
  void testBadMessage_nakAndDaemonLives() throws Exception {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(base.resolve("sub.sock")));
      DataOutputStream out = new DataOutputStream(Channels.newOutputStream(ch));
      out.write("GET / HTTP/1.0\r\n\r\n".repeat(10).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
      assertEquals(0, in.readUnsignedByte(), "NAK");
      in.readUnsignedByte();
      String reason = new String(in.readNBytes(in.readUnsignedShort()), StandardCharsets.UTF_8);
      assertEquals("hello: bad magic 0x47455420", reason);
    }
    Proc r = dtraceE("BEGIN { printf(\"still here\\n\"); exit(0); }");
    assertEquals(0, r.status, r.err);
    assertTrue(r.out.contains("still here"), r.out);
    assertTrue(Files.readString(base.resolve("dtraced.log")).contains("hello: bad magic"));
  }

  @Test
  void testUpgradeCompiler_runningTraceLosesNothing() throws Exception {
    Process p = builder(List.of(script("dtrace"), "-q", "-E", "-n",
        "tick-1s { @n = count(); printa(\"n=%@d\\n\", @n); }")).start();
    BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8));
    List<Integer> seen = new ArrayList<>();
    seen.add(count(in.readLine()));
    Path jar = Jars.withVersion(dist("org.hypertrace.compiler"), tmp, "0.1.0.upgraded", null);
    Proc up = run(List.of(script("dtraced"), "exec", "dtraced:upgrade org.hypertrace.compiler "
        + jar, "--config", config.toString()));
    assertEquals(0, up.status, up.out + up.err);
    assertTrue(up.out.contains("-> 0.1.0.upgraded"), up.out);
    for (int i = 0; i < 3; i++) {
      seen.add(count(in.readLine()));
    }
    p.destroy();
    p.waitFor(10, TimeUnit.SECONDS);
    for (int i = 1; i < seen.size(); i++) {
      assertEquals(seen.get(i - 1) + 1, seen.get(i), "consecutive counts " + seen);
    }
    Proc status = run(List.of(script("dtraced"), "status", "--config", config.toString()));
    assertTrue(status.out.matches("(?s).*0\\.1\\.0\\.upgraded\\s+org\\.hypertrace\\.compiler.*"),
        status.out);
    Proc next = dtraceE("BEGIN { printf(\"%s\\n\", \"after upgrade\"); exit(0); }");
    assertEquals(0, next.status, next.err);
    assertTrue(next.out.contains("after upgrade"), next.out);
  }

  private static int count(String line) {
    assertTrue(line != null && line.startsWith("n="), "line " + line);
    return Integer.parseInt(line.substring(2).trim());
  }

  private static Path dist(String bsn) {
    return ROOT.resolve("launcher/target/dist/bundles").resolve(bsn + ".jar");
  }

  private List<Path> spooled() throws IOException {
    try (Stream<Path> s = Files.list(base.resolve("base"))) {
      return s.filter(f -> f.getFileName().toString().endsWith(".elf")).toList();
    }
  }
}

package org.hypertrace.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The VM lab as a user drives it: {@code scripts/vm-lab build}, then real QEMU guests (TCG on a
 * host without a standard KVM) booted, listed, pinged through their virtio-serial port and
 * stopped. The image is cached in the lab's cache directory; the guests' state lives in a
 * directory of this test only, so guests a developer runs are left alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VmLabIT {
  private static final Path SCRIPT = Path.of(System.getProperty("hypertrace.root"), "scripts",
      "vm-lab").toAbsolutePath().normalize();
  private static final Path DIST = Path.of(System.getProperty("hypertrace.dist",
      System.getProperty("hypertrace.root") + "/launcher/target/dist")).toAbsolutePath();

  private static Path state;

  /** The outcome of one script run. */
  record Run(int status, String out, String err) {
    String all() {
      return out + err;
    }
  }

  private static Run vmLab(long timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(SCRIPT.toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("vmlab", ".out");
    Path err = Files.createTempFile("vmlab", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile())
          .redirectError(err.toFile());
      pb.environment().put("HT_VMLAB_STATE", state.toString());
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("vm-lab " + String.join(" ", args) + " hung; stderr: "
            + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  @BeforeAll
  static void build() throws Exception {
    // A short path: unix socket paths are limited to 107 bytes.
    state = Files.createTempDirectory("vmlab-it");
    Run build = vmLab(900, "build");
    Assumptions.assumeFalse(build.status() != 0 && build.err().matches(
        "(?s).*(cannot install|packages missing).*"),
        "QEMU and the guest's packages cannot be installed here: " + build.err().strip());
    assertEquals(0, build.status(), build.all());
    assertTrue(build.out().startsWith("vm-lab: image ready in "), build.all());
  }

  @AfterAll
  static void downAll() throws Exception {
    if (state != null) {
      vmLab(60, "down");
      Files.deleteIfExists(state.resolve(".accel"));
      Files.deleteIfExists(state);
    }
  }

  /** name -> columns of a table the script prints (header first). */
  private static Map<String, String[]> table(String out) {
    Map<String, String[]> rows = new HashMap<>();
    for (String line : out.strip().split("\n")) {
      String[] cols = line.trim().split("\\s+");
      if (!cols[0].equals("NAME")) {
        rows.put(cols[0], cols);
      }
    }
    return rows;
  }

  private static List<Long> qemuPidsOfThisTest() {
    List<Long> pids = new ArrayList<>();
    ProcessHandle.allProcesses().forEach(ph -> {
      String line = ph.info().commandLine().orElse("");
      if (line.contains("qemu-system") && line.contains(state.toString())) {
        pids.add(ph.pid());
      }
    });
    return pids;
  }

  @Test
  @Order(1)
  void testVmLab_upListPingDown() throws Exception {
    Run up = vmLab(240, "up", "2", "--prefix", "itest", "--no-minion");
    assertEquals(0, up.status(), up.all());
    Map<String, String[]> booted = table(up.out());
    assertEquals(2, booted.size(), up.out());
    String node1 = booted.get("itest1")[1];
    String node2 = booted.get("itest2")[1];
    assertNotEquals(node1, node2, up.out());
    assertEquals("1", node1, up.out());
    assertEquals("2", node2, up.out());
    for (String[] row : booted.values()) {
      assertTrue(row[5].endsWith("/" + row[0] + "/serial.sock"), up.out());
      assertTrue(Files.exists(Path.of(row[5])), row[5]);
      assertTrue(Double.parseDouble(row[3]) > 0, up.out());
    }

    Run list = vmLab(30, "list");
    assertEquals(0, list.status(), list.all());
    Map<String, String[]> listed = table(list.out());
    assertEquals(booted.keySet(), listed.keySet(), list.out());
    for (String name : List.of("itest1", "itest2")) {
      String[] row = listed.get(name);
      assertEquals(booted.get(name)[1], row[1], list.out());
      assertEquals("ready", row[2], list.out());
      assertEquals(booted.get(name)[2], row[3], list.out());
    }

    Pattern echo = Pattern.compile("^(\\S+): echo from (\\S+): ping 0; (\\d+) round trips: "
        + "min (\\d+) us, p50 (\\d+) us, max (\\d+) us$");
    for (String name : List.of("itest1", "itest2")) {
      Run ping = vmLab(60, "ping", name, "20");
      assertEquals(0, ping.status(), ping.all());
      Matcher m = echo.matcher(ping.out().strip());
      assertTrue(m.matches(), ping.out());
      assertEquals(name, m.group(1));
      assertEquals(name, m.group(2), "the echo comes from the guest pinged");
      assertEquals("20", m.group(3));
    }

    List<Long> pids = qemuPidsOfThisTest();
    assertEquals(2, pids.size(), "one qemu per guest: " + pids);
    Run down = vmLab(60, "down");
    assertEquals(0, down.status(), down.all());
    assertTrue(down.err().contains("itest1 stopped"), down.err());
    assertTrue(down.err().contains("itest2 stopped"), down.err());
    assertEquals(List.of(), qemuPidsOfThisTest(), "no qemu process left");
    for (Long pid : pids) {
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid);
    }
    assertEquals("NAME NODE STATE PID UPTIME SERIAL",
        vmLab(30, "list").out().strip().replaceAll("\\s+", " "));
  }

  @Test
  @Order(2)
  void testVmLab_pingUnknownGuest_oneClearLine() throws Exception {
    Run ping = vmLab(30, "ping", "nosuchguest");
    assertEquals(1, ping.status());
    assertEquals("vm-lab: nosuchguest is not running\n", ping.err());
  }

  @Test
  @Order(3)
  void testVmLab_minionGuest_runsDtraced() throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(DIST.resolve("lib/launcher.jar")),
        "the distribution is not built: " + DIST);
    Run up = vmLab(240, "up", "1", "--prefix", "itestm");
    assertEquals(0, up.status(), up.all());
    assertTrue(up.err().contains("itestm1: dtraced minion running after "), up.err());
    String console = Files.readString(state.resolve("itestm1/console.log"),
        StandardCharsets.ISO_8859_1);
    assertTrue(console.contains("node.name=itestm1"), console);
    assertTrue(console.contains("HT-VMLAB-MINION-READY name=itestm1 "), console);
    Run down = vmLab(60, "down", "itestm1");
    assertEquals(0, down.status(), down.all());
    assertEquals(List.of(), qemuPidsOfThisTest(), "no qemu process left");
  }
}

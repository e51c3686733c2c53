package org.hypertrace.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's view of the daemon: scripts/dtraced against the assembled distribution, as separate
 * processes, with the pidfile, the command socket and the error lines a user sees.
 */
class DtracedScriptIT {
  private static final Path SCRIPT = Path.of(System.getProperty("hypertrace.root"), "scripts",
      "dtraced").toAbsolutePath().normalize();

  @TempDir Path tmp;
  private Path config;

  /** The outcome of one script run. */
  record Run(int status, String out, String err) {}

  private Run dtraced(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(SCRIPT.toString()));
    cmd.addAll(List.of(args));
    cmd.add("--config");
    cmd.add(config.toString());
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
        .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("dtraced " + String.join(" ", args) + " hung");
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private void writeConfig(String... lines) throws IOException {
    config = tmp.resolve("config");
    Files.createDirectories(config);
    Files.writeString(config.resolve("org.hypertrace.dtraced.cfg"),
        String.join("\n", lines) + "\n");
  }

  @AfterEach
  void stopDaemon() throws Exception {
    if (config != null) {
      dtraced("stop");
    }
  }

  @Test
  void testDtraced_startStatusExecStop() throws Exception {
    Path base = tmp.resolve("base");
    writeConfig("role = overlord", "node.name = script-host", "base.dir = " + base);
    Run start = dtraced("start");
    assertEquals(0, start.status(), start.err());
    assertTrue(start.out().startsWith("dtraced: started (pid "), start.out());
    String pid = Files.readString(base.resolve("dtraced.pid")).trim();

    Run again = dtraced("start");
    assertEquals(1, again.status());
    assertEquals("dtraced: already running (pid " + pid + ") with base directory " + base + "\n",
        again.err());

    Run status = dtraced("status");
    assertEquals(0, status.status(), status.err());
    assertTrue(status.out().contains("role:      overlord"), status.out());
    assertTrue(status.out().contains("node name: script-host"), status.out());
    assertTrue(status.out().matches("(?s).*ACTIVE\\s+\\S+\\s+org\\.hypertrace\\.dtraced\n.*"),
        status.out());

    Run bad = dtraced("exec", "dtraced:upgrade no.such.bundle /nonexistent.jar");
    assertEquals(1, bad.status());
    assertEquals("no bundle no.such.bundle is installed\n", bad.out());

    Run stop = dtraced("stop");
    assertEquals(0, stop.status(), stop.err());
    assertTrue(!Files.exists(base.resolve("dtraced.pid")), "pidfile removed");
    assertTrue(ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).isEmpty()
        || !ProcessHandle.of(Long.parseLong(pid)).get().isAlive(), "daemon process gone");
    assertTrue(!Files.exists(base.resolve("shell.sock")), "command socket removed");
    assertEquals(3, dtraced("status").status());
  }

  @Test
  void testDtraced_invalidConfigNamesKeyAndValue() throws Exception {
    writeConfig("role = boss", "base.dir = " + tmp.resolve("base"));
    Run start = dtraced("start");
    assertEquals(1, start.status());
    assertEquals("dtraced: invalid configuration: role=boss (expected overlord or minion)\n",
        start.err());
  }

  @Test
  void testDtraced_unwritableBaseDirectory() throws Exception {
    writeConfig("role = overlord", "base.dir = /proc/ddtrace-itest");
    Run start = dtraced("start");
    assertEquals(1, start.status());
    assertEquals("dtraced: base directory /proc/ddtrace-itest is not writable\n", start.err());
  }
}

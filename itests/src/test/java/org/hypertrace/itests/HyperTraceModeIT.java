package org.hypertrace.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HyperTrace mode across processes: an overlord and three minion daemons (real distribution,
 * scripts/dtraced), and dtrace -E on the host. BEGIN fires in every minion, tick-1s aggregations
 * come back keyed by vmname, the target field selects minions by name, and a target that matches
 * no minion traces nothing.
 */
class HyperTraceModeIT {
  private static final Path ROOT = Path.of(System.getProperty("hypertrace.root"))
      .toAbsolutePath().normalize();
  private static final String[] MINIONS = {"web1", "web2", "db1"};

  @TempDir Path tmp;
  private final List<Path> configs = new ArrayList<>();
  private Path overlordBase;

  /** A finished process. */
  record Proc(int status, String out, String err) {}

  private Proc run(List<String> cmd) throws IOException, InterruptedException {
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile())
        .redirectError(err.toFile());
    pb.environment().put("DTRACED_BASE", overlordBase.toString());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", cmd) + " hung");
    }
    return new Proc(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private Path config(String name, String... lines) throws IOException {
    Path dir = tmp.resolve("config-" + name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("org.hypertrace.dtraced.cfg"), String.join("\n", lines) + "\n");
    configs.add(dir);
    return dir;
  }

  private void dtraced(String cmd, Path config) throws Exception {
    Proc r = run(List.of(ROOT.resolve("scripts/dtraced").toString(), cmd, "--config",
        config.toString()));
    assertEquals(0, r.status, cmd + ": " + r.out + r.err);
  }

  @BeforeEach
  void startNodes() throws Exception {
    overlordBase = tmp.resolve("overlord");
    Path sock = tmp.resolve("overlord.sock");
    dtraced("start", config("overlord", "role = overlord", "node.name = host0",
        "base.dir = " + overlordBase, "listen = unix:" + sock));
    for (String m : MINIONS) {
      dtraced("start", config(m, "role = minion", "node.name = " + m,
          "base.dir = " + tmp.resolve(m), "connect = unix:" + sock));
    }
    long end = System.nanoTime() + 30_000_000_000L;
    String rows = "";
    while (System.nanoTime() < end) {
      rows = run(List.of(ROOT.resolve("scripts/dtraced").toString(), "exec", "dtraced:minions",
          "--config", configs.get(0).toString())).out;
      if (rows.split("CONNECTED", -1).length - 1 == MINIONS.length) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("minions did not connect:\n" + rows);
  }

  @AfterEach
  void stopNodes() throws Exception {
    for (int i = configs.size() - 1; i >= 0; i--) {
      run(List.of(ROOT.resolve("scripts/dtraced").toString(), "stop", "--config",
          configs.get(i).toString()));
    }
  }

  private Proc dtraceE(String d) throws Exception {
    return run(List.of(ROOT.resolve("scripts/dtrace").toString(), "-q", "-E", "-n", d));
  }

  @Test
  void testBeginAndTickAggregationOnEveryMinion() throws Exception {
    // "*" selects every node for the counting tick; the untargeted tick-3s fires on the host
    // alone (DTrace's tick fires on one CPU), so exit() runs once, with vmname the host's node
    Proc r = dtraceE("BEGIN { printf(\"begin %s\\n\", vmname); } "
        + "*::::tick-1s { @[vmname] = count(); } tick-3s { printf(\"end on %s\\n\", vmname);"
        + " exit(0); }");
    assertEquals(0, r.status, r.err);
    assertEquals(1, r.out.split("end on host0\n", -1).length - 1, r.out);
    for (String m : MINIONS) {
      assertTrue(r.out.contains("begin " + m + "\n"), r.out);
      Matcher c = Pattern.compile("(?m)^\\s+" + m + "\\s+(\\d+)$").matcher(r.out);
      assertTrue(c.find(), m + " missing in\n" + r.out);
      assertTrue(Integer.parseInt(c.group(1)) >= 1, r.out);
    }
  }

  @Test
  void testTargetGlobSelectsMinions() throws Exception {
    Proc r = dtraceE("web*::::BEGIN { printf(\"begin %s\\n\", vmname); } "
        + "tick-2s { exit(0); }");
    assertEquals(0, r.status, r.err);
    assertTrue(r.out.contains("begin web1\n") && r.out.contains("begin web2\n"), r.out);
    assertTrue(!r.out.contains("begin db1"), r.out);
  }

  @Test
  void testTargetMatchingNoneTracesNothing() throws Exception {
    Proc r = dtraceE("nosuch*::::BEGIN { printf(\"begin %s\\n\", vmname); } "
        + "tick-2s { exit(0); }");
    assertEquals(0, r.status, r.err);
    assertTrue(!r.out.contains("begin"), r.out);
  }
}

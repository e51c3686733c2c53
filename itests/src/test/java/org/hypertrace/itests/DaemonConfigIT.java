package org.hypertrace.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import javax.inject.Inject;
import org.hypertrace.api.daemon.DaemonInfo;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The overlord feature on real Felix: dtraced takes its role from a FileInstall .cfg, applies an
 * edit in place, and keeps its last good configuration when a value is invalid.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DaemonConfigIT {
  private static final Path ROOT = ItestOptions.workDir("config");
  private static final Path CFG = ROOT.resolve("config");
  private static final Path BASE = ROOT.resolve("base");

  @Inject
  private BundleContext context;

  @Inject
  private org.apache.felix.service.command.CommandProcessor processor;

  @Configuration
  public Option[] config() throws Exception {
    Files.createDirectories(CFG);
    ItestOptions.writeConfig(CFG, "role = overlord", "node.name = itest-host",
        "base.dir = " + BASE);
    return new Option[] {ItestOptions.config("overlord", CFG)};
  }

  @Test
  public void testDaemon_configEditAppliedAndInvalidValueKeepsLastGood() throws Exception {
    DaemonInfo d = await(() -> {
      ServiceReference<DaemonInfo> r = context.getServiceReference(DaemonInfo.class);
      return r == null ? null : context.getService(r);
    });
    assertEquals(DaemonInfo.Role.OVERLORD, d.role());
    assertEquals("itest-host", d.nodeName());
    assertEquals(BASE, d.baseDirectory());
    for (String s : new String[] {"base", "outbound", "inbound"}) {
      assertTrue(s, Files.isDirectory(BASE.resolve(s)));
    }
    assertEquals(String.valueOf(ProcessHandle.current().pid()),
        Files.readString(BASE.resolve("dtraced.pid")).trim());

    ItestOptions.writeConfig(CFG, "role = overlord", "node.name = renamed",
        "base.dir = " + BASE);
    await(() -> "renamed".equals(d.nodeName()) ? Boolean.TRUE : null);

    ItestOptions.writeConfig(CFG, "role = boss", "node.name = other", "base.dir = " + BASE);
    Thread.sleep(1500);
    assertEquals("renamed", d.nodeName());
    assertEquals(DaemonInfo.Role.OVERLORD, d.role());
  }

  @Test
  public void testDaemon_roleSwitchesOverlordToMinionAndBack() throws Exception {
    ItestOptions.writeConfig(CFG, "role = minion", "node.name = itest-host",
        "base.dir = " + BASE, "connect = tcp:127.0.0.1:7999");
    await(() -> status().contains("role:      minion\n") ? Boolean.TRUE : null);
    assertTrue(status().contains("address:   tcp:127.0.0.1:7999"));
    ItestOptions.writeConfig(CFG, "role = overlord", "node.name = itest-host",
        "base.dir = " + BASE);
    await(() -> status().contains("role:      overlord\n") ? Boolean.TRUE : null);
  }

  private String status() {
    try {
      return UpgradeIT.run(processor, "dtraced:status");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static <T> T await(Supplier<T> s) throws InterruptedException {
    long end = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < end) {
      T v = s.get();
      if (v != null) {
        return v;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("condition not met within 15 s");
  }
}

package org.hypertrace.kernel.prov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hypertrace.api.program.ProbeDescription;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Without CAP_BPF/CAP_PERFMON, enabling fails with one line naming what is missing. */
class PrivilegesTest {
  /** Entry point run in a child JVM without capabilities. */
  public static void main(String[] args) {
    SyscallProvider p = new SyscallProvider();
    try {
      p.enable(p.probes(new ProbeDescription("", "syscall", "", "getppid", "entry")), null);
      System.out.println("enabled");
    } catch (IllegalStateException e) {
      System.out.println(e.getMessage());
    }
  }

  @Test
  void testWithoutCapabilities_oneLineNamesWhatIsMissing() throws Exception {
    TestSupport.assumeRoot();
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process proc = new ProcessBuilder("/usr/bin/setpriv", "--inh-caps=-all",
        "--bounding-set=-all", java, "-cp", System.getProperty("java.class.path"),
        PrivilegesTest.class.getName()).redirectErrorStream(true).start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, proc.waitFor(), out);
    List<String> lines = out.lines().toList();
    assertEquals(1, lines.size(), out);
    assertTrue(lines.get(0).startsWith("syscall provider: kernel probes need root or CAP_BPF"
        + " and CAP_PERFMON"), out);
  }
}

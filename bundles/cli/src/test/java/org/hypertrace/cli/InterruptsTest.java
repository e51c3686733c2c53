package org.hypertrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InterruptsTest {
  @Test
  void testSigterm_endsTracingLikeDtrace() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        LoopingMain.class.getName(), "-q", "-n", "BEGIN").redirectError(
        ProcessBuilder.Redirect.DISCARD).start();
    byte[] first = p.getInputStream().readNBytes(5);
    assertEquals("tick\n", new String(first, StandardCharsets.ISO_8859_1));
    new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).redirectOutput(
        new File("/dev/null")).start().waitFor();
    assertTrue(p.waitFor(20, TimeUnit.SECONDS), "dtrace did not end after SIGTERM");
    String rest = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    assertTrue(rest.endsWith("\nEND\n"), rest);
    assertEquals(4, p.exitValue());
  }
}

package org.hypertrace.kernel.sym;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pr_psargs from /proc/PID/cmdline. */
class ProcessArgsTest {
  @TempDir Path proc;

  private void cmdline(int pid, String nulSeparated) throws Exception {
    Files.createDirectories(proc.resolve(Integer.toString(pid)));
    Files.write(proc.resolve(pid + "/cmdline"), nulSeparated.replace('|', '\0').getBytes());
  }

  @Test
  void testPsargs_argumentsJoinedBySpaces() throws Exception {
    cmdline(10, "/bin/sleep|5|");
    assertEquals("/bin/sleep 5", new ProcessArgs(proc).psargs(10, "sleep"));
  }

  @Test
  void testPsargs_cutAt79Bytes() throws Exception {
    cmdline(11, "x".repeat(100) + "|");
    assertEquals("x".repeat(79), new ProcessArgs(proc).psargs(11, "x"));
  }

  @Test
  void testPsargs_goneOrKernelThreadGivesExecname() throws Exception {
    cmdline(12, "");
    ProcessArgs a = new ProcessArgs(proc);
    assertEquals("kworker/0:1", a.psargs(12, "kworker/0:1"));
    assertEquals("gone", a.psargs(13, "gone"));
  }

  @Test
  void testPsargs_execReadsTheNewImage() throws Exception {
    cmdline(14, "/bin/sh|-c|x|");
    ProcessArgs a = new ProcessArgs(proc);
    assertEquals("/bin/sh -c x", a.psargs(14, "sh"));
    cmdline(14, "/usr/bin/sleep|1|");
    assertEquals("/bin/sh -c x", a.psargs(14, "sh"));
    assertEquals("/usr/bin/sleep 1", a.psargs(14, "sleep"));
  }

  @Test
  void testPsargs_realProcess() {
    long me = ProcessHandle.current().pid();
    String s = new ProcessArgs().psargs((int) me, "java");
    assertTrue(s.contains("java"), s);
    assertTrue(s.length() <= 79, s);
  }
}

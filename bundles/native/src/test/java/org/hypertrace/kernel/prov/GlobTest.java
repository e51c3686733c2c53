package org.hypertrace.kernel.prov;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** gmatch-style probe description matching. */
class GlobTest {
  @Test
  void testGlob_starQuestionSetsAndEscapes() {
    assertTrue(Glob.matches("", "anything"));
    assertTrue(Glob.matches("sys_*", "sys_enter"));
    assertTrue(Glob.matches("*open*", "openat"));
    assertTrue(Glob.matches("read?", "readv"));
    assertFalse(Glob.matches("read?", "read"));
    assertTrue(Glob.matches("[a-c]at", "bat"));
    assertFalse(Glob.matches("[!a-c]at", "bat"));
    assertTrue(Glob.matches("a\\*", "a*"));
    assertFalse(Glob.matches("a\\*", "ab"));
    assertFalse(Glob.matches("syscall", "syscalls"));
    assertTrue(Glob.isGlob("pid*"));
    assertFalse(Glob.isGlob("pid123"));
  }
}

package org.hypertrace.compiler;

import static org.junit.jupiter.api.Assertions.*;

import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DErrorTag;
import org.hypertrace.api.dif.DifConstants;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.program.DProgram;
import org.junit.jupiter.api.Test;

/** lib/procfs.d: psinfo_t, lwpsinfo_t, curpsinfo, curlwpsinfo and proc's translated args. */
class DLibraryTest {
  private static DifObject first(String src) throws DCompileException {
    DProgram p = DTraceCompilerTest.compile(src);
    return p.statements().get(0).actions().get(0).difo();
  }

  /** @return whether the object loads the built-in variable id */
  private static boolean loads(DifObject d, int var) {
    for (int instr : d.text()) {
      if (instr >>> 24 == DifConstants.DIF_OP_LDGS && ((instr >>> 8) & 0xffff) == var) {
        return true;
      }
    }
    return false;
  }

  @Test
  void testCurpsinfo_membersFromTheFiringsBuiltins() throws Exception {
    assertTrue(loads(first("BEGIN { trace(curpsinfo->pr_pid); }"), DifConstants.DIF_VAR_PID));
    assertTrue(loads(first("BEGIN { trace(curpsinfo->pr_ppid); }"),
        DifConstants.DIF_VAR_PPID));
    assertTrue(loads(first("BEGIN { trace(curpsinfo->pr_euid); }"), DifConstants.DIF_VAR_UID));
    assertTrue(loads(first("BEGIN { trace(curpsinfo->pr_egid); }"), DifConstants.DIF_VAR_GID));
    assertTrue(loads(first("BEGIN { trace(curlwpsinfo->pr_lwpid); }"),
        DifConstants.DIF_VAR_TID));
  }

  @Test
  void testCurpsinfo_namesAreCharArraysOfProcfsSizes() throws Exception {
    DifObject f = first("BEGIN { trace(curpsinfo->pr_fname); }");
    assertTrue(loads(f, DifConstants.DIF_VAR_EXECNAME));
    assertEquals(16, f.returnType().size());
    DifObject a = first("BEGIN { trace(curpsinfo->pr_psargs); }");
    assertTrue(loads(a, DifConstants.DIF_VAR_PSARGS));
    assertEquals(80, a.returnType().size());
  }

  @Test
  void testCurpsinfo_memberLinuxCannotGiveIsNoconv() {
    DCompileException e = DTraceCompilerTest.error("BEGIN { trace(curpsinfo->pr_rssize); }");
    assertEquals(DErrorTag.D_XLATE_NOCONV, e.tag());
    e = DTraceCompilerTest.error("BEGIN { trace(curlwpsinfo->pr_pri); }");
    assertEquals(DErrorTag.D_XLATE_NOCONV, e.tag());
  }

  @Test
  void testTypes_procfsSizes() throws Exception {
    DifObject d = first("BEGIN { trace(sizeof (psinfo_t) + 0 * sizeof (lwpsinfo_t)); }");
    assertNotNull(d);
    assertEquals(DErrorTag.D_XLATE_NOCONV, DTraceCompilerTest.error(
        "BEGIN { trace(curpsinfo->pr_nlwp); }").tag());
  }

  @Test
  void testProcCreate_args0TranslatesTheChild() throws Exception {
    DifObject ppid = first("proc:::create { trace(args[0]->pr_ppid); }");
    assertTrue(loads(ppid, DifConstants.DIF_VAR_PID), "the child's parent is the firing process");
    DifObject pid = first("proc:::create { trace(args[0]->pr_pid); }");
    assertFalse(loads(pid, DifConstants.DIF_VAR_PID));
  }

  @Test
  void testProcSignalSend_targetKnownByPidOnly() throws Exception {
    assertNotNull(first("proc:::signal-send { trace(args[1]->pr_pid + args[0]->pr_lwpid); }"));
    assertEquals(DErrorTag.D_XLATE_NOCONV, DTraceCompilerTest.error(
        "proc:::signal-send { trace(args[1]->pr_ppid); }").tag());
  }

  @Test
  void testProcExec_args0IsThePath() throws Exception {
    DifObject d = first("proc:::exec { trace(args[0]); }");
    assertTrue(d.returnType().isString());
  }

  @Test
  void testOtherProviders_argsStayIntegers() throws Exception {
    DifObject d = first("syscall::getppid:entry { trace(args[0]); }");
    assertEquals(8, d.returnType().size());
    assertFalse(d.returnType().isString());
  }

  @Test
  void testLinuxConstants_errnoSignalsAndExitCodes() throws Exception {
    DifObject d = first("BEGIN { trace(ENOENT * 10000 + SIGUSR1 * 100 + CLD_DUMPED); }");
    assertNotNull(d);
    assertEquals(2, (int) LinuxConstants.VALUES.get("ENOENT"));
    assertEquals(10, (int) LinuxConstants.VALUES.get("SIGUSR1"));
    assertEquals(17, (int) LinuxConstants.VALUES.get("SIGCHLD"));
    assertEquals(38, (int) LinuxConstants.VALUES.get("ENOSYS"));
    assertEquals(3, (int) LinuxConstants.VALUES.get("CLD_DUMPED"));
  }
}

package org.hypertrace.cli.opt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.hypertrace.cli.opt.Getopt.Opt;
import org.hypertrace.cli.opt.Getopt.Scan;
import org.junit.jupiter.api.Test;

class GetoptTest {
  private static Scan scan(String... args) throws UsageException {
    return Getopt.scan("dtrace", Getopt.DTRACE_OPTSTR, args);
  }

  @Test
  void testScan_clusteredFlagsThenArgument() throws UsageException {
    Scan s = scan("-qCn", "BEGIN");
    assertEquals(List.of(new Opt('q', null), new Opt('C', null), new Opt('n', "BEGIN")),
        s.options());
  }

  @Test
  void testScan_gluedArgument() throws UsageException {
    Scan s = scan("-xerrtags", "-bx4m");
    assertEquals(List.of(new Opt('x', "errtags"), new Opt('b', "x4m")), s.options());
  }

  @Test
  void testScan_optionsAfterOperands() throws UsageException {
    Scan s = scan("-s", "a.d", "one", "-q", "two");
    assertEquals(List.of(new Opt('s', "a.d"), new Opt('q', null)), s.options());
    assertEquals(List.of("one", "two"), s.operands());
  }

  @Test
  void testScan_doubleDashMakesNextWordAnOperand() throws UsageException {
    Scan s = scan("-q", "--", "-n", "-w");
    assertEquals(List.of(new Opt('q', null), new Opt('w', null)), s.options());
    assertEquals(List.of("-n"), s.operands());
  }

  @Test
  void testScan_loneDashIsOperand() throws UsageException {
    assertEquals(List.of("-"), scan("-").operands());
  }

  @Test
  void testScan_illegalOption() {
    UsageException e = assertThrows(UsageException.class, () -> scan("-q", "-k"));
    assertEquals("dtrace: illegal option -- k", e.getMessage());
  }

  @Test
  void testScan_missingArgument() {
    UsageException e = assertThrows(UsageException.class, () -> scan("-n"));
    assertEquals("dtrace: option requires an argument -- n", e.getMessage());
  }

  @Test
  void testScan_hyperTraceOptions() throws UsageException {
    Scan s = scan("-E", "-y", "t.btf", "-Yg.btf,guest");
    assertEquals(List.of(new Opt('E', null), new Opt('y', "t.btf"), new Opt('Y', "g.btf,guest")),
        s.options());
  }
}

package org.hypertrace.cli.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeScopeTest {
  @Test
  void testOf_beginEndTickAreIndependent() {
    String d = "/* syscall:::entry in a comment */\n#pragma D option quiet\n"
        + "int x;\nBEGIN, dtrace:::END\n/x == 0/\n{ printf(\"fbt::: %d\", x); }\n"
        + "tick-1sec { exit(0); }\nprofile:::profile-97 {}\n:::ERROR {}\n";
    assertEquals(SuiteTest.Scope.INDEPENDENT, ProbeScope.of(d));
  }

  @Test
  void testOf_kernelProviderIsKernel() {
    assertEquals(SuiteTest.Scope.KERNEL, ProbeScope.of("BEGIN {}\nsyscall::read:entry {}\n"));
  }

  @Test
  void testOf_nameOnlyMatchingAllProvidersIsKernel() {
    assertEquals(SuiteTest.Scope.KERNEL, ProbeScope.of("entry { }\n"));
  }

  @Test
  void testOf_kernelSymbolIsKernel() {
    assertEquals(SuiteTest.Scope.KERNEL, ProbeScope.of("BEGIN { trace(`kmem_flags); }\n"));
  }

  @Test
  void testOf_stackIsKernel() {
    assertEquals(SuiteTest.Scope.KERNEL, ProbeScope.of("tick-1 { stack(); }\n"));
  }

  @Test
  void testOf_declarationsAreNotClauses() {
    String d = "struct foo { int a; };\ntranslator struct foo < int x > { a = x; };\n"
        + "inline int y = 2;\nBEGIN { exit(0); }\n";
    assertEquals(SuiteTest.Scope.INDEPENDENT, ProbeScope.of(d));
  }

  @Test
  void testDescriptions_predicateAndCommas() {
    assertEquals(List.of("BEGIN", "tick-1"), ProbeScope.descriptions(" BEGIN , tick-1 /x/ "));
  }
}

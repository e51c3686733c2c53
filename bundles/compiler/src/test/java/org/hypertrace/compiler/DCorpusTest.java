package org.hypertrace.compiler;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hypertrace.api.compile.CompileRequest;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.program.DProgram;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The project's own D corpus (src/test/resources/d), in the DTrace test suite's file grammar:
 * {@code err.D_TAG.case.d} must fail with that tag and a line; {@code tst.*.d} must compile.
 */
class DCorpusTest {
  static Stream<Path> files(String dir) throws IOException, URISyntaxException {
    Path root = Paths.get(DCorpusTest.class.getResource("/d/" + dir).toURI());
    return Files.list(root).filter(p -> p.toString().endsWith(".d")).sorted();
  }

  static DProgram compile(Path p) throws IOException, DCompileException {
    String src = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
    return new DTraceCompiler().compile(new CompileRequest(src, p.getFileName().toString(),
        CompileRequest.Context.PROGRAM, List.of(p.toString()), Map.of(), true, List.of(),
        false)).program();
  }

  @TestFactory
  Stream<DynamicTest> testErrors_carryTheirTag() throws Exception {
    return files("errors").map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
      String name = p.getFileName().toString();
      String tag = name.substring(4, name.indexOf('.', 4));
      DCompileException e = assertThrows(DCompileException.class, () -> compile(p));
      assertEquals(tag, e.tag().name(), e.getMessage());
      assertTrue(e.line() > 0, e.getMessage());
    }));
  }

  @TestFactory
  Stream<DynamicTest> testPrograms_compile() throws Exception {
    return files("programs").map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
        () -> assertFalse(compile(p).statements().isEmpty())));
  }

  /** Mutated corpus programs end in a D error or a program, never in another exception. */
  @TestFactory
  Stream<DynamicTest> testMutations_endInDErrors() throws Exception {
    return files("programs").map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
      String src = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
      java.util.Random r = new java.util.Random(src.hashCode());
      String alphabet = "(){}[];,*&@$\"'/\\#-+<>=!~?:.`0x9e";
      for (int i = 0; i < 400; i++) {
        StringBuilder sb = new StringBuilder(src);
        for (int k = 0; k < 1 + r.nextInt(4); k++) {
          int pos = r.nextInt(sb.length());
          if (r.nextBoolean()) {
            sb.deleteCharAt(pos);
          } else {
            sb.insert(pos, alphabet.charAt(r.nextInt(alphabet.length())));
          }
        }
        try {
          new DTraceCompiler().compile(new CompileRequest(sb.toString(), "m.d",
              CompileRequest.Context.PROGRAM, List.of("m.d"), Map.of(), r.nextBoolean(),
              List.of(), r.nextBoolean()));
        } catch (DCompileException e) {
          assertNotNull(e.tag());
        }
      }
    }));
  }
}

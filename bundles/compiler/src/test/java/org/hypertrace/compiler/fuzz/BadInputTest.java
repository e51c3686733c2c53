package org.hypertrace.compiler.fuzz;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.hypertrace.api.compile.CompileRequest;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.program.ProgramFormatException;
import org.hypertrace.compiler.DTraceCompiler;
import org.hypertrace.compiler.dof.DofContainer;
import org.hypertrace.compiler.elf.ElfContainer;
import org.hypertrace.compiler.elf.ElfContainerTest;

/**
 * Property tests (jqwik) of bad input: whatever the bytes, the compiler ends in a program or a
 * D error and the container readers in a program or a format error, never another exception.
 * Seeds are fixed so that CI is repeatable (a fixed seed still fails on a regression); explore
 * with other seeds by hand. This property found the ELF reader allocating before checking a length
 * (NegativeArraySizeException), fixed. The D corpus in src/test/resources/d is mutated by
 * DCorpusTest as well.
 */
class BadInputTest {
  private static final DTraceCompiler COMPILER = new DTraceCompiler();
  private static final byte[] ELF = new ElfContainer().write(ElfContainerTest.sample());
  private static final byte[] DOF = new DofContainer().write(ElfContainerTest.sample());

  private static void compile(String src) {
    try {
      COMPILER.compile(new CompileRequest(src, "fuzz.d", CompileRequest.Context.PROGRAM,
          List.of("fuzz.d"), Map.of(), false, List.of(), false));
    } catch (DCompileException e) {
      // the expected way to refuse
      return;
    }
  }

  @Property(tries = 300, seed = "20261126")
  void propertyCompile_anyTextEndsInProgramOrDError(@ForAll @Size(max = 200) String text) {
    compile(text);
  }

  @Provide
  Arbitrary<String> dLike() {
    return Arbitraries.of("BEGIN", "END", "tick-1s", "{", "}", "(", ")", "[", "]", ";", "/",
        "@a", "self->x", "this->y", "x", "=", "==", "+", "-", "*", "&", "->", ".", "?", ":",
        "printf(\"%d\\n\", 1)", "trace(", "count()", "quantize(", "exit(0)", "\"str\"", "'c'",
        "0x10", "1", "int", "struct s", "typedef", "inline", "sizeof", "stringof", "#pragma D",
        "$1", ",", "\n").list().ofMaxSize(60).map(l -> String.join(" ", l));
  }

  @Property(tries = 500, seed = "20261126")
  void propertyCompile_dTokenSoupEndsInProgramOrDError(@ForAll("dLike") String text) {
    compile(text);
  }

  @Property(tries = 300, seed = "20261126")
  void propertyElfReader_flippedBytesEndInProgramOrFormatError(
      @ForAll("offsets") int at, @ForAll byte value) {
    byte[] b = ELF.clone();
    b[at % b.length] ^= (byte) (value | 1);
    try {
      new ElfContainer().read(b);
    } catch (ProgramFormatException e) {
      return;
    }
  }

  @Property(tries = 300, seed = "20261126")
  void propertyDofReader_flippedBytesEndInProgramOrFormatError(
      @ForAll("offsets") int at, @ForAll byte value) {
    byte[] b = DOF.clone();
    b[at % b.length] ^= (byte) (value | 1);
    try {
      new DofContainer().read(b);
    } catch (ProgramFormatException e) {
      return;
    }
  }

  @Property(tries = 200, seed = "20261126")
  void propertyReaders_randomBytesRefused(@ForAll @Size(max = 4096) byte[] bytes) {
    for (org.hypertrace.api.program.ProgramContainer c
        : List.of(new ElfContainer(), new DofContainer())) {
      try {
        c.read(bytes);
      } catch (ProgramFormatException e) {
        continue;
      }
    }
  }

  @Provide
  Arbitrary<Integer> offsets() {
    return Arbitraries.integers().between(0, Integer.MAX_VALUE);
  }
}

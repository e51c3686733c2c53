package org.hypertrace.compiler.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hypertrace.api.compile.CompileRequest;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.compiler.DTraceCompiler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Compile time of the largest D scripts of a folder (issue 3 measures the 50 largest
 * kernel-independent scripts of the DTrace test suite, kept outside the repository): one
 * operation compiles every selected script once; the score divided by the count is ms per script.
 * Kernel-bound scripts and scripts that do not compile are left out of the selection.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CompileBench {
  /** The folder searched recursively for tst.*.d. */
  @Param("")
  public String dir;

  /** How many of the largest scripts. */
  @Param("50")
  public int count;

  private final DTraceCompiler compiler = new DTraceCompiler();
  private final List<String> sources = new ArrayList<>();

  private static final String[] KERNEL = {"syscall:", "fbt:", "proc:", "sched:", "io:", "pid",
      "sdt:", "lockstat:", "vminfo:", "sysinfo:", "curpsinfo", "curlwpsinfo", "`", "args[",
      "stack(", "$target", "#include", "ip:", "tcp:", "udp:", "plockstat", "mib:", "fsinfo:"};

  @Setup(Level.Trial)
  public void select() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(Path.of(dir))) {
      files = s.filter(p -> p.getFileName().toString().matches("tst\\..*\\.d"))
          .sorted(Comparator.comparingLong((Path p) -> p.toFile().length()).reversed())
          .toList();
    }
    for (Path f : files) {
      String src = Files.readString(f, StandardCharsets.ISO_8859_1);
      if (sources.size() == count || isKernelBound(src) || !compiles(src)) {
        continue;
      }
      sources.add(src);
    }
    System.out.println("selected " + sources.size() + " scripts from " + dir);
  }

  private static boolean isKernelBound(String src) {
    for (String k : KERNEL) {
      if (src.contains(k)) {
        return true;
      }
    }
    return false;
  }

  private boolean compiles(String src) {
    try {
      compiler.compile(request(src));
      return true;
    } catch (DCompileException | RuntimeException e) {
      return false;
    }
  }

  private static CompileRequest request(String src) {
    return new CompileRequest(src, "bench.d", CompileRequest.Context.PROGRAM, List.of("bench.d"),
        Map.of(), false, List.of(), false);
  }

  /** @param bh sink @throws DCompileException never for a selected script */
  @Benchmark
  public void compileAll(Blackhole bh) throws DCompileException {
    for (String s : sources) {
      bh.consume(compiler.compile(request(s)));
    }
  }

  /**
   * @param args the test suite's tst/common folder, then JMH options
   * @throws RunnerException when JMH fails
   */
  public static void main(String[] args) throws RunnerException {
    if (args.length < 1) {
      System.err.println("usage: CompileBench DIR [count]");
      System.exit(2);
    }
    new Runner(new OptionsBuilder().include(CompileBench.class.getSimpleName())
        .param("dir", args[0]).param("count", args.length > 1 ? args[1] : "50").build()).run();
  }
}

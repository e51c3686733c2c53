package org.hypertrace.cli.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The conformance harness ({@code scripts/conformance}): runs a copy of the DTrace test suite kept
 * outside the repository with dtest.pl's rules, in parallel, with a per-test limit, and prints a
 * table per category and the closing line {@code conformance: N passed, N failed}.
 *
 * <p>Tests that need the kernel (ksh scripts, helper processes, kernel providers, types or
 * symbols: see {@link ProbeScope}) are counted apart and not run unless {@code --all}.
 */
public final class Conformance {
  static final String USAGE = "usage: conformance [-j N] [-t SECONDS] [--single DTRACE] [--all]"
      + " [--compile-only] [--ksh] [--dtrace PATH] [--results DIR] [-v] DIR [CATEGORY...]";

  private int jobs = 2;
  private long timeoutMs = 30_000;
  private String single;
  private boolean all;
  private boolean compileOnly;
  private boolean verbose;
  private boolean ksh;
  private String dtrace = System.getProperty("dtrace.path", "dtrace");
  private Path results;
  private Path suite;
  private final List<String> categories = new ArrayList<>();

  private Conformance() {}

  /**
   * @param args see {@link #USAGE}
   */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Conformance c = new Conformance();
    try {
      c.parse(args);
      System.exit(c.run(out));
    } catch (IllegalArgumentException e) {
      System.err.println("conformance: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    } catch (IOException | RuntimeException | Error e) {
      System.err.println("conformance: " + e);
      System.exit(1);
    }
  }

  private void parse(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-j" -> jobs = Integer.parseInt(value(args, ++i, a));
        case "-t" -> timeoutMs = (long) (Double.parseDouble(value(args, ++i, a)) * 1000);
        case "--single" -> single = value(args, ++i, a);
        case "--results" -> results = Path.of(value(args, ++i, a));
        case "--all" -> all = true;
        case "--compile-only" -> compileOnly = true;
        case "-v" -> verbose = true;
        case "--ksh" -> ksh = true;
        case "--dtrace" -> dtrace = value(args, ++i, a);
        default -> {
          if (a.startsWith("-")) {
            throw new IllegalArgumentException("unknown option " + a);
          }
          if (suite == null) {
            suite = Path.of(a).toAbsolutePath().normalize();
          } else {
            categories.add(a);
          }
        }
      }
    }
    if (suite == null) {
      throw new IllegalArgumentException("no suite folder given");
    }
    if (!Files.isDirectory(suite)) {
      throw new IllegalArgumentException(suite + " is not a folder");
    }
    if (jobs < 1) {
      throw new IllegalArgumentException("-j needs at least 1");
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private int run(PrintStream out) throws IOException {
    List<SuiteTest> tests = collect();
    if (results == null) {
      results = Files.createTempDirectory("conformance.");
    }
    Files.createDirectories(results);
    List<Outcome> outcomes = execute(tests);
    Report report = new Report(outcomes, compileOnly);
    report.print(out, verbose);
    report.write(results.resolve("results.tsv"));
    out.println("results: " + results);
    out.println("conformance: " + report.passed() + " passed, " + report.failed() + " failed");
    return 0;
  }

  private List<SuiteTest> collect() throws IOException {
    List<Path> folders = new ArrayList<>();
    if (categories.isEmpty()) {
      try (Stream<Path> s = Files.list(suite)) {
        s.filter(Files::isDirectory).sorted().forEach(folders::add);
      }
    } else {
      for (String c : categories) {
        Path p = suite.resolve(c);
        if (!Files.isDirectory(p)) {
          throw new IllegalArgumentException("no category " + c + " in " + suite);
        }
        folders.add(p);
      }
    }
    List<SuiteTest> tests = new ArrayList<>();
    for (Path folder : folders) {
      String category = suite.relativize(folder).toString();
      List<Path> files;
      try (Stream<Path> s = Files.walk(folder)) {
        files = s.filter(Files::isRegularFile)
            .filter(p -> SuiteTest.wanted(p.getFileName().toString())).sorted().toList();
      }
      for (Path f : files) {
        String source = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        tests.add(SuiteTest.of(f, category, source));
      }
    }
    return tests;
  }

  private List<Outcome> execute(List<SuiteTest> tests) throws IOException {
    BlockingQueue<Runner> pool = new ArrayBlockingQueue<>(jobs);
    String cp = snapshot(System.getProperty("java.class.path"));
    List<String> jvm = List.of("-XX:+UseSerialGC", "-Xss16m", "-Xmx2g", "-XX:-UsePerfData",
        "-Djna.tmpdir=" + results.resolve("jna"));
    for (int i = 0; i < jobs; i++) {
      pool.add(single != null ? new ProcessRunner(single, cp) : new BatchWorker(cp, jvm));
    }
    Path work = Files.createDirectories(results.resolve("work"));
    Judge.Shell shell = new Judge.Shell("ksh", dtrace, cp);
    ExecutorService exec = Executors.newFixedThreadPool(jobs);
    AtomicInteger done = new AtomicInteger();
    int toRun = (int) tests.stream().filter(this::runs).count();
    List<Future<Outcome>> futures = new ArrayList<>();
    for (SuiteTest t : tests) {
      if (!runs(t)) {
        futures.add(java.util.concurrent.CompletableFuture.completedFuture(Outcome.skipped(t, ksh)));
        continue;
      }
      futures.add(exec.submit(() -> {
        Runner r = pool.take();
        try {
          return new Judge(t, work, results.resolve("failures"), compileOnly, shell)
              .run(r, timeoutMs);
        } finally {
          pool.put(r);
          int n = done.incrementAndGet();
          if (n % 100 == 0) {
            System.err.println("conformance: " + n + "/" + toRun + " run");
          }
        }
      }));
    }
    List<Outcome> outcomes = new ArrayList<>();
    try {
      for (Future<Outcome> f : futures) {
        outcomes.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException("a test run failed: " + e.getCause(), e.getCause());
    } finally {
      exec.shutdownNow();
      for (Runner r : pool) {
        r.close();
      }
    }
    return outcomes;
  }

  /**
   * Copies the jars of the class path under the results folder, so that a module rebuilt while
   * the suite runs cannot change (or break) the workers halfway.
   */
  private String snapshot(String classpath) throws IOException {
    Path dir = Files.createDirectories(results.resolve("classpath"));
    List<String> copied = new ArrayList<>();
    int i = 0;
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      if (Files.isRegularFile(p)) {
        Path to = dir.resolve((i++) + "-" + p.getFileName());
        Files.copy(p, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        copied.add(to.toString());
      } else {
        copied.add(entry);
      }
    }
    return String.join(java.io.File.pathSeparator, copied);
  }

  private boolean runs(SuiteTest t) {
    if (t.shell() && (!ksh || compileOnly)) {
      return false;
    }
    if (compileOnly && t.kind() != SuiteTest.Kind.TST) {
      return false;
    }
    return all || t.scope() == SuiteTest.Scope.INDEPENDENT;
  }

  static List<String> argsOf(SuiteTest t, boolean compileOnly) {
    List<String> args = new ArrayList<>();
    if (t.kind() == SuiteTest.Kind.ERR_TAG) {
      args.add("-xerrtags");
    }
    if (t.kind() == SuiteTest.Kind.DRP) {
      args.add("-xdroptags");
    }
    if (compileOnly) {
      args.add("-e");
    }
    args.addAll(Arrays.asList("-C", "-s", t.file().getFileName().toString()));
    return args;
  }
}

package org.hypertrace.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hypertrace.api.compile.CompileRequest;
import org.hypertrace.api.compile.CompileResult;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DCompiler;
import org.hypertrace.api.compile.DErrorTag;
import org.hypertrace.api.engine.DTraceEngine;
import org.hypertrace.api.engine.TraceOutput;
import org.hypertrace.api.engine.TraceSession;
import org.hypertrace.api.engine.TraceStats;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.program.Statement;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.cli.remote.NoDaemon;
import org.hypertrace.cli.remote.RemoteTracing;

/** Test doubles of the compiler and the engine with just enough behaviour for the CLI logic. */
final class Fakes {
  private Fakes() {}

  /**
   * A compiler that reads the probe descriptions before the first brace or slash, fails with
   * D_SYNTAX at line 2 on "@@", throws a RuntimeException on "BUG", and keeps the last request.
   */
  static final class Compiler implements DCompiler {
    final List<CompileRequest> requests = new ArrayList<>();

    @Override
    public CompileResult compile(CompileRequest r) throws DCompileException {
      requests.add(r);
      String src = r.source();
      if (src.contains("@@")) {
        throw new DCompileException(DErrorTag.D_SYNTAX, r.fileName(), 2,
            "syntax error near \"@@\"");
      }
      if (src.contains("BUG")) {
        throw new NullPointerException("boom\nsecond line");
      }
      src = src.replaceAll("(?s)/\\*.*?\\*/", " ");
      int end = src.length();
      for (int i = 0; i < src.length(); i++) {
        if (src.charAt(i) == '{' || src.charAt(i) == '/') {
          end = i;
          break;
        }
      }
      List<Statement> st = new ArrayList<>();
      for (String d : src.substring(0, end).split(",")) {
        if (!d.isBlank()) {
          st.add(new Statement(desc(d.trim()), null, List.of(), 0));
        }
      }
      Map<String, String> opts = src.contains("quietly") ? Map.of("quiet", "") : Map.of();
      return new CompileResult(new DProgram(st, opts, new byte[0]), List.of());
    }

    @Override
    public String disassemble(DProgram program) {
      return "DIFO listing\n";
    }
  }

  static ProbeDescription desc(String s) {
    String[] f = s.split(":", -1);
    String[] all = {"", "", "", "", ""};
    for (int i = 0; i < f.length && i < 5; i++) {
      all[5 - f.length + i] = f[i];
    }
    return new ProbeDescription(all[0], all[1], all[2], all[3], all[4]);
  }

  /** An engine offering dtrace:::BEGIN/END/ERROR and profile:::tick-1s. */
  static final class Engine implements DTraceEngine {
    final List<ProbeInfo> probes = List.of(
        new ProbeInfo(1, "dtrace", "", "", "BEGIN", List.of()),
        new ProbeInfo(2, "dtrace", "", "", "END", List.of()),
        new ProbeInfo(3, "dtrace", "", "", "ERROR", List.of()),
        new ProbeInfo(4, "profile", "", "", "tick-1s", List.of()));
    DProgram opened;
    Map<String, String> options;
    int status;
    final List<ProbeProvider> used = new ArrayList<>();

    @Override
    public void useProvider(ProbeProvider p) {
      used.add(p);
    }

    @Override
    public List<ProbeInfo> probes(ProbeDescription p) {
      return probes.stream().filter(i -> glob(p.provider(), i.provider())
          && glob(p.module(), i.module()) && glob(p.function(), i.function())
          && glob(p.name(), i.name())).toList();
    }

    @Override
    public TraceSession open(DProgram program, Map<String, String> opts, TraceOutput out) {
      opened = program;
      options = opts;
      return new Session(out, status);
    }
  }

  static boolean glob(String pattern, String s) {
    return pattern.isEmpty() || s.matches(pattern.replace("*", ".*").replace("?", "."));
  }

  /** A session that prints one record at go() and the aggregation banner at stop(). */
  static final class Session implements TraceSession {
    private final TraceOutput out;
    private final int status;
    private boolean ended;

    Session(TraceOutput out, int status) {
      this.out = out;
      this.status = status;
    }

    @Override
    public void go() {
      out.out("hello\n");
      stop();
    }

    @Override
    public synchronized void stop() {
      if (!ended) {
        out.out("\n");
        ended = true;
      }
    }

    @Override
    public synchronized boolean awaitEnd(long millis) {
      return ended;
    }

    @Override
    public int exitStatus() {
      return status;
    }

    @Override
    public TraceStats stats() {
      return new TraceStats(0, 0, 0, 0);
    }

    @Override
    public void close() {
      stop();
    }
  }

  /** A provider with one probe, syscall::read:entry. */
  static final class Syscalls implements ProbeProvider {
    @Override
    public String name() {
      return "syscall";
    }

    @Override
    public List<ProbeInfo> probes(ProbeDescription p) {
      ProbeInfo read = new ProbeInfo(200, "syscall", "", "read", "entry", List.of());
      boolean m = glob(p.provider(), "syscall") && glob(p.module(), "")
          && glob(p.function(), "read") && glob(p.name(), "entry");
      return m ? List.of(read) : List.of();
    }

    @Override
    public Enabling enable(List<ProbeInfo> probes, ProbeListener listener) {
      return () -> { };
    }
  }

  /** Services made of the fakes. */
  static class Svc implements Services {
    final Compiler compiler = new Compiler();
    final Engine engine = new Engine();
    RemoteTracing remote = new NoDaemon();
    int providerLoads;

    @Override
    public DCompiler compiler() {
      return compiler;
    }

    @Override
    public DTraceEngine engine() {
      return engine;
    }

    @Override
    public List<ProbeProvider> providers() {
      providerLoads++;
      return List.of(new Syscalls());
    }

    @Override
    public RemoteTracing remote() {
      return remote;
    }
  }
}

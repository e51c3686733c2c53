package org.hypertrace.shell.trace;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.hypertrace.api.compile.CompileRequest;
import org.hypertrace.api.compile.CompileResult;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DCompiler;
import org.hypertrace.api.engine.DTraceEngine;
import org.hypertrace.api.engine.TraceOutput;
import org.hypertrace.api.engine.TraceSession;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.program.Statement;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.types.LinkException;
import org.hypertrace.api.types.ProgramLinker;
import org.hypertrace.api.types.TypeRegistry;

/**
 * {@code dtrace:run} and {@code dtrace:list} in the daemon's shell: compile with the compiler
 * service in force, run in the engine, stream output into the shell session as it is produced.
 */
public final class ShellTrace {
  private ShellTrace() {}

  /**
   * Compiles and runs a D program until it exits or the time is up (then as on SIGINT: END runs
   * and aggregations print).
   *
   * @param compiler the compiler
   * @param engine   the engine
   * @param source   the D program ({@code -n}-style text)
   * @param seconds  how long at most, 0 for until exit()
   * @param out      the shell's output
   * @return the exit status
   * @throws IllegalArgumentException with dtrace's message when compilation or enabling fails
   * @throws InterruptedException when the shell interrupts the command
   */
  public static int run(DCompiler compiler, DTraceEngine engine, String source, long seconds,
      PrintStream out) throws InterruptedException {
    return run(compiler, engine, null, null, source, seconds, out);
  }

  /**
   * As {@link #run(DCompiler, DTraceEngine, String, long, PrintStream)}, linking a program that
   * reads kernel structures against the host's types first (the engine runs plain DIF).
   *
   * @param linker the program linker, or null
   * @param types  the type registry, or null
   */
  public static int run(DCompiler compiler, DTraceEngine engine, ProgramLinker linker,
      TypeRegistry types, String source, long seconds, PrintStream out)
      throws InterruptedException {
    CompileResult r;
    try {
      r = compiler.compile(new CompileRequest(source, null, CompileRequest.Context.PROGRAM,
          List.of("dtrace"), Map.of(), false, List.of(), false));
    } catch (DCompileException e) {
      throw new IllegalArgumentException("dtrace: invalid probe specifier " + source + ": "
          + e.getMessage());
    }
    for (String w : r.warnings()) {
      out.println("dtrace: " + w);
    }
    TraceOutput sink = new TraceOutput() {
      @Override
      public void out(CharSequence text) {
        out.print(text);
        out.flush();
      }

      @Override
      public void err(CharSequence text) {
        out.print(text);
        out.flush();
      }
    };
    DProgram prog = r.program();
    if (hasSites(prog)) {
      if (linker == null || types == null) {
        throw new IllegalArgumentException("dtrace: the program reads kernel structures: the "
            + (linker == null ? "linker" : "guest-types") + " bundle is not active");
      }
      try {
        prog = linker.link(prog, types.host());
      } catch (LinkException | RuntimeException e) {
        throw new IllegalArgumentException("dtrace: cannot link against this kernel's types: "
            + e.getMessage());
      }
    }
    TraceSession s = engine.open(prog, Map.of(), sink);
    try {
      s.go();
      if (!s.awaitEnd(seconds * 1000)) {
        s.stop();
      }
      return s.exitStatus();
    } finally {
      s.close();
    }
  }

  private static boolean hasSites(DProgram p) {
    for (Statement st : p.statements()) {
      List<DifObject> all = new java.util.ArrayList<>();
      if (st.predicate() != null) {
        all.add(st.predicate());
      }
      st.actions().forEach(a -> {
        if (a.difo() != null) {
          all.add(a.difo());
        }
      });
      for (DifObject d : all) {
        if (d.relocations() != null && !d.relocations().isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * @param engine  the engine
   * @param pattern provider:module:function:name with globs, or "" for all
   * @return the listing as {@code dtrace -l} prints it
   */
  public static String list(DTraceEngine engine, String pattern) {
    String[] f = pattern.isEmpty() ? new String[0] : pattern.split(":", -1);
    String[] d = {"", "", "", ""};
    System.arraycopy(f, 0, d, 4 - Math.min(4, f.length), Math.min(4, f.length));
    StringBuilder sb = new StringBuilder(String.format("%5s %10s %17s %33s %s%n", "ID",
        "PROVIDER", "MODULE", "FUNCTION", "NAME"));
    for (ProbeInfo p : engine.probes(new ProbeDescription("", d[0], d[1], d[2], d[3]))) {
      sb.append(String.format("%5d %10s %17s %33s %s%n", p.id(), p.provider(), p.module(),
          p.function(), p.name()));
    }
    return sb.toString();
  }
}

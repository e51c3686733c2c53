package org.hypertrace.engine;

import static org.hypertrace.api.dtrace.DTraceConstants.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifType;
import org.hypertrace.api.engine.TraceOutput;
import org.hypertrace.api.program.ActionDescription;
import org.hypertrace.api.program.AggregationDescription;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.program.Statement;

/** Test-side program builder laying actions out as bundles/compiler/CONTRACT.md says. */
public final class Prog {
  private final List<Statement> stmts = new ArrayList<>();
  private final Map<String, String> options = new java.util.HashMap<>();
  private final List<ActionDescription> acts = new ArrayList<>();
  private int clause;

  /** Captures what a session prints. */
  public static final class Capture implements TraceOutput {
    public final StringBuilder out = new StringBuilder();
    public final StringBuilder err = new StringBuilder();

    @Override public synchronized void out(CharSequence t) {
      out.append(t);
    }

    @Override public synchronized void err(CharSequence t) {
      err.append(t);
    }
  }

  public Prog option(String name, String v) {
    options.put(name, v);
    return this;
  }

  public Prog printf(String fmt, DifObject... args) {
    if (args.length == 0) {
      acts.add(new ActionDescription(DTRACEACT_PRINTF, DifAsm.constant(0, DifType.INT64), 0, 0,
          0, fmt, null));
    }
    for (int i = 0; i < args.length; i++) {
      acts.add(new ActionDescription(DTRACEACT_PRINTF, args[i], 0, 0, 0, i == 0 ? fmt : null,
          null));
    }
    return this;
  }

  public Prog trace(DifObject d) {
    acts.add(new ActionDescription(DTRACEACT_DIFEXPR, d, 0, 0, 0, null, null));
    return this;
  }

  public Prog action(int kind, DifObject d, long arg) {
    acts.add(new ActionDescription(kind, d, 0, arg, 0, null, null));
    return this;
  }

  public Prog exit(int status) {
    acts.add(new ActionDescription(DTRACEACT_EXIT, DifAsm.constant(status, DifAsm.INT), 0, 0, 0,
        null, null));
    return this;
  }

  /** {@code @name[keys] = fn(value)}; keyTypes from the key objects. */
  public Prog agg(int id, String name, int fn, long arg, DifObject value, DifObject incr,
      DifObject... keys) {
    acts.add(new ActionDescription(DTRACEACT_DIFEXPR, DifAsm.constant(id, DifType.INT64), 0, 0,
        0, null, null));
    List<DifType> kt = new ArrayList<>();
    for (DifObject k : keys) {
      acts.add(new ActionDescription(DTRACEACT_DIFEXPR, k, 0, 0, 0, null, null));
      kt.add(k.returnType());
    }
    if (incr != null) {
      acts.add(new ActionDescription(DTRACEACT_DIFEXPR, incr, 0, 0, 0, null, null));
    }
    int n = 1 + keys.length + (incr != null ? 1 : 0);
    acts.add(new ActionDescription(fn, value, n, arg, id, null,
        new AggregationDescription(id, name, fn, kt)));
    return this;
  }

  public Prog printa(String fmt, int... ids) {
    for (int i = 0; i < ids.length; i++) {
      acts.add(new ActionDescription(DTRACEACT_PRINTA, DifAsm.constant(ids[i], DifType.INT64), 0,
          0, ids[i], i == 0 ? fmt : null, null));
    }
    return this;
  }

  /** Ends the current clause and binds it to a probe name (dtrace:::NAME or tick-N ...). */
  public Prog clause(String provider, String name, DifObject predicate) {
    stmts.add(new Statement(new ProbeDescription("", provider, "", "", name), predicate,
        List.copyOf(acts), clause++));
    acts.clear();
    return this;
  }

  public Prog clause(String name) {
    return clause("", name, null);
  }

  public DProgram build() {
    return new DProgram(List.copyOf(stmts), Map.copyOf(options), new byte[0]);
  }

  /** Runs the program to its end (exit or stop after BEGIN) and returns what it printed. */
  public Capture run(Map<String, String> opts) throws InterruptedException {
    Capture c = new Capture();
    try (var s = new HyperTraceEngine().open(build(), opts, c)) {
      s.go();
      if (!s.awaitEnd(5000)) {
        s.stop();
      }
    }
    return c;
  }

  public Capture run() throws InterruptedException {
    return run(Map.of());
  }
}

package org.hypertrace.engine;

import static org.hypertrace.api.dtrace.DTraceConstants.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifVariable;
import org.hypertrace.api.engine.TraceOutput;
import org.hypertrace.api.engine.TraceSession;
import org.hypertrace.api.engine.TraceStats;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.Statement;
import org.hypertrace.api.provider.ProbeContext;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.engine.agg.Aggregation;
import org.hypertrace.engine.consume.AggregationPrinter;
import org.hypertrace.engine.consume.RecordPrinter;
import org.hypertrace.engine.consume.StackPrinter;
import org.hypertrace.engine.consume.SymbolCache;
import org.hypertrace.engine.prov.DTraceProvider;
import org.hypertrace.engine.prov.SimpleContext;
import org.hypertrace.engine.spec.Speculations;
import org.hypertrace.engine.vars.TupleKey;
import org.hypertrace.engine.vars.VariableLayout;
import org.hypertrace.engine.vars.VariableSpace;
import org.hypertrace.engine.vm.DifInterpreter;
import org.hypertrace.engine.vm.DifSubroutines;
import org.hypertrace.engine.vm.DifValidator;
import org.hypertrace.engine.vm.Difo;
import org.hypertrace.engine.vm.FiringContext;
import org.hypertrace.engine.vm.MachineState;

/**
 * A running program: the life of a {@code dtrace_hdl_t} from {@code dtrace_program_exec} to
 * {@code dtrace_close}, with the kernel's {@code dtrace_probe} (ECB loop, predicate, actions,
 * fault handling) and the consumer's record handling (dt_consume.c, dtrace.c's chew/chewrec)
 * joined: records are formatted when their firing commits, in firing order, which is the order
 * one consumer CPU sees.
 *
 * <p>Invariants:
 * <ol>
 *   <li>one lock serializes firings (the machine state is shared);</li>
 *   <li>a fault abandons the enabled probe's records (as an uncommitted buffer reservation),
 *       prints dtrace's error line and fires {@code dtrace:::ERROR};</li>
 *   <li>after {@code exit()} no probe but END fires; END then the final aggregation print run
 *       once, in {@link #stop()}.</li>
 * </ol>
 */
final class Session implements TraceSession {
  private static final int CREATED = 0;
  private static final int ACTIVE = 1;
  private static final int ENDING = 2;
  private static final int STOPPED = 3;

  final Options options;
  private final TraceOutput output;
  final boolean destructive;
  final int strsize;
  boolean quiet;

  final MachineState ms;
  final VariableSpace vars;
  final FiringContext fc = new FiringContext();
  /**
   * Option set by the host's HyperTrace runner: the program keeps its relocation sites and each
   * target's relocated version is added with {@link #link}.
   */
  public static final String PER_TARGET = TraceSession.OPTION_PER_TARGET;
  private final boolean perTarget;
  private final DProgram program;
  final DifInterpreter vm;
  private final Map<DifObject, Difo> difos = new IdentityHashMap<>();
  final Map<Integer, Aggregation> aggs = new TreeMap<>();
  final Speculations specs;
  final AggregationPrinter aggPrinter = new AggregationPrinter();
  /** The symbols of the pcs firings carried, and the printer of stacks and sym-like records. */
  final StackPrinter stacks = new StackPrinter(new SymbolCache());
  /** Whether aggregation keys that look like kernel addresses have their symbols learnt. */
  boolean printaAddr;
  private final TupleKey aggKey = new TupleKey();

  private final Map<ProbeProvider, Binding> bindings = new HashMap<>();
  private Ecb[] begin = new Ecb[0];
  private Ecb[] end = new Ecb[0];
  private Ecb[] error = new Ecb[0];
  private final ProbeInfo errorProbe;
  private final List<ProbeProvider.Enabling> enablings = new ArrayList<>();
  private final SimpleContext consumerCtx = SimpleContext.consumer();
  private final SimpleContext errorCtx = SimpleContext.consumer();

  private final FiringLock lock = new FiringLock();
  /** The probe whose description {@link #fc} holds (null after ERROR replaced it). */
  private ProbeInfo described;
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile int state = CREATED;
  private boolean exitPending;
  private int exitStatus;
  private boolean heading;
  private boolean inError;

  final StringBuilder out = new StringBuilder();
  private final StringBuilder err = new StringBuilder();
  final StringBuilder rec = new StringBuilder();
  private String pendingCommit;
  private long firings;
  private long errors;
  private long dblErrors;
  private long bytesOut;
  private long reportedDyn;
  private long reportedSpec;
  private long reportedUnavail;
  private long reportedDbl;
  private final ActionRunner runner;
  private final int policy;
  private final long bufsize;
  private long used;
  private boolean filled;
  private final java.util.ArrayDeque<Integer> ringSizes = new java.util.ArrayDeque<>();
  private final java.util.ArrayDeque<Integer> ringMark = new java.util.ArrayDeque<>();

  /** A provider's probes with their enabled probes, indexed by probe id. */
  final class Binding implements ProbeListener {
    final ProbeProvider provider;
    final Map<Integer, ProbeInfo> infos = new HashMap<>();
    Ecb[][] byId = new Ecb[16][];

    Binding(ProbeProvider p) {
      provider = p;
    }

    void add(ProbeInfo p, Ecb e) {
      int id = p.id();
      if (id >= byId.length) {
        byId = java.util.Arrays.copyOf(byId, Math.max(id + 1, byId.length * 2));
      }
      Ecb[] cur = byId[id];
      Ecb[] n = cur == null ? new Ecb[1] : java.util.Arrays.copyOf(cur, cur.length + 1);
      n[n.length - 1] = e;
      byId[id] = n;
      infos.put(id, p);
    }

    @Override public void fire(int probeId, ProbeContext context) {
      Ecb[][] t = byId;
      if (probeId < 0 || probeId >= t.length || t[probeId] == null) {
        return;
      }
      Session.this.fire(t[probeId], context);
    }

    @Override public java.util.List<org.hypertrace.api.provider.MemoryCapture> captures(
        int probeId) {
      Ecb[][] t = byId;
      if (probeId < 0 || probeId >= t.length || t[probeId] == null) {
        return java.util.List.of();
      }
      List<DifObject> objects = new ArrayList<>();
      for (Ecb e : t[probeId]) {
        objects.addAll(difObjects(e.statement));
      }
      return org.hypertrace.engine.vm.MemoryCaptures.of(objects);
    }

    @Override public int stacks(int probeId) {
      Ecb[][] t = byId;
      int m = 0;
      if (probeId >= 0 && probeId < t.length && t[probeId] != null) {
        for (Ecb e : t[probeId]) {
          m |= e.stacks;
        }
      }
      return m;
    }

    @Override public void dropped(int cpu, long count) {
      lock.lock();
      try {
        err.append("dtrace: ");
        if (options.isSet("droptags")) {
          err.append("[DTRACEDROP_PRINCIPAL] ");
        }
        err.append(count).append(" drop").append(count > 1 ? "s" : "").append(" on CPU ")
            .append(cpu).append('\n');
        flush();
      } finally {
        lock.unlock();
      }
    }
  }

  Session(DProgram program, Map<String, String> overrides, TraceOutput output,
      List<ProbeProvider> providers) {
    this.output = output;
    this.program = program;
    this.options = new Options(program.options(), overrides);
    this.quiet = options.isSet("quiet");
    this.destructive = options.isSet("destructive");
    this.perTarget = options.isSet(PER_TARGET);
    this.strsize = (int) Math.max(1, Math.min(options.size("strsize", 256), 1 << 20));
    String bp = options.get("bufpolicy");
    this.policy = "fill".equals(bp) ? DTRACEOPT_BUFPOLICY_FILL
        : "ring".equals(bp) ? DTRACEOPT_BUFPOLICY_RING : DTRACEOPT_BUFPOLICY_SWITCH;
    this.bufsize = options.size("bufsize", 4 << 20);
    aggPrinter.sortKey = options.isSet("aggsortkey");
    aggPrinter.zoom = options.isSet("aggzoom");
    aggPrinter.hist = options.isSet("agghist");
    aggPrinter.pack = options.isSet("aggpack");
    aggPrinter.utf8Bars = "utf8".equals(options.get("encoding"));
    String enc = options.get("encoding");
    String term = System.getenv("TERM");
    aggPrinter.utf8 = enc != null ? enc.equals("utf8")
        : !("sun".equals(term) || "sun-color".equals(term) || "dumb".equals(term));
    aggPrinter.sortRev = options.isSet("aggsortrev");
    aggPrinter.sortKeyPos = (int) options.number("aggsortkeypos", 0);
    aggPrinter.sortPos = (int) options.number("aggsortpos", 0);
    aggPrinter.stacks = stacks;
    stacks.indent = (int) options.number("stackindent", StackPrinter.STACK_INDENT);

    // Validate every DIF object once, lay their string tables out in the constant region and
    // collect the variables they declare.
    VariableLayout layout = new VariableLayout(strsize);
    java.io.ByteArrayOutputStream consts = new java.io.ByteArrayOutputStream();
    consts.write(0);
    Map<DifObject, Integer> strOff = new IdentityHashMap<>();
    for (Statement s : program.statements()) {
      List<DifObject> all = new ArrayList<>();
      if (s.predicate() != null) {
        all.add(s.predicate());
      }
      s.actions().forEach(a -> {
        if (a.difo() != null) {
          all.add(a.difo());
        }
      });
      for (DifObject d : all) {
        if (strOff.containsKey(d)) {
          continue;
        }
        DifValidator.validate(d, destructive, perTarget);
        strOff.put(d, consts.size());
        if (d.strTab() != null) {
          consts.writeBytes(d.strTab());
        }
        consts.write(0);
        if (d.varTab() != null) {
          for (DifVariable v : d.varTab()) {
            layout.declare(v);
          }
        }
      }
    }
    layout.finish(DifSubroutines.NSLOTS, options.size("dynvarsize", 1 << 20));
    int scratch = Math.max(64 * 1024, 8 * (strsize + 16));
    // the writable region starts 8-aligned, so that variables and dynamic chunks are: an 8-byte
    // load or store that straddles a cache line costs several times an aligned one
    while (consts.size() % 8 != 0) {
      consts.write(0);
    }
    this.ms = new MachineState(consts.toByteArray(), layout.size(), scratch, strsize);
    this.vars = new VariableSpace(ms, layout);
    this.vm = new DifInterpreter(ms, vars, fc);
    ms.foreignSource(fc);
    if (options.get(TraceSession.OPTION_NODE_NAME) != null) {
      vm.subroutines().hostNodeName(options.get(TraceSession.OPTION_NODE_NAME));
    }
    this.specs = new Speculations((int) options.number("nspec", 1),
        options.size("specsize", 32 * 1024));
    vm.subroutines().setSpeculationSource(specs::speculation);
    for (Map.Entry<DifObject, Integer> e : strOff.entrySet()) {
      difos.put(e.getKey(), new Difo(e.getKey(), e.getValue()));
    }
    this.runner = new ActionRunner(this);
    this.errorProbe = new DTraceProvider().probes(
        new org.hypertrace.api.program.ProbeDescription("", "dtrace", "", "", "ERROR")).get(0);
    bind(program, providers);
  }

  /** The predicate and action DIF objects of a statement. */
  static List<DifObject> difObjects(Statement s) {
    List<DifObject> all = new ArrayList<>();
    if (s.predicate() != null) {
      all.add(s.predicate());
    }
    s.actions().forEach(a -> {
      if (a.difo() != null) {
        all.add(a.difo());
      }
    });
    return all;
  }

  @Override public void link(String target, DProgram relocated) {
    if (!perTarget) {
      throw new IllegalArgumentException("session was not opened for per-target programs");
    }
    List<Statement> base = program.statements();
    List<Statement> rel = relocated.statements();
    if (base.size() != rel.size()) {
      throw new IllegalArgumentException("relocated program for " + target + " has "
          + rel.size() + " statements, expected " + base.size());
    }
    Map<Difo, Difo> add = new IdentityHashMap<>();
    for (int i = 0; i < base.size(); i++) {
      List<DifObject> b = difObjects(base.get(i));
      List<DifObject> r = difObjects(rel.get(i));
      if (b.size() != r.size()) {
        throw new IllegalArgumentException("relocated program for " + target + ": statement "
            + i + " has " + r.size() + " DIF objects, expected " + b.size());
      }
      for (int k = 0; k < b.size(); k++) {
        Difo bd = difos.get(b.get(k));
        DifObject rd = r.get(k);
        if (!java.util.Arrays.equals(b.get(k).strTab(), rd.strTab())
            || !java.util.Objects.equals(b.get(k).varTab(), rd.varTab())) {
          throw new IllegalArgumentException("relocated program for " + target + ": statement "
              + i + ", DIF object " + k + " changes its string or variable table");
        }
        try {
          DifValidator.validate(rd, destructive);
        } catch (RuntimeException ex) {
          throw new IllegalArgumentException("relocated program for " + target + ": statement "
              + i + ", DIF object " + k + ": " + ex.getMessage());
        }
        Difo v = new Difo(rd, bd.strOffset());
        v.target(target);
        add.put(bd, v);
      }
    }
    add.forEach((bd, v) -> bd.addVariant(target, v));
  }

  private void bind(DProgram program, List<ProbeProvider> providers) {
    StepBuilder sb = new StepBuilder(difos::get, aggs);
    int epid = 1;
    List<Ecb> b = new ArrayList<>();
    List<Ecb> e = new ArrayList<>();
    List<Ecb> r = new ArrayList<>();
    for (Statement s : program.statements()) {
      Step[] steps = sb.build(s.actions());
      Difo pred = s.predicate() == null ? null : difos.get(s.predicate());
      int matched = 0;
      for (ProbeProvider p : providers) {
        List<ProbeInfo> list = p.probes(s.probe());
        for (ProbeInfo pi : list) {
          Ecb ecb = new Ecb(epid++, pi, s, pred, steps);
          matched++;
          if (p instanceof DTraceProvider) {
            (pi.id() == DTraceProvider.BEGIN ? b : pi.id() == DTraceProvider.END ? e : r)
                .add(ecb);
          } else {
            bindings.computeIfAbsent(p, Binding::new).add(pi, ecb);
          }
        }
      }
      if (matched == 0) {
        throw new IllegalArgumentException("probe description " + s.probe()
            + " does not match any probes");
      }
    }
    printaAddr = sb.printaAddr;
    begin = b.toArray(new Ecb[0]);
    end = e.toArray(new Ecb[0]);
    error = r.toArray(new Ecb[0]);
  }

  // ------------------------------------------------------------------ life cycle

  @Override public void go() {
    lock.lock();
    try {
      if (state != CREATED) {
        return;
      }
      // as dtrace_state_go: enable everything first (firings before BEGIN are ignored, the
      // kernel's WARMUP), so that a provider that cannot enable fails before BEGIN runs
      try {
        for (Binding b : bindings.values()) {
          enablings.add(b.provider.enable(new ArrayList<>(b.infos.values()), b));
        }
      } catch (RuntimeException ex) {
        for (ProbeProvider.Enabling en : enablings) {
          en.close();
        }
        enablings.clear();
        state = STOPPED;
        ended.countDown();
        throw ex;
      }
      state = ACTIVE;
      fire(begin, consumerCtx);
    } finally {
      lock.unlock();
    }
  }

  @Override public void stop() {
    if (!lock.isHeldByCurrentThread()) {
      drainEnablings();
    }
    lock.lock();
    try {
      if (state == STOPPED || state == ENDING) {
        return;
      }
      boolean wasActive = state == ACTIVE;
      state = ENDING;
      for (ProbeProvider.Enabling en : enablings) {
        try {
          en.close();
        } catch (RuntimeException ex) {
          err.append("dtrace: ").append(ex.getMessage()).append('\n');
        }
      }
      if (wasActive) {
        fireAll(end, consumerCtx);
      }
      if (policy == DTRACEOPT_BUFPOLICY_RING && ringSizes.size() > 0) {
        trimRing();
      }
      out.append('\n');
      printUnprinted();
      state = STOPPED;
      flush();
    } finally {
      lock.unlock();
      ended.countDown();
    }
  }

  @Override public boolean awaitEnd(long millis) throws InterruptedException {
    if (millis <= 0) {
      ended.await();
      return true;
    }
    return ended.await(millis, TimeUnit.MILLISECONDS);
  }

  @Override public int exitStatus() {
    return exitStatus;
  }

  /**
   * A stop from outside (SIGINT, the -c process gone, the consumer's KILL) disarms the probes
   * before END, without holding the lock: closing an enabling delivers what its buffers still
   * hold, and those firings must still run while the session is ACTIVE, as dtrace consumes its
   * buffers before END. (exit() stops from a firing thread, which holds the lock: no drain there.)
   */
  private void drainEnablings() {
    List<ProbeProvider.Enabling> open;
    lock.lock();
    try {
      if (state != ACTIVE) {
        return;
      }
      open = new ArrayList<>(enablings);
    } finally {
      lock.unlock();
    }
    StringBuilder failures = new StringBuilder();
    for (ProbeProvider.Enabling en : open) {
      try {
        en.close();
      } catch (RuntimeException ex) {
        failures.append("dtrace: ").append(ex.getMessage()).append('\n');
      }
    }
    lock.lock();
    try {
      enablings.removeAll(open);
      err.append(failures);
    } finally {
      lock.unlock();
    }
  }

  @Override public TraceStats stats() {
    return new TraceStats(firings, vars.drops() + specs.specDrops, errors, bytesOut);
  }

  @Override public void close() {
    stop();
  }

  // ------------------------------------------------------------------ firing

  /**
   * Fires enabled probes: port of {@code dtrace_probe}.
   *
   * @param list the probe's enabled probes
   * @param ctx  the firing context
   */
  void fire(Ecb[] list, ProbeContext ctx) {
    lock.lock();
    try {
      if (state != ACTIVE) {
        return;
      }
      fireAll(list, ctx);
      if (exitPending && state == ACTIVE) {
        exitPending = false;
        if (policy != DTRACEOPT_BUFPOLICY_RING) {
          flush();
        }
        stop();
        return;
      }
      if (policy != DTRACEOPT_BUFPOLICY_RING
          && (out.length() > 0 || err.length() > 0 || vars.drops() != reportedDyn)) {
        flush();
      }
    } finally {
      lock.unlock();
    }
  }

  private void fireAll(Ecb[] list, ProbeContext ctx) {
    // clause-locals live in per-CPU storage that the clauses of one firing share
    vars.resetLocals();
    fc.beginFiring();
    for (Ecb e : list) {
      int st = state;
      if (st == STOPPED || (st == ACTIVE && exitPending)) {
        break;
      }
      firings++;
      fc.reset(ctx, e.probeId);
      if (described != e.probe) {
        // the enabled probes of one probe share its description: set once per run of them
        described = e.probe;
        fc.provider = e.provider;
        fc.module = e.module;
        fc.function = e.function;
        fc.name = e.name;
      }
      try {
        runEcb(e);
      } catch (RuntimeException ex) {
        libraryFault(e, ex);
      }
    }
  }

  /** A bug must not kill the provider's delivery thread: it is reported like a library fault. */
  private void libraryFault(Ecb e, RuntimeException ex) {
    errors++;
    err.append("dtrace: error on enabled probe ID ").append(e.epid).append(" (ID ")
        .append(e.probeId).append(": ").append(e.provider).append(':').append(e.module)
        .append(':').append(e.function).append(':').append(e.name)
        .append("): library-level fault (").append(ex).append(")\n");
  }

  private void runEcb(Ecb e) {
    ms.resetClause();
    ms.clearFault();
    fc.epid = e.epid;
    if (e.predicate != null) {
      long v = vm.run(e.predicate);
      if (ms.fault != 0) {
        fault(e, 0);
        return;
      }
      if (v == 0) {
        return;
      }
    }
    if (rec.length() != 0) {
      rec.setLength(0);
    }
    pendingCommit = null;
    int result = runner.run(e);
    if (result < 0) {
      fault(e, -result);
      return;
    }
    if (e.records && runner.speculation >= 0 && !runner.drop) {
      record(e);
    }
    if (pendingCommit != null) {
      out.append(pendingCommit);
      pendingCommit = null;
    }
    if (runner.exit) {
      exitStatus = runner.exitValue;
      exitPending = true;
    }
  }

  /**
   * Keeps the record of an enabled probe that stores data: in its speculation, or in the
   * principal buffer (out of {@link #runEcb}, which clauses that only aggregate or assign run
   * without it, so that the JIT inlines the small rest).
   */
  private void record(Ecb e) {
    StringBuilder r = new StringBuilder();
    if (!quiet) {
      RecordPrinter.probe(r, fc.ctx == null ? 0 : fc.ctx.cpu(), e.probeId, e.function, e.name);
    }
    r.append(rec);
    if (!quiet) {
      r.append('\n');
    }
    if (runner.speculation > 0) {
      specs.append(runner.speculation, r);
    } else if (reserve(e)) {
      emit(r);
    }
  }

  /**
   * Accounts a record against the principal buffer: port of {@code dtrace_buffer_reserve}'s
   * policies. Records are consumed as they commit, so only "fill" (stop once bufsize is used)
   * and "ring" (keep the newest bufsize bytes until the end) can run out of room.
   *
   * @param e the enabled probe whose record is about to be stored
   * @return whether the record is kept
   */
  private boolean reserve(Ecb e) {
    int size = e.recordSize(strsize);
    if (policy == DTRACEOPT_BUFPOLICY_FILL && state == ACTIVE) {
      if (filled || used + size > bufsize) {
        filled = true;
        exitPending = true;
        return false;
      }
      used += size;
    } else if (policy == DTRACEOPT_BUFPOLICY_RING) {
      ringSizes.addLast(size);
      used += size;
      ringMark.addLast(out.length());
    }
    return true;
  }

  /** Drops the oldest ring records so that the newest bufsize bytes remain. */
  private void trimRing() {
    int drop = 0;
    int dropChars = 0;
    long u = used;
    java.util.Iterator<Integer> it = ringSizes.iterator();
    java.util.Iterator<Integer> mk = ringMark.iterator();
    mk.next();
    while (u > bufsize && it.hasNext()) {
      u -= it.next();
      dropChars = mk.hasNext() ? mk.next() : out.length();
      drop++;
    }
    if (drop > 0) {
      out.delete(0, dropChars);
    }
  }

  /** Appends a committed record to the principal output, with the heading first. */
  void emit(CharSequence r) {
    if (!heading && !quiet) {
      RecordPrinter.heading(out);
    }
    heading = true;
    out.append(r);
  }

  void commit(long id) {
    String s = specs.commit(id);
    if (!s.isEmpty()) {
      if (!heading && !quiet) {
        RecordPrinter.heading(out);
        heading = true;
      }
      pendingCommit = pendingCommit == null ? s : pendingCommit + s;
    }
  }

  // ------------------------------------------------------------------ faults

  private static final String[] FAULTS = {
    "unknown fault", "invalid address", "invalid alignment", "illegal operation",
    "divide-by-zero", "out of scratch space", "invalid kernel access", "invalid user access",
    "tuple stack overflow", "bad stack"
  };

  private void fault(Ecb e, int action) {
    int code = ms.fault;
    long illval = ms.illval;
    int offset = ms.faultPc;
    ms.clearFault();
    errors++;
    if (inError) {
      dblErrors++;
      return;
    }
    String faultstr = code >= 0 && code < FAULTS.length ? FAULTS[code]
        : code == DTRACEFLT_LIBRARY ? "library-level fault" : "unknown fault";
    String details = code == DTRACEFLT_BADADDR || code == DTRACEFLT_BADALIGN
        || code == DTRACEFLT_BADSTACK ? " (0x" + Long.toHexString(illval) + ")" : "";
    String where = action == 0 ? "predicate" : "action #" + action;
    String offinfo = offset != -1 ? " at DIF offset " + offset : "";
    ProbeInfo p = e.probe;
    err.append("dtrace: error on enabled probe ID ").append(e.epid).append(" (ID ")
        .append(p.id()).append(": ").append(p.provider()).append(':').append(p.module())
        .append(':').append(p.function()).append(':').append(p.name()).append("): ")
        .append(faultstr).append(details).append(" in ").append(where).append(offinfo)
        .append('\n');
    if (error.length == 0) {
      return;
    }
    // fire dtrace:::ERROR with the fault record as its arguments, then restore the firing
    ProbeContext savedCtx = fc.ctx;
    String[] names = {fc.provider, fc.module, fc.function, fc.name};
    described = null;
    int savedId = fc.probeId;
    int savedEpid = fc.epid;
    errorCtx.setArg(0, 0);
    errorCtx.setArg(1, e.epid);
    errorCtx.setArg(2, action);
    errorCtx.setArg(3, offset);
    errorCtx.setArg(4, code);
    errorCtx.setArg(5, illval);
    inError = true;
    try {
      for (Ecb x : error) {
        fc.reset(errorCtx, x.probe.id());
        fc.provider = "dtrace";
        fc.module = "";
        fc.function = "";
        fc.name = "ERROR";
        StringBuilder saved = new StringBuilder(rec);
        runEcb(x);
        rec.setLength(0);
        rec.append(saved);
      }
    } finally {
      inError = false;
      fc.reset(savedCtx, savedId);
      fc.provider = names[0];
      fc.module = names[1];
      fc.function = names[2];
      fc.name = names[3];
      fc.epid = savedEpid;
    }
  }

  // ------------------------------------------------------------------ output

  private void flush() {
    reportDrops();
    if (err.length() > 0) {
      output.err(err.toString());
      err.setLength(0);
    }
    if (out.length() > 0) {
      String s = out.toString();
      bytesOut += s.getBytes(StandardCharsets.UTF_8).length;
      output.out(s);
      out.setLength(0);
    }
  }

  /** Port of dt_handle.c's drop messages ({@code _dt_droptab}), with -xdroptags tags. */
  private void reportDrops() {
    reportedDyn = drop("DTRACEDROP_DYNAMIC", vars.drops(), reportedDyn,
        "dynamic variable drop", "");
    reportedSpec = drop("DTRACEDROP_SPEC", specs.specDrops, reportedSpec, "speculative drop", "");
    reportedUnavail = drop("DTRACEDROP_SPECUNAVAIL", specs.unavail, reportedUnavail,
        "failed speculation", " (no speculative buffer available)");
    reportedDbl = drop("DTRACEDROP_DBLERROR", dblErrors, reportedDbl, "error",
        " in ERROR probe enabling");
  }

  private long drop(String tag, long now, long before, String what, String msg) {
    if (now != before) {
      long n = now - before;
      err.append("dtrace: ");
      if (options.isSet("droptags")) {
        err.append('[').append(tag).append("] ");
      }
      err.append(n).append(' ').append(what).append(n > 1 ? "s" : "").append(msg).append('\n');
    }
    return now;
  }

  /** The final print: every aggregation printa() has not printed, sorted as dtrace sorts. */
  private void printUnprinted() {
    List<AggregationPrinter.Entry> all = new ArrayList<>();
    for (Aggregation a : aggs.values()) {
      if (!a.printed) {
        all.addAll(AggregationPrinter.entries(a, stacks));
      }
    }
    all.sort(aggPrinter.comparator());
    aggPrinter.beginWalk();
    for (AggregationPrinter.Entry en : all) {
      aggPrinter.printEntry(out, en);
    }
  }

  TupleKey aggKey() {
    return aggKey;
  }
}

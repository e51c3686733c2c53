package org.hypertrace.dtraced.remote;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.program.ProgramContainer;
import org.hypertrace.api.program.ProgramFormatException;
import org.hypertrace.api.program.Statement;
import org.hypertrace.api.provider.MemoryCapture;
import org.hypertrace.api.provider.ProbeContext;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.api.types.LinkException;
import org.hypertrace.api.types.LoadStep;
import org.hypertrace.dtraced.log.DaemonLog;
import org.hypertrace.dtraced.minion.ProgramRunner;
import org.hypertrace.dtraced.minion.TargetMatcher;

/**
 * The minion's half of HyperTrace mode: for each statement of a program whose target field
 * selects this node, arm what fires it here — BEGIN once, tick-N and profile-N on a timer, every
 * other probe through this node's kernel providers — and send each firing up as a
 * {@link FiringRecord}. The clauses themselves run on the host (END and ERROR too).
 */
public final class FiringCollector implements ProgramRunner {
  private final Supplier<ProgramContainer> container;
  private final Supplier<List<ProbeProvider>> providers;
  private final TargetMatcher matcher;
  private final NodeLinking linking;
  private final Map<String, Active> active = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "minion-timers");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param container the ELF reader in force (null when none)
   * @param providers this node's probe providers
   * @param matcher   this node's target matcher
   */
  public FiringCollector(Supplier<ProgramContainer> container,
      Supplier<List<ProbeProvider>> providers, TargetMatcher matcher) {
    this(container, providers, matcher, NodeLinking.none());
  }

  /**
   * @param container the ELF reader in force (null when none)
   * @param providers this node's probe providers
   * @param matcher   this node's target matcher
   * @param linking   linker, this kernel's types and the engine, for programs that read kernel
   *                  structures
   */
  public FiringCollector(Supplier<ProgramContainer> container,
      Supplier<List<ProbeProvider>> providers, TargetMatcher matcher, NodeLinking linking) {
    this.container = container;
    this.providers = providers;
    this.matcher = matcher;
    this.linking = linking;
  }

  /** What one program armed on this node. */
  private static final class Active {
    final List<ProbeProvider.Enabling> enablings = new ArrayList<>();
    final List<ScheduledFuture<?>> timers = new ArrayList<>();
  }

  @Override
  public void start(Program p, boolean resumed, DataSink sink) {
    ProgramContainer c = container.get();
    if (c == null) {
      DaemonLog.warn("minion: program " + p.identity() + " not run: no ELF reader active");
      return;
    }
    DProgram prog;
    try {
      prog = c.read(p.program());
    } catch (ProgramFormatException e) {
      DaemonLog.warn("minion: program " + p.identity() + " refused: " + e.getMessage());
      return;
    }
    if (NodeLinking.hasSites(prog)) {
      // HyperTrace: link against this kernel's types, return the relocated program for the host
      // to verify (before any firing of it: DATA keeps its order), capture what it reads
      try {
        NodeLinking.Linked l = linking.link(prog);
        prog = l.program();
        sink.emit(p.identity(), FiringRecords.encodeRelocated(l.digest(), c.write(prog)));
      } catch (LinkException e) {
        DaemonLog.warn("minion: program " + p.identity() + " not run: " + e.getMessage());
        return;
      }
    }
    Active a = new Active();
    if (active.putIfAbsent(p.identity(), a) != null) {
      return;
    }
    List<Statement> stmts = prog.statements();
    for (int i = 0; i < stmts.size(); i++) {
      arm(p.identity(), i, stmts.get(i).probe(), linking.captures(stmts.get(i)), resumed, sink,
          a);
    }
  }

  private void arm(String identity, int stmt, ProbeDescription d, List<MemoryCapture> captures,
      boolean resumed, DataSink sink, Active a) {
    if (!d.target().isEmpty() && !matcher.matches(List.of(d.target()))) {
      return;
    }
    boolean dtraceProv = d.provider().isEmpty() || d.provider().equals("dtrace");
    if (RemoteProvider.hostSide(d)) {
      return; // END, ERROR and untargeted ticks run on the host alone
    }
    if (dtraceProv && d.name().equals("BEGIN")) {
      if (!resumed) {
        emit(identity, stmt, null, List.of(), sink);
      }
      return;
    }
    long interval = ProbeRates.intervalNanos(d.name());
    if (interval > 0 && (d.provider().isEmpty() || d.provider().equals("profile"))) {
      a.timers.add(timers.scheduleAtFixedRate(() -> emit(identity, stmt, null, List.of(), sink),
          interval, interval, TimeUnit.NANOSECONDS));
      return;
    }
    ProbeDescription local = new ProbeDescription("", d.provider(), d.module(), d.function(),
        d.name());
    boolean any = false;
    for (ProbeProvider pp : providers.get()) {
      List<ProbeInfo> infos = pp.probes(local);
      if (infos.isEmpty()) {
        continue;
      }
      any = true;
      try {
        a.enablings.add(pp.enable(infos, new ProbeListener() {
          @Override
          public void fire(int probeId, ProbeContext ctx) {
            emit(identity, stmt, ctx, captures, sink);
          }

          @Override
          public List<MemoryCapture> captures(int probeId) {
            return captures;
          }

          @Override
          public void dropped(int cpu, long count) {
            // the kernel ring overflowed here: the host hears of it through the sink's counts
          }
        }));
      } catch (IllegalStateException e) {
        DaemonLog.warn("minion: " + local + ": " + e.getMessage());
      }
    }
    if (!any) {
      DaemonLog.warn("minion: program " + identity + ": " + local + " matches no probe here");
    }
  }

  private static void emit(String identity, int stmt, ProbeContext ctx,
      List<MemoryCapture> captures, DataSink sink) {
    FiringRecord r = new FiringRecord();
    r.statement = stmt;
    if (ctx != null) {
      r.pid = ctx.pid();
      r.tid = ctx.tid();
      r.ppid = ctx.ppid();
      r.uid = ctx.uid();
      r.gid = ctx.gid();
      r.cpu = ctx.cpu();
      r.errno = ctx.errno();
      r.curthread = ctx.curthread();
      for (int i = 0; i < 10; i++) {
        r.args[i] = ctx.arg(i);
      }
      r.execname = ctx.execname() == null ? "" : ctx.execname();
      if (!captures.isEmpty()) {
        copyMemory(ctx, captures, r);
      }
    } else {
      ProcessHandle self = ProcessHandle.current();
      r.pid = (int) self.pid();
      r.execname = "dtraced";
    }
    sink.emit(identity, r.encode());
  }

  /**
   * Walks each capture chain through the firing's captured memory (the probe copied it in the
   * kernel) and puts every step's bytes in the record, for the host's loads to read.
   */
  static void copyMemory(ProbeContext ctx, List<MemoryCapture> captures, FiringRecord r) {
    byte[] buf = new byte[FiringRecord.MAX_MEMORY_BYTES];
    for (MemoryCapture c : captures) {
      long base = c.root() == MemoryCapture.ROOT_CURTHREAD ? ctx.curthread() : ctx.arg(c.root());
      List<LoadStep> steps = c.steps();
      for (int i = 0; i < steps.size(); i++) {
        LoadStep s = steps.get(i);
        long a = base + s.offset();
        int want = (int) Math.min(s.size(), FiringRecord.MAX_MEMORY_BYTES);
        int n = ctx.read(a, buf, 0, want);
        if (n <= 0 || !r.addMemory(a, buf, n)) {
          break;
        }
        if (i + 1 < steps.size()) {
          if (n < 8) {
            break;
          }
          base = ByteBuffer.wrap(buf, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }
      }
    }
  }

  @Override
  public void stop(String identity) {
    Active a = active.remove(identity);
    if (a == null) {
      return;
    }
    a.timers.forEach(f -> f.cancel(false));
    for (ProbeProvider.Enabling e : a.enablings) {
      e.close();
    }
  }

  @Override
  public void close() {
    for (String id : new ArrayList<>(active.keySet())) {
      stop(id);
    }
    timers.shutdownNow();
  }
}

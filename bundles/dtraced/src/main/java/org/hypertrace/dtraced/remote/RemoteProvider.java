package org.hypertrace.dtraced.remote;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.hypertrace.api.engine.TraceSession;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProgramContainer;
import org.hypertrace.api.program.ProgramFormatException;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.program.Statement;
import org.hypertrace.api.provider.ProbeContext;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.api.transport.DataListener;
import org.hypertrace.api.types.ProgramLinker;
import org.hypertrace.api.types.ProgramRejectedException;
import org.hypertrace.api.types.TargetTypes;
import org.hypertrace.api.types.TypeRegistry;
import org.hypertrace.dtraced.log.DaemonLog;

/**
 * The host's half of HyperTrace mode: the probes of a {@code dtrace -E} program fire in minions,
 * and their firings arrive here as DATA. {@link #register} rewrites each statement's probe
 * description (all but dtrace:::END and ERROR, which stay on the host) into this provider's
 * namespace, so that the host engine binds it here and nowhere else; firings then reach the
 * engine with the minion's node name as {@code vmname} and the host's clock.
 */
public final class RemoteProvider implements ProbeProvider, DataListener {
  /** Provider names of rewritten descriptions start with this; no real provider does. */
  static final String PREFIX = "hypertrace-remote.";
  private static final int FIRST_ID = 100_000;

  /** One registered program. */
  private static final class Remote {
    final String identity;
    final DProgram original;
    final int[] ids;
    /** Whether the program reads kernel structures: each node must return it relocated. */
    final boolean sites;
    volatile ProbeListener listener;
    volatile TraceSession session;
    volatile Consumer<String> notice = m -> { };
    /** Nodes whose relocated program was verified and linked into the session. */
    final Set<String> linked = ConcurrentHashMap.newKeySet();
    /** Nodes whose relocated program was rejected, or whose firings came without one. */
    final Set<String> refused = ConcurrentHashMap.newKeySet();

    Remote(String identity, DProgram original, int[] ids) {
      this.identity = identity;
      this.original = original;
      this.ids = ids;
      this.sites = NodeLinking.hasSites(original);
    }
  }

  private volatile Supplier<ProgramContainer> container = () -> null;
  private volatile Supplier<ProgramLinker> linker = () -> null;
  private volatile Supplier<TypeRegistry> types = () -> null;

  /**
   * @param container the ELF reader in force, to read relocated programs
   * @param linker    the linker in force, to verify them
   * @param types     the type registry, for the nodes' types when the host has them
   */
  public void setVerification(Supplier<ProgramContainer> container,
      Supplier<ProgramLinker> linker, Supplier<TypeRegistry> types) {
    this.container = container;
    this.linker = linker;
    this.types = types;
  }

  /**
   * Attaches the host session running a registered program, before it goes: relocated programs
   * that nodes return are linked into it.
   *
   * @param identity the program identity
   * @param session  its session
   * @param notice   where to tell the user about a node whose program was refused
   */
  public void attach(String identity, TraceSession session, Consumer<String> notice) {
    Remote r = programs.get(identity);
    if (r != null) {
      r.session = session;
      r.notice = notice;
    }
  }

  /** @return whether the registered program reads kernel structures (is linked per node) */
  public boolean perNode(String identity) {
    Remote r = programs.get(identity);
    return r != null && r.sites;
  }

  /** DATA from a node, held until its program is enabled. */
  private record Early(String node, byte[] bytes) {}

  /** Identities of sub.sock programs: only those can still be on their way to enable. */
  private static final Pattern SUB_IDENTITY = Pattern.compile("[0-9a-f]{32}");

  private final Map<String, Remote> programs = new ConcurrentHashMap<>();
  private final Map<Integer, Remote> byProbeId = new ConcurrentHashMap<>();
  /**
   * DATA that arrived before its program's clauses were enabled on the host (a minion's BEGIN
   * can beat the host's own start): kept, bounded, and replayed at enable.
   */
  private final Map<String, List<Early>> early = new ConcurrentHashMap<>();
  private final AtomicInteger earlyCount = new AtomicInteger();
  private static final int EARLY_MAX = 10_000;
  private final Map<String, Long> drops = new ConcurrentHashMap<>();
  private final AtomicInteger nextId = new AtomicInteger(FIRST_ID);

  @Override
  public String name() {
    return "hypertrace-remote";
  }

  /**
   * @param identity the program identity (hex, as the spool names it)
   * @param program  the program as compiled
   * @return the program the host engine runs: probe descriptions bound to this provider
   */
  public DProgram register(String identity, DProgram program) {
    List<Statement> out = new ArrayList<>();
    List<Statement> stmts = program.statements();
    int[] ids = new int[stmts.size()];
    for (int i = 0; i < stmts.size(); i++) {
      Statement s = stmts.get(i);
      ids[i] = nextId.getAndIncrement();
      if (hostSide(s.probe())) {
        out.add(s);
      } else {
        out.add(new Statement(new ProbeDescription("", PREFIX + identity + "." + i, "", "", ""),
            s.predicate(), s.actions(), s.clause()));
      }
    }
    Remote r = new Remote(identity, program, ids);
    programs.put(identity, r);
    for (int id : ids) {
      byProbeId.put(id, r);
    }
    return new DProgram(out, program.options(), program.identity());
  }

  /** @param identity a program that ended */
  public void unregister(String identity) {
    Remote r = programs.remove(identity);
    if (r != null) {
      for (int id : r.ids) {
        byProbeId.remove(id);
      }
    }
    List<Early> pending = early.remove(identity);
    if (pending != null) {
      earlyCount.addAndGet(-pending.size());
    }
    drops.keySet().removeIf(k -> k.endsWith("|" + identity));
  }

  /**
   * Statements the host runs on its own: END, ERROR, and a tick-N without a target — DTrace's
   * tick fires on one CPU only, so in HyperTrace it fires once, on the host (profile-N, which
   * fires on every CPU, fires on every node; a targeted tick fires where its target says).
   */
  static boolean hostSide(ProbeDescription d) {
    return (d.provider().isEmpty() || d.provider().equals("dtrace"))
        && (d.name().equals("END") || d.name().equals("ERROR")) || untargetedTick(d);
  }

  /** @return whether d is a tick-N probe without a target field */
  static boolean untargetedTick(ProbeDescription d) {
    return d.target().isEmpty() && (d.provider().isEmpty() || d.provider().equals("profile"))
        && d.name().startsWith("tick-") && ProbeRates.intervalNanos(d.name()) > 0;
  }

  @Override
  public List<ProbeInfo> probes(ProbeDescription pattern) {
    String p = pattern.provider();
    if (!p.startsWith(PREFIX)) {
      return List.of();
    }
    int dot = p.lastIndexOf('.');
    Remote r = dot <= PREFIX.length() ? null : programs.get(p.substring(PREFIX.length(), dot));
    if (r == null) {
      return List.of();
    }
    int i;
    try {
      i = Integer.parseInt(p.substring(dot + 1));
    } catch (NumberFormatException e) {
      return List.of();
    }
    if (i < 0 || i >= r.ids.length) {
      return List.of();
    }
    ProbeDescription d = r.original.statements().get(i).probe();
    return List.of(new ProbeInfo(r.ids[i], d.provider(), d.module(), d.function(), d.name(),
        List.of()));
  }

  @Override
  public Enabling enable(List<ProbeInfo> probes, ProbeListener listener) {
    Set<Remote> bound = new LinkedHashSet<>();
    for (ProbeInfo pi : probes) {
      Remote r = byProbeId.get(pi.id());
      if (r != null) {
        r.listener = listener;
        bound.add(r);
      }
    }
    // the engine enables from go(), before the session is active: firings replayed on this
    // thread now would be ignored as the kernel ignores them before BEGIN (warm-up). Replayed from
    // another thread, they wait for go() to finish and arrive after the host's own BEGIN.
    if (!bound.isEmpty()) {
      Thread t = new Thread(() -> bound.forEach(this::replayEarly), "hypertrace-early-replay");
      t.setDaemon(true);
      t.start();
    }
    return () -> {
      for (Remote r : bound) {
        r.listener = null;
      }
    };
  }

  private void replayEarly(Remote r) {
    List<Early> pending = early.remove(r.identity);
    if (pending != null) {
      earlyCount.addAndGet(-pending.size());
      for (Early d : pending) {
        data(d.node(), r.identity, 0, d.bytes());
      }
    }
  }

  @Override
  public void data(String node, String identity, long sequence, byte[] bytes) {
    Remote r = programs.get(identity);
    ProbeListener l = r == null ? null : r.listener;
    if (l == null) {
      // only programs of sub.sock (hex identities) can still be coming; others are not ours
      if (!SUB_IDENTITY.matcher(identity).matches()) {
        return;
      }
      if (earlyCount.incrementAndGet() <= EARLY_MAX) {
        early.computeIfAbsent(identity, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
            .add(new Early(node, bytes));
      } else {
        earlyCount.decrementAndGet();
      }
      return;
    }
    if (FiringRecords.isRelocated(bytes)) {
      relocated(node, r, bytes);
      return;
    }
    if (r.sites && !r.linked.contains(node)) {
      // no verified program for this node: its firings cannot run (count them, say it once)
      if (r.refused.add(node)) {
        r.notice.accept("dtrace: " + node + ": no verified relocated program; its firings are"
            + " dropped\n");
      }
      l.dropped(0, 1);
      return;
    }
    FiringRecord rec = new FiringRecord();
    Context ctx = new Context(node, rec);
    try {
      FiringRecords.decode(bytes, rec, x -> {
        if (x.statement < r.ids.length) {
          l.fire(r.ids[x.statement], ctx);
        }
      });
    } catch (FiringFormatException e) {
      DaemonLog.warn("minion " + node + ", program " + identity + ": " + e.getMessage()
          + "; DATA discarded");
    }
  }

  /**
   * A node returned the program linked against its kernel's types: verify that it differs from
   * the compiled program only at relocation sites (anything else is a security event and the
   * node's firings are refused), then run it for that node's firings.
   */
  private void relocated(String node, Remote r, byte[] bytes) {
    String why;
    try {
      FiringRecords.Relocated rel = FiringRecords.decodeRelocated(bytes);
      ProgramContainer c = container.get();
      ProgramLinker l = linker.get();
      TraceSession s = r.session;
      if (c == null || l == null || s == null) {
        why = "cannot verify its relocated program (no " + (c == null ? "ELF reader"
            : l == null ? "program linker" : "session") + " active)";
      } else {
        DProgram p = c.read(rel.program());
        TypeRegistry t = types.get();
        Optional<TargetTypes> tt = t == null ? Optional.empty() : t.forDigest(rel.digest());
        if (tt.isPresent()) {
          l.verify(r.original, p, tt.get());
        } else {
          l.verify(r.original, p);
        }
        s.link(node, p);
        r.linked.add(node);
        r.refused.remove(node);
        DaemonLog.info("program " + r.identity + ": node " + node + " returned it linked "
            + "against BTF " + abbrev(rel.digest()) + "; verified");
        return;
      }
    } catch (ProgramRejectedException e) {
      DaemonLog.error("security event: node " + node + ", program " + r.identity
          + ": relocated program rejected: " + e.getMessage());
      why = "relocated program rejected: " + e.getMessage();
    } catch (FiringFormatException | ProgramFormatException | IllegalArgumentException e) {
      why = "relocated program refused: " + e.getMessage();
    }
    r.linked.remove(node);
    r.refused.add(node);
    DaemonLog.warn("program " + r.identity + ": node " + node + ": " + why);
    r.notice.accept("dtrace: " + node + ": " + why + "; its firings are dropped\n");
  }

  private static String abbrev(String digest) {
    return digest.length() > 12 ? digest.substring(0, 12) : digest;
  }

  @Override
  public void drops(String node, String identity, long total) {
    Remote r = programs.get(identity);
    Long before = drops.put(node + "|" + identity, total);
    long delta = total - (before == null ? 0 : before);
    ProbeListener l = r == null ? null : r.listener;
    if (l != null && delta > 0) {
      l.dropped(0, delta);
    }
  }

  /** A firing's context as the minion sent it; vmname is the minion's node name. */
  private static final class Context implements ProbeContext {
    private final String vm;
    private final FiringRecord r;

    Context(String vm, FiringRecord r) {
      this.vm = vm;
      this.r = r;
    }

    @Override
    public long arg(int i) {
      return i >= 0 && i < 10 ? r.args[i] : 0;
    }

    @Override
    public int pid() {
      return r.pid;
    }

    @Override
    public int tid() {
      return r.tid;
    }

    @Override
    public int ppid() {
      return r.ppid;
    }

    @Override
    public int uid() {
      return r.uid;
    }

    @Override
    public int gid() {
      return r.gid;
    }

    @Override
    public int cpu() {
      return r.cpu;
    }

    @Override
    public int errno() {
      return r.errno;
    }

    @Override
    public long curthread() {
      return r.curthread;
    }

    @Override
    public String execname() {
      return r.execname;
    }

    @Override
    public String vmname() {
      return vm;
    }

    @Override
    public int read(long address, byte[] dst, int off, int len) {
      // the guest kernel memory its probe captured for the clauses' loads, nothing else
      return r.readMemory(address, dst, off, len);
    }
  }
}

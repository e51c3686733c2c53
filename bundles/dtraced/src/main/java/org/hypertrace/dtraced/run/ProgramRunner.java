package org.hypertrace.dtraced.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.hypertrace.api.engine.DTraceEngine;
import org.hypertrace.api.engine.TraceOutput;
import org.hypertrace.api.engine.TraceSession;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProgramContainer;
import org.hypertrace.api.program.ProgramFormatException;
import org.hypertrace.api.transport.MinionInfo;
import org.hypertrace.dtraced.log.DaemonLog;
import org.hypertrace.dtraced.minion.TargetMatcher;
import org.hypertrace.dtraced.remote.RemoteProvider;
import org.hypertrace.dtraced.sub.ProgramStore;

/**
 * Runs the programs consumers publish on sub.sock (dtrace -E) in the host's engine, their probes
 * bound to the minions' firings through the {@link RemoteProvider}, and streams their output back
 * to the consumer as DATA. The container
 * reader and the engine are looked up per program, so a live upgrade of the compiler bundle does
 * not disturb traces already running.
 */
public final class ProgramRunner implements ProgramStore.Listener {
  /** Where a program's output goes: its owner's connection. */
  @FunctionalInterface
  public interface Sink {
    /**
     * @param owner    the session that published the program
     * @param identity the program identity
     * @param payload  channel byte and data
     * @return false if the owner is gone
     */
    boolean send(int owner, byte[] identity, byte[] payload);
  }

  private final Supplier<ProgramContainer> container;
  private final Supplier<DTraceEngine> engine;
  private final Sink sink;
  private final Map<String, TraceSession> running = new ConcurrentHashMap<>();
  private final Map<String, Integer> owners = new ConcurrentHashMap<>();
  private final RemoteProvider remote;
  private volatile Supplier<List<MinionInfo>> minions = List::of;
  private volatile org.hypertrace.dtraced.minion.ProgramRunner local;
  private volatile String localNode = "";
  private volatile TargetMatcher localMatcher;

  /**
   * @param container the ELF reader in force, or null when none is active
   * @param engine    the engine in force, or null when none is active
   * @param sink      where output goes
   * @param remote    binds the probes of -E programs to the minions' firings, or null to run
   *                  programs on the host's own providers
   */
  public ProgramRunner(Supplier<ProgramContainer> container, Supplier<DTraceEngine> engine,
      Sink sink, RemoteProvider remote) {
    this.container = container;
    this.engine = engine;
    this.sink = sink;
    this.remote = remote;
  }

  /**
   * Makes the host a node of its own programs: its collector arms what the statements whose
   * target selects the host need here, and its firings arrive like a minion's, with the host's
   * node name as vmname.
   *
   * @param collector the host's collector
   * @param node      the host's node name
   * @param matcher   the host's target matcher
   */
  public void setLocalNode(org.hypertrace.dtraced.minion.ProgramRunner collector, String node,
      TargetMatcher matcher) {
    this.local = collector;
    this.localNode = node;
    this.localMatcher = matcher;
  }

  /** @param minions the overlord's registry, for warnings about targets that select no node */
  public void setMinions(Supplier<List<MinionInfo>> minions) {
    this.minions = minions;
  }

  @Override
  public void added(ProgramStore.Program p) {
    ProgramContainer c = container.get();
    DTraceEngine e = engine.get();
    if (c == null || e == null) {
      fail(p, "dtraced cannot run programs: bundle org.hypertrace."
          + (c == null ? "compiler (ELF reader)" : "engine") + " is not active");
      return;
    }
    DProgram prog;
    try {
      prog = c.read(Files.readAllBytes(p.file()));
    } catch (ProgramFormatException | IOException ex) {
      fail(p, "invalid program " + p.id() + ": " + ex.getMessage());
      return;
    }
    TraceOutput out = new TraceOutput() {
      @Override
      public void out(CharSequence text) {
        sink.send(p.owner(), p.identity(), frame(DataChannel.STDOUT, text));
      }

      @Override
      public void err(CharSequence text) {
        sink.send(p.owner(), p.identity(), frame(DataChannel.STDERR, text));
      }
    };
    DProgram bound = remote == null ? prog : remote.register(p.id(), prog);
    TraceSession s;
    try {
      java.util.Map<String, String> options = new java.util.HashMap<>(prog.options());
      if (remote != null && remote.perNode(p.id())) {
        // reads kernel structures: every node runs the program as it linked it (verified here)
        options.put(TraceSession.OPTION_PER_TARGET, "");
      }
      if (!localNode.isEmpty()) {
        options.put(TraceSession.OPTION_NODE_NAME, localNode);
      }
      s = e.open(bound, options, out);
    } catch (IllegalArgumentException | IllegalStateException ex) {
      if (remote != null) {
        remote.unregister(p.id());
      }
      fail(p, ex.getMessage());
      return;
    }
    warnUnmatchedTargets(p, prog);
    if (remote != null) {
      remote.attach(p.id(), s, out::err);
    }
    running.put(p.id(), s);
    owners.put(p.id(), p.owner());
    Thread t = new Thread(() -> watch(p, s), "dtraced-run-" + p.id().substring(0, 8));
    t.setDaemon(true);
    t.start();
    s.go();
    startLocal(p);
    DaemonLog.info("program " + p.id() + " of client " + p.owner() + " running");
  }

  private void startLocal(ProgramStore.Program p) {
    org.hypertrace.dtraced.minion.ProgramRunner c = local;
    if (c == null || remote == null) {
      return;
    }
    try {
      byte[] bytes = Files.readAllBytes(p.file());
      String node = localNode;
      c.start(new org.hypertrace.dtraced.minion.ProgramRunner.Program(p.id(), List.of(), bytes),
          false, (id, data) -> {
            remote.data(node, id, 0, data);
            return true;
          });
    } catch (IOException e) {
      DaemonLog.warn("program " + p.id() + ": cannot arm it on the host: " + e.getMessage());
    }
  }

  private void stopLocal(String id) {
    org.hypertrace.dtraced.minion.ProgramRunner c = local;
    if (c != null) {
      c.stop(id);
    }
  }

  private void watch(ProgramStore.Program p, TraceSession s) {
    try {
      s.awaitEnd(0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (running.remove(p.id()) != null) {
      stopLocal(p.id());
      sink.send(p.owner(), p.identity(), exit(s.exitStatus()));
      if (remote != null) {
        remote.unregister(p.id());
      }
    }
  }

  @Override
  public void removed(ProgramStore.Program p) {
    TraceSession s = running.remove(p.id());
    stopLocal(p.id());
    if (s != null) {
      // as dtrace on SIGINT: END fires and aggregations print, then the consumer hears the end
      s.close();
      sink.send(p.owner(), p.identity(), exit(s.exitStatus()));
      if (remote != null) {
        remote.unregister(p.id());
      }
      DaemonLog.info("program " + p.id() + " stopped");
    }
  }

  /**
   * A target field that selects none of the known minions is most likely a typo: say so once per
   * target (the program still runs, and a minion that joins later and matches gets it).
   */
  private void warnUnmatchedTargets(ProgramStore.Program p, DProgram prog) {
    if (remote == null) {
      return;
    }
    List<MinionInfo> known = minions.get();
    java.util.Set<String> seen = new java.util.LinkedHashSet<>();
    for (org.hypertrace.api.program.Statement st : prog.statements()) {
      String t = st.probe().target();
      if (t.isEmpty() || !seen.add(t)) {
        continue;
      }
      TargetMatcher host = localMatcher;
      boolean any = host != null && host.matches(List.of(t));
      List<String> names = new java.util.ArrayList<>();
      for (MinionInfo m : known) {
        names.add(m.name());
        any |= new TargetMatcher("hostname,version", m.hostname(), m.name(), "",
            m.osVersion()).matches(List.of(t));
      }
      if (!any) {
        sink.send(p.owner(), p.identity(), frame(DataChannel.STDERR, "dtrace: target " + t
            + " (in " + st.probe() + ") matches no minion" + (names.isEmpty() ? ""
            : " (known: " + String.join(", ", names.stream().sorted().toList()) + ")")
            + " nor this host (" + localNode + ")\n"));
      }
    }
  }

  /**
   * @param owner a sub.sock session
   * @return firings and drops of that session's running programs, summed
   */
  public long[] stats(int owner) {
    long[] fd = new long[2];
    for (Map.Entry<String, TraceSession> e : running.entrySet()) {
      Integer o = owners.get(e.getKey());
      if (o != null && o == owner) {
        org.hypertrace.api.engine.TraceStats st = e.getValue().stats();
        fd[0] += st.firings();
        fd[1] += st.drops();
      }
    }
    return fd;
  }

  /** @return how many programs run */
  public int size() {
    return running.size();
  }

  private void fail(ProgramStore.Program p, String why) {
    DaemonLog.warn(why);
    sink.send(p.owner(), p.identity(), frame(DataChannel.STDERR, "dtrace: " + why + "\n"));
    sink.send(p.owner(), p.identity(), exit(1));
  }

  private static byte[] frame(int channel, CharSequence text) {
    byte[] b = text.toString().getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[b.length + 1];
    out[0] = (byte) channel;
    System.arraycopy(b, 0, out, 1, b.length);
    return out;
  }

  private static byte[] exit(int status) {
    return ByteBuffer.allocate(5).put((byte) DataChannel.EXIT).putInt(status).array();
  }
}

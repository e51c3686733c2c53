package org.hypertrace.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hypertrace.api.engine.DTraceEngine;
import org.hypertrace.api.engine.TraceOutput;
import org.hypertrace.api.engine.TraceSession;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.engine.prov.DTraceProvider;
import org.hypertrace.engine.prov.TimerProvider;

/**
 * The DTrace engine: the user-space counterpart of {@code dtrace.ko} plus libdtrace's consumer.
 * It always offers the {@code dtrace} provider (BEGIN, END, ERROR) and the {@code profile}
 * provider ({@code profile-N}, {@code tick-N}); other providers are added as they appear
 * (the DS component tracks ProbeProvider services; a plain class path adds them through
 * {@link #addProvider}).
 */
public final class HyperTraceEngine implements DTraceEngine {
  private final DTraceProvider dtrace = new DTraceProvider();
  private final TimerProvider timers = new TimerProvider(1000);
  private final List<ProbeProvider> providers = new CopyOnWriteArrayList<>();

  /** Creates an engine with the built-in providers only. */
  public HyperTraceEngine() {
  }

  /** @param p a provider whose probes programs may enable from now on */
  public void addProvider(ProbeProvider p) {
    if (!providers.contains(p)) {
      providers.add(p);
    }
  }

  @Override
  public void useProvider(ProbeProvider p) {
    addProvider(p);
  }

  /** @param p a provider that went away */
  public void removeProvider(ProbeProvider p) {
    providers.remove(p);
  }

  private List<ProbeProvider> all() {
    List<ProbeProvider> l = new ArrayList<>();
    l.add(dtrace);
    // a kernel profile provider (perf cpu-clock, with arg0/arg1 pcs) replaces the user-space
    // timers: both answering tick-N would fire every clause twice
    boolean kernelProfile = false;
    for (ProbeProvider p : providers) {
      kernelProfile |= p.name().equals(timers.name());
    }
    if (!kernelProfile) {
      l.add(timers);
    }
    l.addAll(providers);
    return l;
  }

  @Override
  public TraceSession open(DProgram program, Map<String, String> options, TraceOutput output) {
    return new Session(program, options, output, all());
  }

  @Override
  public List<ProbeInfo> probes(ProbeDescription pattern) {
    List<ProbeInfo> r = new ArrayList<>();
    for (ProbeProvider p : all()) {
      r.addAll(p.probes(pattern));
    }
    return r;
  }

  @Override
  public List<org.hypertrace.api.provider.MemoryCapture> captures(
      org.hypertrace.api.program.Statement statement) {
    return org.hypertrace.engine.vm.MemoryCaptures.of(Session.difObjects(statement));
  }
}

package org.hypertrace.engine.prov;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.api.provider.ProbeProvider;

/**
 * The {@code profile} provider in user space: {@code profile-N} and {@code tick-N} probes with
 * every rate suffix dtrace accepts, created on demand as profile.c's {@code profile_provide} does,
 * fired from a scheduler thread. {@code profile-N} fires once per period on the one "CPU" of
 * the user-space engine.
 */
public final class TimerProvider implements ProbeProvider {
  private final Map<String, ProbeInfo> probes = new ConcurrentHashMap<>();
  private final AtomicInteger nextId;

  /** @param firstId the first probe id to hand out */
  public TimerProvider(int firstId) {
    this.nextId = new AtomicInteger(firstId);
  }

  @Override public String name() {
    return "profile";
  }

  @Override public List<ProbeInfo> probes(ProbeDescription p) {
    List<ProbeInfo> r = new ArrayList<>();
    if (!Glob.matches(p.provider(), "profile") || !p.module().isEmpty() && !Glob.matches(
        p.module(), "") || !p.function().isEmpty() && !Glob.matches(p.function(), "")) {
      return r;
    }
    String n = p.name();
    for (String prefix : new String[] {"profile-", "tick-"}) {
      if (n.startsWith(prefix) && !hasGlob(n) && Rates.periodNanos(n.substring(prefix.length()))
          > 0) {
        r.add(probes.computeIfAbsent(n, k -> new ProbeInfo(nextId.getAndIncrement(), "profile",
            "", "", k, List.of())));
        return r;
      }
    }
    for (ProbeInfo i : probes.values()) {
      if (Glob.matches(n, i.name())) {
        r.add(i);
      }
    }
    r.sort((a, b) -> Integer.compare(a.id(), b.id()));
    return r;
  }

  private static boolean hasGlob(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }

  @Override public Enabling enable(List<ProbeInfo> list, ProbeListener listener) {
    ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "dtrace-profile");
      t.setDaemon(true);
      return t;
    });
    List<ScheduledFuture<?>> fs = new ArrayList<>();
    SimpleContext ctx = new SimpleContext(0, 0, "sched");
    for (ProbeInfo i : list) {
      String n = i.name();
      long period = Rates.periodNanos(n.substring(n.indexOf('-') + 1));
      fs.add(ex.scheduleAtFixedRate(() -> listener.fire(i.id(), ctx), period, period,
          TimeUnit.NANOSECONDS));
    }
    return () -> {
      fs.forEach(f -> f.cancel(false));
      ex.shutdownNow();
    };
  }
}

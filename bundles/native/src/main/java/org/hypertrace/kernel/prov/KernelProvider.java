package org.hypertrace.kernel.prov;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.kernel.tracefs.Tracefs;

/**
 * Common part of the eBPF providers: a lazily built catalogue of {@link KernelProbe}s, glob
 * matching of descriptions against it, and enabling through one {@link ProbeSession} per call
 * (one ring buffer, one consumer thread). Subclasses only describe their probes.
 */
public abstract class KernelProvider implements ProbeProvider {
  private volatile Map<Integer, KernelProbe> catalogue;
  private final Map<Integer, KernelProbe> extra = new java.util.concurrent.ConcurrentHashMap<>();
  private int ringSize = ProbeSession.DEFAULT_RING;
  private final java.util.Set<ProbeSession> sessions =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** @return every probe this provider offers on this kernel */
  protected abstract List<KernelProbe> describe(Tracefs tracefs);

  /** Sets the ring buffer size of later enablings (power of 2, at least a page). */
  public void setRingSize(int bytes) {
    this.ringSize = bytes;
  }

  /** @return the catalogue, built on first use; empty when tracefs is unavailable */
  protected Map<Integer, KernelProbe> catalogue() {
    Map<Integer, KernelProbe> c = catalogue;
    if (c == null) {
      synchronized (this) {
        if (catalogue == null) {
          Map<Integer, KernelProbe> m = new HashMap<>();
          Tracefs t;
          try {
            t = Tracefs.host();
          } catch (IllegalStateException e) {
            t = null;
          }
          for (KernelProbe p : describe(t)) {
            m.put(p.info().id(), p);
          }
          catalogue = m;
        }
        c = catalogue;
      }
    }
    return c;
  }

  /** @return whether the description selects this provider's probe */
  protected static boolean matches(ProbeDescription d, ProbeInfo p) {
    return Glob.matches(d.provider(), p.provider()) && Glob.matches(d.module(), p.module())
        && Glob.matches(d.function(), p.function()) && Glob.matches(d.name(), p.name());
  }

  @Override
  public List<ProbeInfo> probes(ProbeDescription pattern) {
    if (!Glob.matches(pattern.provider(), name())) {
      return List.of();
    }
    List<ProbeInfo> out = new ArrayList<>();
    for (KernelProbe p : catalogue().values()) {
      if (matches(pattern, p.info())) {
        out.add(p.info());
      }
    }
    out.sort((a, b) -> Integer.compare(a.id(), b.id()));
    return out;
  }

  /**
   * Adds a probe created on demand (a profile rate, one tracepoint group) without building the
   * whole catalogue.
   *
   * @return the probe registered under its id (an earlier equal one if present)
   */
  protected KernelProbe register(KernelProbe p) {
    KernelProbe old = extra.putIfAbsent(p.info().id(), p);
    return old != null ? old : p;
  }

  /** @return the probe behind an id this provider handed out */
  protected KernelProbe probe(ProbeInfo info) {
    KernelProbe p = extra.get(info.id());
    if (p == null) {
      p = catalogue().get(info.id());
    }
    if (p == null) {
      throw new IllegalStateException(name() + " provider: no probe " + info.provider() + ":"
          + info.module() + ":" + info.function() + ":" + info.name());
    }
    return p;
  }

  @Override
  public Enabling enable(List<ProbeInfo> probes, ProbeListener listener) {
    Privileges.require(name());
    List<KernelProbe> armed = new ArrayList<>();
    for (ProbeInfo i : probes) {
      armed.add(probe(i));
    }
    ProbeSession session;
    try {
      session = new ProbeSession(listener, ringSize);
    } catch (RuntimeException e) {
      throw new IllegalStateException(name() + " provider: cannot create its ring buffer: "
          + e.getMessage(), e);
    }
    for (KernelProbe p : armed) {
      String why = CaptureTail.check(session.captures(p.info().id()));
      if (why != null) {
        throw failed(session, p, new IllegalArgumentException(why));
      }
    }
    attach(armed, session, TaskLayout.host());
    sessions.removeIf(ProbeSession::isClosed);
    sessions.add(session);
    return session;
  }

  /**
   * Disarms every enabling this provider made that is still open: called by SCR when the
   * provider's component goes away (bundle stop or update; the default deactivate method name),
   * so no kernel program outlives the code that drains it.
   */
  protected void deactivate() {
    for (ProbeSession s : sessions) {
      s.close();
    }
    sessions.clear();
  }

  /**
   * Arms probes one by one; providers that can arm many at once (uprobe_multi) override it.
   *
   * @throws IllegalStateException one line naming the probe that failed (session freed)
   */
  protected void attach(List<KernelProbe> probes, ProbeSession session, TaskLayout task) {
    for (KernelProbe p : probes) {
      try {
        p.attach(session, task);
      } catch (RuntimeException e) {
        throw failed(session, p, e);
      }
    }
  }

  /** @return the one-line failure of arming p, after freeing the session */
  protected IllegalStateException failed(ProbeSession session, KernelProbe p, RuntimeException e) {
    ProbeInfo i = p.info();
    return session.fail(name() + " provider: cannot enable " + i.provider() + ":" + i.module()
        + ":" + i.function() + ":" + i.name(), e);
  }
}

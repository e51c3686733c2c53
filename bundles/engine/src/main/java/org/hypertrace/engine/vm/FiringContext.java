package org.hypertrace.engine.vm;

import org.hypertrace.api.provider.ProbeContext;

/**
 * What one probe firing exposes to DIF through the built-in variables: port of the
 * {@code dtrace_mstate_t} fields that {@code dtrace_dif_variable} reads (probe, arguments,
 * cached timestamps). One instance per session, refilled for every firing.
 */
public final class FiringContext {
  /** The provider's context, valid during the firing. */
  public ProbeContext ctx;
  /** Probe id as the engine reports it. */
  public int probeId;
  /** Enabled probe id of the clause running. */
  public int epid;
  /** Probe description fields. */
  public String provider = "";
  public String module = "";
  public String function = "";
  public String name = "";
  /** Timestamp of the firing (cached on first use, 0 = not yet read). */
  public long timestamp;
  /** Wall-clock timestamp (cached, 0 = not yet read). */
  public long walltimestamp;
  /** Interned VM number of the firing thread (0 = host). */
  public int vm;
  /** When non-null, overrides the context's arguments (ERROR probe). */
  public long[] args;

  /** The host clock at this firing when the provider gave no time (0 = not yet read). */
  private long firingNanos;

  /**
   * Starts a probe firing: the clauses of one firing share the fallback clock reading, as they
   * share a provider's firing timestamp (a kernel provider's ProbeContext.timestamp()).
   */
  public void beginFiring() {
    firingNanos = 0;
  }

  /** @return the host clock read once per firing */
  public long firingClock() {
    if (firingNanos == 0) {
      firingNanos = System.nanoTime();
    }
    return firingNanos;
  }

  /** Prepares for the next enabled probe of a firing. */
  public void reset(ProbeContext c, int id) {
    if (c != ctx || c != null && c.vmname() != lastVmName) {
      bindVm(c);
    }
    ctx = c;
    probeId = id;
    timestamp = 0;
    walltimestamp = 0;
    args = null;
  }

  /** The last VM name seen and its number: firings of one node come in runs. */
  private String lastVmName;
  private int lastVm;
  private final java.util.Map<String, Integer> vms = new java.util.HashMap<>();

  /**
   * Numbers the firing's VM (0 = the host), so that thread-local variables are keyed by
   * (vm, tid): two guests' threads with one tid never share {@code self->}.
   */
  private void bindVm(ProbeContext c) {
    String n = c == null ? null : c.vmname();
    if (n == null) {
      vm = 0;
    } else if (n.equals(lastVmName)) {
      vm = lastVm;
    } else {
      vm = vms.computeIfAbsent(n, k -> vms.size() + 1);
      lastVm = vm;
    }
    lastVmName = n;
  }

  /** @param i index @return argN */
  public long arg(int i) {
    if (args != null) {
      return i < args.length ? args[i] : 0;
    }
    return ctx == null || i < 0 || i > 9 ? 0 : ctx.arg(i);
  }
}

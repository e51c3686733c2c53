package org.hypertrace.api.provider;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives probe firings from a provider: the engine's {@code dtrace_probe}. */
@ConsumerType
public interface ProbeListener {
  /**
   * Called for each firing, on the provider's delivery thread; must not block.
   *
   * @param probeId the probe
   * @param context the firing's context, valid only during the call
   */
  void fire(int probeId, ProbeContext context);

  /**
   * Called when the provider lost firings (ring buffer full).
   *
   * @param cpu   the CPU whose buffer overflowed
   * @param count how many firings were lost
   */
  void dropped(int cpu, long count);
}

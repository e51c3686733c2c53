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

  /** {@link #stacks} bit: capture the kernel stack. */
  int STACK_KERNEL = 1;
  /** {@link #stacks} bit: capture the user stack. */
  int STACK_USER = 2;

  /**
   * Asked by providers when arming a probe: which stacks its firings must carry (capturing costs
   * at every firing, so only probes whose clauses use {@code stack()}/{@code ustack()} ask).
   *
   * @param probeId the probe being armed
   * @return a mask of {@link #STACK_KERNEL} and {@link #STACK_USER}; 0 by default
   */
  default int stacks(int probeId) {
    return 0;
  }

  /**
   * Asked by providers when arming a probe: the kernel memory its clauses read, which the probe's
   * program must copy at each firing ({@link ProbeContext#read} then answers for it). Providers
   * that cannot capture a list this long refuse to arm the probe with a message naming it.
   *
   * @param probeId the probe being armed
   * @return what to capture; empty by default
   */
  default java.util.List<MemoryCapture> captures(int probeId) {
    return java.util.List.of();
  }
}

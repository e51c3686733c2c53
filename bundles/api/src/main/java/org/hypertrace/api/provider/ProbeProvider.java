package org.hypertrace.api.provider;

import java.util.List;
import org.hypertrace.api.program.ProbeDescription;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A probe provider (syscall, proc, sched, profile, tracepoint, pid, kvm ...): port of
 * {@code dtrace_pops_t}. Registered as an OSGi service by the bundle that implements it.
 */
@ConsumerType
public interface ProbeProvider {
  /** @return the provider name, or a name prefix such as "pid" for pidNNN providers */
  String name();

  /**
   * @param pattern a probe description (globs allowed, empty fields match all)
   * @return the matching probes
   */
  List<ProbeInfo> probes(ProbeDescription pattern);

  /**
   * Arms probes.
   *
   * @param probes   probes returned by {@link #probes}
   * @param listener where firings go
   * @return a handle that disarms them when closed
   * @throws IllegalStateException with a one-line reason (missing privilege, missing facility)
   */
  Enabling enable(List<ProbeInfo> probes, ProbeListener listener);

  /** An armed set of probes. */
  interface Enabling extends AutoCloseable {
    /** Disarms the probes; idempotent. */
    @Override
    void close();
  }
}

package org.hypertrace.kernel.prov;

import org.hypertrace.api.provider.ProbeInfo;

/** A probe a kernel provider offers, with the way to arm it in a session. */
public interface KernelProbe {
  /** @return the probe as listed */
  ProbeInfo info();

  /**
   * Loads the probe's capture program and attaches it.
   *
   * @param session the enabling's maps and attachments
   * @param task    task_struct offsets, or null when BTF is unavailable
   */
  void attach(ProbeSession session, TaskLayout task);
}

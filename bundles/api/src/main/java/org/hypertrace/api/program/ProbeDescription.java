package org.hypertrace.api.program;

/**
 * A probe description {@code target:provider:module:function:name}: port of
 * {@code dtrace_probedesc_t} plus HyperTrace's target field. Empty fields match everything; fields
 * may hold globs.
 *
 * @param target   host name, OS version or glob a machine matches itself against ("" = local)
 * @param provider provider name or glob
 * @param module   module name or glob
 * @param function function name or glob
 * @param name     probe name or glob
 */
public record ProbeDescription(String target, String provider, String module, String function,
    String name) {
  /** @return the description as dtrace prints it, {@code provider:module:function:name}. */
  @Override
  public String toString() {
    String s = provider + ":" + module + ":" + function + ":" + name;
    return target.isEmpty() ? s : target + ":" + s;
  }
}

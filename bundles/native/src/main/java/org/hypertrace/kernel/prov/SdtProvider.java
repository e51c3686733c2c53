package org.hypertrace.kernel.prov;

/**
 * {@code sdt:GROUP::NAME}: the kernel's statically defined tracepoints under the name DTrace gives
 * static probes; the same probes as {@link TracepointProvider}, listed a second time.
 */
public class SdtProvider extends TracepointProvider {
  /** Public no-arg constructor for ServiceLoader. */
  public SdtProvider() {
    super("sdt");
  }
}

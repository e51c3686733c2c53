package org.hypertrace.kernel.prov;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.api.provider.ProbeListener;
import org.hypertrace.kernel.tracefs.Tracefs;

/**
 * DTrace's {@code fbt} (function boundary tracing) would need kprobes or fentry/fexit. Where the
 * kernel lacks both (this project's hosts: kprobes not configured, fentry EPERM), the provider
 * exists only to say so: naming {@code fbt} explicitly (as {@code dtrace -l -P fbt} does) throws
 * an IllegalStateException with the reason; globs that merely could match list nothing.
 */
public class FbtProvider extends KernelProvider {
  /** Public no-arg constructor for ServiceLoader. */
  public FbtProvider() {}

  @Override
  public String name() {
    return "fbt";
  }

  /** @return why fbt is unavailable on this kernel (never null here) */
  public static String unavailableReason() {
    boolean kprobes = Files.exists(Path.of("/sys/kernel/tracing/kprobe_events"))
        || Files.exists(Path.of("/sys/bus/event_source/devices/kprobe"));
    return "fbt provider is not available: the kernel "
        + (kprobes ? "refuses kprobe attachment" : "is built without kprobes (CONFIG_KPROBES)")
        + " and refuses fentry/fexit programs";
  }

  @Override
  protected List<KernelProbe> describe(Tracefs t) {
    return List.of();
  }

  @Override
  public List<ProbeInfo> probes(ProbeDescription d) {
    if (d.provider().equals(name())) {
      throw new IllegalStateException(unavailableReason());
    }
    return List.of();
  }

  @Override
  public Enabling enable(List<ProbeInfo> probes, ProbeListener listener) {
    throw new IllegalStateException(unavailableReason());
  }
}

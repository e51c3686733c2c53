package org.hypertrace.kernel.prov;

import java.util.ArrayList;
import java.util.List;
import org.hypertrace.kernel.tracefs.Tracefs;

/**
 * {@code kvm:::NAME} from the host's kvm tracepoints (kvm:kvm_exit as {@code exit}, kvm_entry as
 * {@code entry}, kvm_hypercall, kvm_pio, kvm_mmio ...): the {@code kvm_} prefix dropped, args the
 * tracepoint's fields in format order (exit: exit_reason, guest_rip, ...). Empty when the kvm
 * module is not loaded.
 */
public class KvmProvider extends KernelProvider {
  /** Public no-arg constructor for ServiceLoader. */
  public KvmProvider() {}

  @Override
  public String name() {
    return "kvm";
  }

  @Override
  protected List<KernelProbe> describe(Tracefs t) {
    List<KernelProbe> out = new ArrayList<>();
    if (t == null) {
      return out;
    }
    for (String ev : t.events("kvm")) {
      String probe = ev.startsWith("kvm_") ? ev.substring(4) : ev;
      try {
        out.add(TracepointProbe.of("kvm", "", "", probe, t.format("kvm", ev), null));
      } catch (IllegalArgumentException e) {
        // no readable format: not a probe
      }
    }
    return out;
  }
}

package org.hypertrace.kernel.prov;

import java.util.ArrayList;
import java.util.List;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.kernel.tracefs.Tracefs;

/**
 * {@code tracepoint:GROUP::NAME} for every tracepoint of the running kernel: args[0..9] are the
 * record's fields in format order, typed from the format (integers sign-extended as declared;
 * {@code __data_loc} fields give their raw offset/length word; fixed arrays give 0). The catalogue
 * is not built for listing a single group: only the groups the description can match are read.
 */
public class TracepointProvider extends KernelProvider {
  private final String provider;

  /** Public no-arg constructor for ServiceLoader. */
  public TracepointProvider() {
    this("tracepoint");
  }

  /** @param provider the provider name the tracepoints are listed under */
  protected TracepointProvider(String provider) {
    this.provider = provider;
  }

  @Override
  public String name() {
    return provider;
  }

  @Override
  protected List<KernelProbe> describe(Tracefs t) {
    List<KernelProbe> out = new ArrayList<>();
    if (t == null) {
      return out;
    }
    for (String group : t.groups()) {
      out.addAll(group(t, group));
    }
    return out;
  }

  private List<KernelProbe> group(Tracefs t, String group) {
    List<KernelProbe> out = new ArrayList<>();
    for (String ev : t.events(group)) {
      try {
        out.add(TracepointProbe.of(provider, group, "", ev, t.format(group, ev), null));
      } catch (IllegalArgumentException e) {
        // an event without a readable format (ftrace internals) is not a probe
      }
    }
    return out;
  }

  @Override
  public List<ProbeInfo> probes(ProbeDescription d) {
    if (!Glob.matches(d.provider(), name())) {
      return List.of();
    }
    if (d.module().isEmpty() || Glob.isGlob(d.module())) {
      return super.probes(d);
    }
    // one named group: read only that group's formats
    List<ProbeInfo> out = new ArrayList<>();
    Tracefs t;
    try {
      t = Tracefs.host();
    } catch (IllegalStateException e) {
      return out;
    }
    for (KernelProbe p : group(t, d.module())) {
      if (matches(d, p.info())) {
        out.add(register(p).info());
      }
    }
    out.sort((a, b) -> Integer.compare(a.id(), b.id()));
    return out;
  }
}

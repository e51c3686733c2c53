package org.hypertrace.kernel.prov;

import java.util.ArrayList;
import java.util.List;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.kernel.sys.Bpf;
import org.hypertrace.kernel.tracefs.EventFormat;
import org.hypertrace.kernel.tracefs.FormatField;

/**
 * A probe on one perf tracepoint: a BPF_PROG_TYPE_TRACEPOINT capture program whose arguments are
 * fields of the tracepoint record, chosen by name (or all of them, in format order).
 */
final class TracepointProbe implements KernelProbe {
  private final ProbeInfo info;
  private final EventFormat format;
  private final CaptureProgram.Guard guard;
  private final java.util.function.Function<TaskLayout, CaptureProgram.Body> body;
  private int[] userStrings = new int[0];

  TracepointProbe(ProbeInfo info, EventFormat format, CaptureProgram.Body body) {
    this(info, format, null, t -> body);
  }

  /**
   * @param guard filter run before reserving, or null
   * @param body  builds the argument stores for the task layout (which may be null)
   */
  TracepointProbe(ProbeInfo info, EventFormat format, CaptureProgram.Guard guard,
      java.util.function.Function<TaskLayout, CaptureProgram.Body> body) {
    this.info = info;
    this.format = format;
    this.guard = guard;
    this.body = body;
  }

  /**
   * @param fields field names for args[0..], null = every field in order; an unknown name leaves
   *               its argument 0
   */
  static TracepointProbe of(String provider, String module, String function, String name,
      EventFormat format, List<String> fields) {
    List<FormatField> chosen = new ArrayList<>();
    if (fields == null) {
      chosen.addAll(format.fields());
    } else {
      for (String f : fields) {
        chosen.add(format.field(f));
      }
    }
    while (chosen.size() > EventRecord.NARGS) {
      chosen.remove(chosen.size() - 1);
    }
    List<String> types = new ArrayList<>();
    for (FormatField f : chosen) {
      types.add(f == null ? "uint64_t" : f.argType());
    }
    ProbeInfo info = new ProbeInfo(ProbeIds.of(provider, module, function, name), provider,
        module, function, name, List.copyOf(types));
    return new TracepointProbe(info, format, a -> {
      for (int i = 0; i < chosen.size(); i++) {
        if (chosen.get(i) != null) {
          CaptureProgram.tracepointArg(a, i, chosen.get(i));
        }
      }
    });
  }

  /**
   * Makes the probe copy, at each firing, the user strings its char-pointer arguments point to
   * (system call paths and names), at most {@link EventRecord#MAX_STRINGS}.
   *
   * @return this
   */
  TracepointProbe withUserStrings() {
    List<Integer> idx = new ArrayList<>();
    List<String> types = info.argTypes();
    for (int i = 0; i < types.size() && idx.size() < EventRecord.MAX_STRINGS; i++) {
      String t = types.get(i).replace(" ", "");
      if (t.endsWith("char*") && !t.endsWith("*char*")) {
        idx.add(i);
      }
    }
    userStrings = idx.stream().mapToInt(Integer::intValue).toArray();
    return this;
  }

  @Override
  public ProbeInfo info() {
    return info;
  }

  /** @return the tracepoint this probe rides on */
  EventFormat format() {
    return format;
  }

  @Override
  public void attach(ProbeSession session, TaskLayout task) {
    byte[] code = CaptureProgram.write(session, info.id(), task, guard, body.apply(task),
        userStrings);
    int prog = session.load(Bpf.BPF_PROG_TYPE_TRACEPOINT, code, "ht_" + format.name());
    session.attachTracepoint(format.id(), prog);
  }
}

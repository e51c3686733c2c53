package org.hypertrace.kernel.prov;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.hypertrace.kernel.ebpf.BpfAssembler;
import org.hypertrace.kernel.ebpf.BpfTemplate;
import org.hypertrace.kernel.ebpf.BpfTemplateReader;
import org.hypertrace.kernel.ebpf.BpfTemplateWriter;
import org.hypertrace.kernel.ebpf.Label;

/**
 * The fixed-shape kernel programs of the top-level kernel-modules/ directory, as the build
 * assembled them into objects inside this bundle (org/hypertrace/kernel/modules/*.bpfo): the
 * capture skeleton and, per provider kind, the argument stores and guards. Loaded once; a
 * fragment is emitted with its holes filled (map fds, probe id, task_struct offsets, format
 * field offsets) and its splice points given generated code (guards, memory captures).
 */
final class KernelModules {
  private static final String DIR = "/org/hypertrace/kernel/modules/";
  private static volatile Map<String, BpfTemplate> fragments;

  private KernelModules() {}

  /** @return every fragment by name */
  static Map<String, BpfTemplate> fragments() {
    Map<String, BpfTemplate> f = fragments;
    if (f == null) {
      synchronized (KernelModules.class) {
        if (fragments == null) {
          fragments = load();
        }
        f = fragments;
      }
    }
    return f;
  }

  private static Map<String, BpfTemplate> load() {
    Map<String, BpfTemplate> out = new HashMap<>();
    for (String name : new String(bytes(BpfTemplateWriter.INDEX), StandardCharsets.UTF_8)
        .split("\n")) {
      if (name.isBlank()) {
        continue;
      }
      for (BpfTemplate t : BpfTemplateReader.read(bytes(name + BpfTemplateWriter.SUFFIX))) {
        if (out.put(t.name(), t) != null) {
          throw new IllegalStateException("kernel-modules: fragment " + t.name()
              + " defined twice");
        }
      }
    }
    return out;
  }

  private static byte[] bytes(String file) {
    try (InputStream in = KernelModules.class.getResourceAsStream(DIR + file)) {
      if (in == null) {
        throw new IllegalStateException("kernel-modules: " + DIR + file
            + " missing from the bundle (the build assembles kernel-modules/)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the fragment */
  static BpfTemplate fragment(String name) {
    BpfTemplate t = fragments().get(name);
    if (t == null) {
      throw new IllegalStateException("kernel-modules: no fragment " + name);
    }
    return t;
  }

  /**
   * Emits a fragment without splice points.
   *
   * @param holes alternating hole names and values (Number)
   */
  static void emit(BpfAssembler a, String name, Object... holes) {
    emit(a, name, new Label[0], holes);
  }

  /** Emits a fragment taking labels (a guard's skip). */
  static void emit(BpfAssembler a, String name, Label[] labels, Object... holes) {
    fragment(name).emit(a, values(holes), Map.of(), labels);
  }

  /** @return hole values from alternating names and numbers */
  static Map<String, Long> values(Object... holes) {
    Map<String, Long> v = new HashMap<>();
    for (int i = 0; i < holes.length; i += 2) {
      v.put((String) holes[i], ((Number) holes[i + 1]).longValue());
    }
    return v;
  }

  /** @return the task_struct and cred offsets as the fragments name them */
  static Map<String, Long> task(TaskLayout t) {
    return values("task.pid", t.pid(), "task.tgid", t.tgid(), "task.real_parent",
        t.realParent(), "task.comm", t.comm(), "task.real_cred", t.realCred(), "cred.uid",
        t.credUid(), "cred.gid", t.credGid(), "task.exit_code", t.exitCode());
  }
}

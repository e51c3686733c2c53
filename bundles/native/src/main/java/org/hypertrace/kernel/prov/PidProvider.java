package org.hypertrace.kernel.prov;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.kernel.elf.ElfSymbolReader;
import org.hypertrace.kernel.tracefs.Tracefs;

/**
 * DTrace's {@code pid} provider through uprobes: {@code pidPID:MODULE:FUNCTION:entry|return}.
 * Modules are the executable files mapped in the process (/proc/PID/maps), named by their base
 * name; {@code a.out} names the main executable. Functions come from the module's ELF symbol
 * tables. Probes exist only for a concrete pid (as {@code pid$target} expands).
 */
public class PidProvider extends KernelProvider {
  private static final Pattern PID = Pattern.compile("pid(\\d+)");
  private static final Map<Path, Map<String, ElfSymbolReader.Symbol>> SYMBOLS =
      new ConcurrentHashMap<>();

  /** False once the kernel refused a uprobe_multi link: single uprobes from then on. */
  private volatile boolean multi = true;

  /** Public no-arg constructor for ServiceLoader. */
  public PidProvider() {}

  @Override
  public String name() {
    return "pid";
  }

  @Override
  protected List<KernelProbe> describe(Tracefs t) {
    return List.of();
  }

  /**
   * @return module name to file for the executable mappings of a process ("a.out" for its
   *     executable); empty when the process does not exist
   */
  public static Map<String, Path> modules(int pid) {
    Map<String, Path> out = new LinkedHashMap<>();
    try {
      Path exe = Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe"));
      out.put("a.out", exe);
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/maps"))) {
        String[] f = line.trim().split("\\s+", 6);
        if (f.length == 6 && f[1].indexOf('x') >= 0 && f[5].startsWith("/")
            && !f[5].endsWith(" (deleted)")) {
          Path p = Path.of(f[5]);
          out.putIfAbsent(p.getFileName().toString(), p);
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return out;
  }

  private static Map<String, ElfSymbolReader.Symbol> symbols(Path file) {
    return SYMBOLS.computeIfAbsent(file, f -> {
      try {
        return ElfSymbolReader.read(f);
      } catch (IOException | RuntimeException e) {
        return Map.of();
      }
    });
  }

  /**
   * Arms uprobes in groups (same process, file and kind) through uprobe_multi links: one program
   * and one link per group, so arming and disarming many functions costs one grace period per
   * group rather than one per function (closing 79 single uprobes took 8.5 s here). Falls back to
   * one perf event per probe where the kernel has no uprobe_multi (before 6.6).
   */
  @Override
  protected void attach(List<KernelProbe> probes, ProbeSession session, TaskLayout task) {
    Map<String, List<UprobeProbe>> groups = new LinkedHashMap<>();
    for (KernelProbe p : probes) {
      UprobeProbe u = (UprobeProbe) p;
      groups.computeIfAbsent(u.pid() + " " + u.isReturn() + " " + u.file(),
          k -> new ArrayList<>()).add(u);
    }
    for (List<UprobeProbe> g : groups.values()) {
      if (multi) {
        try {
          UprobeProbe.attachMulti(g, session, task);
          continue;
        } catch (org.hypertrace.kernel.sys.SyscallException e) {
          if (e.isPermission()) {
            throw failed(session, g.get(0), e);
          }
          multi = false;
        } catch (RuntimeException e) {
          throw failed(session, g.get(0), e);
        }
      }
      super.attach(new ArrayList<>(g), session, task);
    }
  }

  @Override
  public List<ProbeInfo> probes(ProbeDescription d) {
    Matcher m = PID.matcher(d.provider());
    if (!m.matches()) {
      return List.of();
    }
    int pid = Integer.parseInt(m.group(1));
    String provider = "pid" + pid;
    List<ProbeInfo> out = new ArrayList<>();
    for (Map.Entry<String, Path> mod : modules(pid).entrySet()) {
      if (!Glob.matches(d.module(), mod.getKey())) {
        continue;
      }
      Map<String, ElfSymbolReader.Symbol> syms = symbols(mod.getValue());
      List<ElfSymbolReader.Symbol> fns = new ArrayList<>();
      if (!d.function().isEmpty() && !Glob.isGlob(d.function())) {
        ElfSymbolReader.Symbol s = syms.get(d.function());
        if (s != null) {
          fns.add(s);
        }
      } else {
        for (ElfSymbolReader.Symbol s : syms.values()) {
          if (Glob.matches(d.function(), s.name())) {
            fns.add(s);
          }
        }
      }
      for (ElfSymbolReader.Symbol s : fns) {
        for (String name : new String[] {"entry", "return"}) {
          if (Glob.matches(d.name(), name)) {
            boolean ret = name.equals("return");
            ProbeInfo info = new ProbeInfo(ProbeIds.of(provider, mod.getKey(), s.name(), name),
                provider, mod.getKey(), s.name(), name, ret ? List.of("uintptr_t", "uint64_t")
                    : List.of("uint64_t", "uint64_t", "uint64_t", "uint64_t", "uint64_t",
                        "uint64_t"));
            out.add(register(new UprobeProbe(info, pid, mod.getValue(), s.fileOffset(), ret))
                .info());
          }
        }
      }
    }
    return out;
  }
}

package org.hypertrace.kernel.prov;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.kernel.tracefs.EventFormat;
import org.hypertrace.kernel.tracefs.FormatField;
import org.hypertrace.kernel.tracefs.Tracefs;

/**
 * {@code syscall::NAME:entry} and {@code syscall::NAME:return} for every system call the running
 * kernel has a {@code syscalls:sys_enter_NAME}/{@code sys_exit_NAME} tracepoint for. Entry:
 * args[0..5] are the call's arguments, typed from the tracepoint format. Return: arg0 = arg1 =
 * the return value, or -1 with errno set when the kernel returned -4095..-1 (as DTrace's syscall
 * provider reports errors). A description naming one function reads only its two formats.
 */
public class SyscallProvider extends KernelProvider {
  private static final String ENTER = "sys_enter_";
  private static final String EXIT = "sys_exit_";

  /** Public no-arg constructor for ServiceLoader. */
  public SyscallProvider() {}

  @Override
  public String name() {
    return "syscall";
  }

  @Override
  protected List<KernelProbe> describe(Tracefs t) {
    List<KernelProbe> out = new ArrayList<>();
    if (t == null) {
      return out;
    }
    for (String ev : t.events("syscalls")) {
      if (ev.startsWith(ENTER)) {
        out.add(entry(t, ev.substring(ENTER.length())));
      } else if (ev.startsWith(EXIT)) {
        KernelProbe r = ret(t, ev.substring(EXIT.length()));
        if (r != null) {
          out.add(r);
        }
      }
    }
    return out;
  }

  private static KernelProbe entry(Tracefs t, String fn) {
    EventFormat f = t.format("syscalls", ENTER + fn);
    List<String> args = new ArrayList<>();
    for (FormatField field : f.fields()) {
      if (!field.name().equals("__syscall_nr")) {
        args.add(field.name());
      }
    }
    return TracepointProbe.of("syscall", "", fn, "entry", f, args).withUserStrings();
  }

  private static KernelProbe ret(Tracefs t, String fn) {
    EventFormat f = t.format("syscalls", EXIT + fn);
    FormatField r = f.field("ret");
    if (r == null) {
      return null;
    }
    ProbeInfo info = new ProbeInfo(ProbeIds.of("syscall", "", fn, "return"), "syscall", "", fn,
        "return", List.of(r.type(), r.type()));
    return new TracepointProbe(info, f, a -> CaptureProgram.syscallReturn(a, r.offset()));
  }

  /**
   * Arms per-call tracepoints for a few calls, and the raw sys_enter/sys_exit multiplexer
   * ({@link SyscallMux}) for a direction with at least {@link SyscallMux#THRESHOLD} calls of
   * known number.
   */
  @Override
  protected void attach(List<KernelProbe> probes, ProbeSession session, TaskLayout task) {
    Map<String, Integer> nr = SyscallMux.numbers();
    List<KernelProbe> single = new ArrayList<>();
    List<TracepointProbe> entries = new ArrayList<>();
    List<TracepointProbe> returns = new ArrayList<>();
    for (KernelProbe p : probes) {
      if (p instanceof TracepointProbe && nr.containsKey(p.info().function())) {
        (p.info().name().equals("entry") ? entries : returns).add((TracepointProbe) p);
      } else {
        single.add(p);
      }
    }
    for (List<TracepointProbe> dir : List.of(entries, returns)) {
      if (SyscallMux.THRESHOLD <= 0 || dir.size() < SyscallMux.THRESHOLD) {
        single.addAll(dir);
      } else {
        try {
          SyscallMux.attach(dir, dir == returns, session, task);
        } catch (RuntimeException e) {
          throw failed(session, dir.get(0), e);
        }
      }
    }
    super.attach(single, session, task);
  }

  @Override
  public List<ProbeInfo> probes(ProbeDescription d) {
    String fn = d.function();
    if (fn.isEmpty() || Glob.isGlob(fn) || !Glob.matches(d.provider(), name())
        || !Glob.matches(d.module(), "")) {
      return super.probes(d);
    }
    List<ProbeInfo> out = new ArrayList<>();
    Tracefs t;
    try {
      t = Tracefs.host();
    } catch (IllegalStateException e) {
      return out;
    }
    if (Glob.matches(d.name(), "entry") && t.exists("syscalls", ENTER + fn)) {
      out.add(register(entry(t, fn)).info());
    }
    if (Glob.matches(d.name(), "return") && t.exists("syscalls", EXIT + fn)) {
      KernelProbe r = ret(t, fn);
      if (r != null) {
        out.add(register(r).info());
      }
    }
    return out;
  }
}

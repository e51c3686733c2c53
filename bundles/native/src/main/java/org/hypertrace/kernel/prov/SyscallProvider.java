package org.hypertrace.kernel.prov;

import java.util.ArrayList;
import java.util.List;
import org.hypertrace.api.provider.ProbeInfo;
import org.hypertrace.kernel.tracefs.EventFormat;
import org.hypertrace.kernel.tracefs.FormatField;
import org.hypertrace.kernel.tracefs.Tracefs;

/**
 * {@code syscall::NAME:entry} and {@code syscall::NAME:return} for every system call the running
 * kernel has a {@code syscalls:sys_enter_NAME}/{@code sys_exit_NAME} tracepoint for. Entry: args[0..5]
 * are the call's arguments, typed from the tracepoint format. Return: arg0 = arg1 = the return
 * value, or -1 with errno set when the kernel returned -4095..-1 (as DTrace's syscall provider
 * reports errors).
 */
public class SyscallProvider extends KernelProvider {
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
      if (ev.startsWith("sys_enter_")) {
        String fn = ev.substring("sys_enter_".length());
        EventFormat f = t.format("syscalls", ev);
        List<String> args = new ArrayList<>();
        for (FormatField field : f.fields()) {
          if (!field.name().equals("__syscall_nr")) {
            args.add(field.name());
          }
        }
        out.add(TracepointProbe.of("syscall", "", fn, "entry", f, args));
      } else if (ev.startsWith("sys_exit_")) {
        String fn = ev.substring("sys_exit_".length());
        EventFormat f = t.format("syscalls", ev);
        FormatField ret = f.field("ret");
        if (ret == null) {
          continue;
        }
        ProbeInfo info = new ProbeInfo(ProbeIds.of("syscall", "", fn, "return"), "syscall", "",
            fn, "return", List.of(ret.type(), ret.type()));
        out.add(new TracepointProbe(info, f, a -> CaptureProgram.syscallReturn(a, ret.offset())));
      }
    }
    return out;
  }
}

package org.hypertrace.kernel.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** perf_event_open(2) through libc's {@code syscall(2)} (glibc has no wrapper). */
public interface PerfEventLibrary extends Library {
  /** The one instance, bound to libc. */
  PerfEventLibrary INSTANCE = Native.load("c", PerfEventLibrary.class);

  /** x86_64 system call number of perf_event_open(2). */
  long SYS_PERF_EVENT_OPEN = 298;

  /**
   * {@code syscall(SYS_perf_event_open, attr, pid, cpu, group_fd, flags)}.
   *
   * @return a new file descriptor; on error -1 and errno is set (EACCES/EPERM when
   *     perf_event_paranoid forbids it, ENOENT for an unknown type or config, EINVAL, EMFILE ...)
   */
  long syscall(long number, PerfEventAttr attr, int pid, int cpu, int groupFd, long flags)
      throws LastErrorException;
}

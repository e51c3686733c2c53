package org.hypertrace.kernel.sys;

import com.sun.jna.LastErrorException;

/**
 * perf_event_open(2) and the perf ioctls as Java methods, errno turned into
 * {@link SyscallException}. Request numbers are those of uapi linux/perf_event.h on x86_64.
 */
public final class PerfEvents {
  public static final long PERF_EVENT_IOC_ENABLE = 0x2400;
  public static final long PERF_EVENT_IOC_DISABLE = 0x2401;
  public static final long PERF_EVENT_IOC_SET_BPF = 0x40042408L;
  public static final long PERF_FLAG_FD_CLOEXEC = 8;

  private PerfEvents() {}

  /**
   * perf_event_open(2).
   *
   * @return the event's file descriptor
   */
  public static int open(PerfEventAttr attr, int pid, int cpu, int groupFd, long flags) {
    attr.write();
    try {
      return (int) PerfEventLibrary.INSTANCE.syscall(PerfEventLibrary.SYS_PERF_EVENT_OPEN, attr,
          pid, cpu, groupFd, flags);
    } catch (LastErrorException e) {
      throw new SyscallException("perf_event_open(type " + attr.type + ", config " + attr.config
          + ", cpu " + cpu + ")", e.getErrorCode());
    }
  }

  /** ioctl(fd, request, arg) with errno turned into {@link SyscallException}. */
  public static void ioctl(int fd, long request, long arg, String requestName) {
    try {
      IoctlLibrary.INSTANCE.ioctl(fd, request, arg);
    } catch (LastErrorException e) {
      throw new SyscallException("ioctl(" + requestName + ")", e.getErrorCode());
    }
  }

  /** PERF_EVENT_IOC_SET_BPF: runs program progFd on every firing of the event. */
  public static void setBpf(int fd, int progFd) {
    ioctl(fd, PERF_EVENT_IOC_SET_BPF, progFd, "PERF_EVENT_IOC_SET_BPF");
  }

  /** PERF_EVENT_IOC_ENABLE. */
  public static void enable(int fd) {
    ioctl(fd, PERF_EVENT_IOC_ENABLE, 0, "PERF_EVENT_IOC_ENABLE");
  }

  /** PERF_EVENT_IOC_DISABLE. */
  public static void disable(int fd) {
    ioctl(fd, PERF_EVENT_IOC_DISABLE, 0, "PERF_EVENT_IOC_DISABLE");
  }
}

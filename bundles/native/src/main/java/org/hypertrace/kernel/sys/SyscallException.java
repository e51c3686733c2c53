package org.hypertrace.kernel.sys;

/**
 * The one exception a failed system call becomes at the JNA boundary: it names the call (with the
 * bpf/ioctl command where there is one), the errno value, its symbolic name and strerror text, for
 * example {@code bpf(BPF_PROG_LOAD): Permission denied (EACCES, errno 13)}.
 */
public class SyscallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** errno values used by callers to react to specific failures. */
  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int EINTR = 4;
  public static final int EBADF = 9;
  public static final int EAGAIN = 11;
  public static final int ENOMEM = 12;
  public static final int EACCES = 13;
  public static final int EFAULT = 14;
  public static final int EBUSY = 16;
  public static final int EINVAL = 22;
  public static final int ENOSPC = 28;
  public static final int ENOSYS = 38;
  public static final int E2BIG = 7;
  public static final int EOPNOTSUPP = 95;
  public static final int ENOTSUPP = 524;

  private final String syscall;
  private final int errno;

  /**
   * @param syscall the call as it should be printed, e.g. "bpf(BPF_MAP_CREATE)"
   * @param errno   the errno the call left
   */
  public SyscallException(String syscall, int errno) {
    this(syscall, errno, null);
  }

  /**
   * @param syscall the call as it should be printed
   * @param errno   the errno the call left
   * @param detail  extra text appended on its own lines (the verifier log), or null
   */
  public SyscallException(String syscall, int errno, String detail) {
    super(syscall + ": " + Errno.describe(errno) + (detail == null || detail.isEmpty() ? ""
        : "\n" + detail));
    this.syscall = syscall;
    this.errno = errno;
  }

  /** @return the call that failed */
  public String syscall() {
    return syscall;
  }

  /** @return the errno value */
  public int errno() {
    return errno;
  }

  /** @return true when the failure means "not privileged" (EPERM or EACCES) */
  public boolean isPermission() {
    return errno == EPERM || errno == EACCES;
  }
}

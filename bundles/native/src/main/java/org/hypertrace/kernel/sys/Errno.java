package org.hypertrace.kernel.sys;

import java.util.Map;

/**
 * errno names and texts (asm-generic/errno-base.h, errno.h and the kernel-internal ENOTSUPP that
 * bpf(2) can leak), so that messages read like strerror(3) without a call into libc.
 */
final class Errno {
  private static final Map<Integer, String[]> TABLE = Map.ofEntries(
      Map.entry(1, new String[] {"EPERM", "Operation not permitted"}),
      Map.entry(2, new String[] {"ENOENT", "No such file or directory"}),
      Map.entry(3, new String[] {"ESRCH", "No such process"}),
      Map.entry(4, new String[] {"EINTR", "Interrupted system call"}),
      Map.entry(5, new String[] {"EIO", "Input/output error"}),
      Map.entry(7, new String[] {"E2BIG", "Argument list too long"}),
      Map.entry(9, new String[] {"EBADF", "Bad file descriptor"}),
      Map.entry(11, new String[] {"EAGAIN", "Resource temporarily unavailable"}),
      Map.entry(12, new String[] {"ENOMEM", "Cannot allocate memory"}),
      Map.entry(13, new String[] {"EACCES", "Permission denied"}),
      Map.entry(14, new String[] {"EFAULT", "Bad address"}),
      Map.entry(16, new String[] {"EBUSY", "Device or resource busy"}),
      Map.entry(17, new String[] {"EEXIST", "File exists"}),
      Map.entry(19, new String[] {"ENODEV", "No such device"}),
      Map.entry(22, new String[] {"EINVAL", "Invalid argument"}),
      Map.entry(24, new String[] {"EMFILE", "Too many open files"}),
      Map.entry(25, new String[] {"ENOTTY", "Inappropriate ioctl for device"}),
      Map.entry(28, new String[] {"ENOSPC", "No space left on device"}),
      Map.entry(38, new String[] {"ENOSYS", "Function not implemented"}),
      Map.entry(95, new String[] {"EOPNOTSUPP", "Operation not supported"}),
      Map.entry(524, new String[] {"ENOTSUPP", "Operation not supported (kernel-internal)"}));

  private Errno() {}

  /** @return "text (NAME, errno N)" for an errno value */
  static String describe(int errno) {
    String[] e = TABLE.get(errno);
    return e == null ? "error " + errno + " (errno " + errno + ")"
        : e[1] + " (" + e[0] + ", errno " + errno + ")";
  }
}

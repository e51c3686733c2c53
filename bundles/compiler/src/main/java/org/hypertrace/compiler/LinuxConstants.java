package org.hypertrace.compiler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The integer inlines of libdtrace's errno.d and signal.d (and signal.d's CLD_* codes of
 * proc:::exit), with the values of Linux on x86-64 (asm-generic/errno-base.h, errno.h,
 * asm/signal.h, siginfo.h), since the Linux providers report Linux errnos and signal numbers:
 * {@code proc:::exec-failure /args[0] == ENOENT/}, {@code args[2] == SIGUSR1}.
 */
final class LinuxConstants {
  private LinuxConstants() {}

  /** Name to value, in the headers' order. */
  static final Map<String, Integer> VALUES = new LinkedHashMap<>();

  static {
    String[] errno = {"EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC",
        "EBADF", "ECHILD", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST",
        "EXDEV", "ENODEV", "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY",
        "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE", "EROFS", "EMLINK", "EPIPE", "EDOM", "ERANGE",
        "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS", "ENOTEMPTY", "ELOOP"};
    for (int i = 0; i < errno.length; i++) {
      VALUES.put(errno[i], i + 1);
    }
    VALUES.put("EWOULDBLOCK", 11);
    VALUES.put("EDEADLOCK", 35);
    VALUES.put("ENOMSG", 42);
    VALUES.put("EIDRM", 43);
    VALUES.put("ENOSTR", 60);
    VALUES.put("ENODATA", 61);
    VALUES.put("ETIME", 62);
    VALUES.put("EOVERFLOW", 75);
    VALUES.put("EILSEQ", 84);
    VALUES.put("ENOTSOCK", 88);
    VALUES.put("EMSGSIZE", 90);
    VALUES.put("EOPNOTSUPP", 95);
    VALUES.put("ENOTSUP", 95);
    VALUES.put("EAFNOSUPPORT", 97);
    VALUES.put("EADDRINUSE", 98);
    VALUES.put("EADDRNOTAVAIL", 99);
    VALUES.put("ENETDOWN", 100);
    VALUES.put("ENETUNREACH", 101);
    VALUES.put("ECONNABORTED", 103);
    VALUES.put("ECONNRESET", 104);
    VALUES.put("ENOBUFS", 105);
    VALUES.put("EISCONN", 106);
    VALUES.put("ENOTCONN", 107);
    VALUES.put("ETIMEDOUT", 110);
    VALUES.put("ECONNREFUSED", 111);
    VALUES.put("EHOSTUNREACH", 113);
    VALUES.put("EALREADY", 114);
    VALUES.put("EINPROGRESS", 115);
    VALUES.put("ESTALE", 116);
    VALUES.put("EDQUOT", 122);
    VALUES.put("ECANCELED", 125);
    String[] signals = {"SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
        "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM",
        "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN",
        "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO",
        "SIGPWR", "SIGSYS"};
    for (int i = 0; i < signals.length; i++) {
      VALUES.put(signals[i], i + 1);
    }
    VALUES.put("SIGIOT", 6);
    VALUES.put("SIGCLD", 17);
    VALUES.put("SIGPOLL", 29);
    String[] cld = {"CLD_EXITED", "CLD_KILLED", "CLD_DUMPED", "CLD_TRAPPED", "CLD_STOPPED",
        "CLD_CONTINUED"};
    for (int i = 0; i < cld.length; i++) {
      VALUES.put(cld[i], i + 1);
    }
  }
}

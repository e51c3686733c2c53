package org.hypertrace.cli;

/** Linux signal names by number, for "pid N terminated by SIGNAME" notices. */
final class Signals {
  private static final String[] NAMES = {
    "0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
    "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
    "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
    "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"
  };

  private Signals() {}

  /** @param n signal number @return its name, or "signal n" */
  static String name(int n) {
    return n > 0 && n < NAMES.length ? NAMES[n] : "signal " + n;
  }
}

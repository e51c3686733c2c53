package org.hypertrace.kernel.sys;

/** BPF_PROG_LOAD rejected a program: the message ends with the verifier's log. */
public class VerifierException extends SyscallException {
  private static final long serialVersionUID = 1L;
  private final String log;

  /**
   * @param syscall the call, e.g. "bpf(BPF_PROG_LOAD) of capture"
   * @param errno   errno of the failed load
   * @param log     the verifier log (level 1)
   */
  public VerifierException(String syscall, int errno, String log) {
    super(syscall, errno, "verifier log:\n" + log.strip());
    this.log = log;
  }

  /** @return the verifier's log text */
  public String log() {
    return log;
  }
}

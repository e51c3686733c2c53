package org.hypertrace.api.provider;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The context of one probe firing as a provider delivers it: the arguments and the built-ins the
 * firing thread supplies. A provider reuses one instance per delivering thread, so consumers must
 * not keep it past {@link ProbeListener#fire}.
 */
@ConsumerType
public interface ProbeContext {
  /** @param i argument index, 0..9 @return argN */
  long arg(int i);

  /** @return process id */
  int pid();

  /** @return thread id */
  int tid();

  /** @return parent process id */
  int ppid();

  /** @return user id */
  int uid();

  /** @return group id */
  int gid();

  /** @return CPU the probe fired on */
  int cpu();

  /** @return errno of the thread (syscall return probes), else 0 */
  int errno();

  /** @return the thread's task address (curthread), or 0 */
  long curthread();

  /**
   * The time of the firing, for providers that deliver late (kernel providers drain their ring
   * buffers on a timer, up to milliseconds after the firing).
   *
   * @return CLOCK_MONOTONIC nanoseconds (the clock of {@link System#nanoTime()} on Linux) when the
   *     firing happened, or 0 when the provider does not stamp firings (use the delivery time)
   */
  default long timestamp() {
    return 0;
  }

  /** @return the executable name (comm) */
  String execname();

  /**
   * The command line of the firing process as psinfo_t's {@code pr_psargs} holds it: the
   * arguments separated by single spaces, at most {@link #PRARGSZ} - 1 bytes. Providers that
   * can read it at delivery (a kernel provider reads /proc/PID/cmdline) override this.
   *
   * @return the command line; by default the executable name
   */
  default String psargs() {
    return execname();
  }

  /** Size of psinfo_t's {@code pr_psargs} (procfs.h PRARGSZ), its NUL included. */
  int PRARGSZ = 80;

  /** @return the VM the probe fired in, or null for the host */
  String vmname();

  /**
   * Reads memory of the firing context (copyin, member loads). Kernel memory is readable only
   * where the provider captured it at the firing ({@link ProbeListener#captures}); a read that
   * starts inside a captured range returns what that range holds from there, possibly fewer than
   * {@code len} bytes (a captured string ends at its NUL).
   *
   * @param address source address
   * @param dst     destination
   * @param off     offset in dst
   * @param len     bytes to read
   * @return bytes read, or -1 if the address is not readable
   */
  int read(long address, byte[] dst, int off, int len);

  /**
   * The kernel stack captured at the firing ({@code stack()}), innermost frame first. Providers
   * capture it only for probes whose listener asked through {@link ProbeListener#stacks}.
   *
   * @param pcs receives the program counters
   * @return frames written (at most pcs.length), 0 when none was captured
   */
  default int kernelStack(long[] pcs) {
    return 0;
  }

  /**
   * The user stack captured at the firing ({@code ustack()}), innermost frame first.
   *
   * @param pcs receives the program counters
   * @return frames written (at most pcs.length), 0 when none was captured
   */
  default int userStack(long[] pcs) {
    return 0;
  }

  /**
   * Symbolises a program counter as dtrace prints stack frames: {@code module`function+0xoff},
   * {@code module`function} at offset 0, or null when the provider cannot resolve it (the
   * consumer then prints the address in hex).
   *
   * @param pc   a program counter from {@link #kernelStack} or {@link #userStack}
   * @param user true for an address in the firing process, false for a kernel address
   * @return the symbolic form, or null
   */
  default String symbol(long pc, boolean user) {
    return null;
  }
}

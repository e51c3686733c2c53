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

  /** @return the executable name (comm) */
  String execname();

  /** @return the VM the probe fired in, or null for the host */
  String vmname();

  /**
   * Reads memory of the firing context (copyin, member loads).
   *
   * @param address source address
   * @param dst     destination
   * @param off     offset in dst
   * @param len     bytes to read
   * @return bytes read, or -1 if the address is not readable
   */
  int read(long address, byte[] dst, int off, int len);
}

package org.hypertrace.kernel.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;

/**
 * bpf(2) through libc's {@code syscall(2)} (glibc has no bpf wrapper). Callers use {@link Bpf},
 * which turns errno into {@link SyscallException}.
 */
public interface BpfLibrary extends Library {
  /** The one instance, bound to libc. */
  BpfLibrary INSTANCE = Native.load("c", BpfLibrary.class);

  /** x86_64 system call number of bpf(2). */
  long SYS_BPF = 321;

  /**
   * {@code syscall(SYS_bpf, cmd, attr, size)}.
   *
   * @return for BPF_MAP_CREATE, BPF_PROG_LOAD, BPF_LINK_CREATE and BPF_RAW_TRACEPOINT_OPEN a new
   *     file descriptor; 0 for the other commands. On error -1 and errno is set (EPERM without
   *     CAP_BPF, EACCES when the verifier rejects a program, EINVAL, E2BIG, ENOMEM, ENOENT ...).
   */
  long syscall(long number, int cmd, Structure attr, int size) throws LastErrorException;
}

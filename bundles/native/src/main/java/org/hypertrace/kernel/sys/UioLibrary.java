package org.hypertrace.kernel.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/** process_vm_readv(2): reads another process's memory (copyin of probe arguments). */
public interface UioLibrary extends Library {
  /** The one instance, bound to libc. */
  UioLibrary INSTANCE = Native.load("c", UioLibrary.class);

  /** {@code struct iovec} of sys/uio.h. */
  @FieldOrder({"iov_base", "iov_len"})
  class iovec extends Structure {
    public Pointer iov_base;
    public long iov_len;
  }

  /**
   * {@code process_vm_readv(pid, local, liovcnt, remote, riovcnt, flags)}.
   *
   * @return bytes read (possibly fewer than asked at an unmapped page); on error -1 and errno is
   *     set (EFAULT for an unmapped remote address, ESRCH when the process is gone, EPERM)
   */
  long process_vm_readv(int pid, iovec local, long liovcnt, iovec remote, long riovcnt,
      long flags) throws LastErrorException;
}

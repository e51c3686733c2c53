package org.hypertrace.kernel.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** The unistd.h and mount(2) calls this bundle needs: close, identities, mount. */
public interface UnistdLibrary extends Library {
  /** The one instance, bound to libc. */
  UnistdLibrary INSTANCE = Native.load("c", UnistdLibrary.class);

  /** @return 0; on error -1 and errno is set (EBADF, EINTR, EIO) */
  int close(int fd) throws LastErrorException;

  /** @return the calling process id; never fails */
  int getpid();

  /** @return the parent's process id; never fails */
  int getppid();

  /** @return the calling thread id; never fails */
  int gettid();

  /** @return the size of a memory page; never fails */
  int getpagesize();

  /** @return the effective user id; never fails */
  int geteuid();

  /**
   * {@code mount(source, target, fstype, flags, data)}.
   *
   * @return 0; on error -1 and errno is set (EPERM without CAP_SYS_ADMIN, ENODEV for an unknown
   *     file system type, ENOENT, EBUSY)
   */
  int mount(String source, String target, String fstype, long flags, String data)
      throws LastErrorException;
}

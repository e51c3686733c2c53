package org.hypertrace.kernel.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** ioctl(2), used here on perf event descriptors. */
public interface IoctlLibrary extends Library {
  /** The one instance, bound to libc. */
  IoctlLibrary INSTANCE = Native.load("c", IoctlLibrary.class);

  /**
   * {@code ioctl(fd, request, arg)}.
   *
   * @return usually 0; on error -1 and errno is set (EBADF, EINVAL, ENOTTY, EEXIST when a BPF
   *     program is already attached to the event)
   */
  int ioctl(int fd, long request, long arg) throws LastErrorException;
}

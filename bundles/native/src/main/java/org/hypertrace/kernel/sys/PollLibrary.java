package org.hypertrace.kernel.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/** poll(2), used to sleep on a ring buffer descriptor until the kernel wakes the consumer. */
public interface PollLibrary extends Library {
  /** The one instance, bound to libc. */
  PollLibrary INSTANCE = Native.load("c", PollLibrary.class);

  short POLLIN = 1;

  /** {@code struct pollfd} of poll.h. */
  @FieldOrder({"fd", "events", "revents"})
  class pollfd extends Structure {
    public int fd;
    public short events;
    public short revents;
  }

  /**
   * {@code poll(fds, nfds, timeout)}.
   *
   * @return the number of ready descriptors, 0 on timeout; on error -1 and errno is set (EINTR,
   *     EFAULT, EINVAL, ENOMEM)
   */
  int poll(pollfd fds, int nfds, int timeout) throws LastErrorException;
}

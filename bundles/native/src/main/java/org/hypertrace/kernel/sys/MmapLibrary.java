package org.hypertrace.kernel.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** mmap(2) and munmap(2), used to map BPF ring buffers. */
public interface MmapLibrary extends Library {
  /** The one instance, bound to libc. */
  MmapLibrary INSTANCE = Native.load("c", MmapLibrary.class);

  int PROT_READ = 1;
  int PROT_WRITE = 2;
  int MAP_SHARED = 1;

  /**
   * {@code mmap(addr, length, prot, flags, fd, offset)}.
   *
   * @return the mapping; on error MAP_FAILED ((void *) -1) and errno is set (EACCES, EINVAL,
   *     EPERM for a writable mapping of a read-only ring buffer area, ENOMEM)
   */
  Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset)
      throws LastErrorException;

  /** @return 0; on error -1 and errno is set (EINVAL) */
  int munmap(Pointer addr, long length) throws LastErrorException;
}

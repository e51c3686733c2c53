package org.hypertrace.dtraced.remote;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One probe firing as a minion sends it up: which statement of the program it is for, and what
 * the guest's probe context held (HyperTrace's argument block: args[10], curthread, execname,
 * tid, pid, ppid, uid, gid, errno, cpu). The host runs the clause with its own clock, so no guest
 * timestamp travels. Mutable and reused: the collector fills one per firing.
 *
 * <p>Layout, big-endian: u16 statement, u32 pid, tid, ppid, uid, gid, cpu, i32 errno, u64
 * curthread, 10 × u64 args, u8 execname length (at most {@value #MAX_EXECNAME}), execname; then
 * (version 2) the guest kernel memory the statement's clauses read, as the guest's probe captured
 * it: u8 count (at most {@value #MAX_MEMORY}), each u64 address, u8 length (at most
 * {@value #MAX_MEMORY_BYTES}), bytes.
 */
public final class FiringRecord {
  /** Longest execname kept (Linux's comm is 16 bytes; guests are not trusted to keep to it). */
  public static final int MAX_EXECNAME = 64;
  /** Most memory ranges one firing carries. */
  public static final int MAX_MEMORY = 32;
  /** Longest memory range (a captured string: the engine's MemoryCaptures.STRING_MAX). */
  public static final int MAX_MEMORY_BYTES = 64;
  /** Largest encoded size. */
  public static final int MAX_SIZE = 2 + 7 * 4 + 8 + 80 + 1 + MAX_EXECNAME + 1
      + MAX_MEMORY * (9 + MAX_MEMORY_BYTES);

  int statement;
  int pid;
  int tid;
  int ppid;
  int uid;
  int gid;
  int cpu;
  int errno;
  long curthread;
  final long[] args = new long[10];
  String execname = "";
  int memCount;
  final long[] memAddr = new long[MAX_MEMORY];
  final int[] memLen = new int[MAX_MEMORY];
  /** Range buffers, made on first use: most firings carry no kernel memory (one per firing). */
  final byte[][] memBytes = new byte[MAX_MEMORY][];

  /**
   * Adds a captured memory range unless it is already held or the record is full.
   *
   * @return false when the record is full
   */
  boolean addMemory(long address, byte[] b, int len) {
    for (int i = 0; i < memCount; i++) {
      if (memAddr[i] == address && memLen[i] >= len) {
        return true;
      }
    }
    if (memCount == MAX_MEMORY) {
      return false;
    }
    int n = Math.min(len, MAX_MEMORY_BYTES);
    slot(memCount);
    memAddr[memCount] = address;
    memLen[memCount] = n;
    System.arraycopy(b, 0, memBytes[memCount], 0, n);
    memCount++;
    return true;
  }

  private byte[] slot(int i) {
    if (memBytes[i] == null) {
      memBytes[i] = new byte[MAX_MEMORY_BYTES];
    }
    return memBytes[i];
  }

  /** ProbeContext.read over the captured ranges: bytes from the range holding address. */
  int readMemory(long address, byte[] dst, int off, int len) {
    for (int i = 0; i < memCount; i++) {
      long d = address - memAddr[i];
      if (d >= 0 && d < memLen[i]) {
        int n = (int) Math.min(len, memLen[i] - d);
        System.arraycopy(memBytes[i], (int) d, dst, off, n);
        return n;
      }
    }
    return -1;
  }

  /** @return a DATA payload holding this record alone: the version byte, then the record */
  byte[] encode() {
    byte[] e = execname.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(e.length, MAX_EXECNAME);
    int mem = 1;
    for (int i = 0; i < memCount; i++) {
      mem += 9 + memLen[i];
    }
    ByteBuffer b = ByteBuffer.wrap(new byte[1 + 2 + 7 * 4 + 8 + 80 + 1 + n + mem]);
    b.put((byte) FiringRecords.VERSION);
    b.putShort((short) statement).putInt(pid).putInt(tid).putInt(ppid).putInt(uid).putInt(gid)
        .putInt(cpu).putInt(errno).putLong(curthread);
    for (long a : args) {
      b.putLong(a);
    }
    b.put((byte) n).put(e, 0, n);
    b.put((byte) memCount);
    for (int i = 0; i < memCount; i++) {
      b.putLong(memAddr[i]).put((byte) memLen[i]).put(memBytes[i], 0, memLen[i]);
    }
    return b.array();
  }

  /**
   * @param b the records
   * @throws FiringFormatException naming the field when the bytes are not a record
   */
  void read(ByteBuffer b, int version) throws FiringFormatException {
    try {
      statement = b.getShort() & 0xffff;
      pid = b.getInt();
      tid = b.getInt();
      ppid = b.getInt();
      uid = b.getInt();
      gid = b.getInt();
      cpu = b.getInt();
      errno = b.getInt();
      curthread = b.getLong();
      for (int i = 0; i < args.length; i++) {
        args[i] = b.getLong();
      }
      int n = b.get() & 0xff;
      if (n > MAX_EXECNAME) {
        throw new FiringFormatException("firing record: execname length " + n + " exceeds "
            + MAX_EXECNAME);
      }
      byte[] e = new byte[n];
      b.get(e);
      execname = new String(e, StandardCharsets.UTF_8);
      memCount = 0;
      if (version >= 2) {
        int m = b.get() & 0xff;
        if (m > MAX_MEMORY) {
          throw new FiringFormatException("firing record: " + m + " memory ranges exceed "
              + MAX_MEMORY);
        }
        for (int i = 0; i < m; i++) {
          memAddr[i] = b.getLong();
          int len = b.get() & 0xff;
          if (len > MAX_MEMORY_BYTES) {
            throw new FiringFormatException("firing record: memory range " + i + " of " + len
                + " bytes exceeds " + MAX_MEMORY_BYTES);
          }
          b.get(slot(i), 0, len);
          memLen[i] = len;
          memCount = i + 1;
        }
      }
    } catch (BufferUnderflowException e) {
      throw new FiringFormatException("firing record: truncated");
    }
  }
}

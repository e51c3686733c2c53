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
 * curthread, 10 × u64 args, u8 execname length (at most {@value #MAX_EXECNAME}), execname.
 */
public final class FiringRecord {
  /** Longest execname kept (Linux's comm is 16 bytes; guests are not trusted to keep to it). */
  public static final int MAX_EXECNAME = 64;
  /** Largest encoded size. */
  public static final int MAX_SIZE = 2 + 7 * 4 + 8 + 80 + 1 + MAX_EXECNAME;

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

  /** @return a DATA payload holding this record alone: the version byte, then the record */
  byte[] encode() {
    byte[] e = execname.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(e.length, MAX_EXECNAME);
    ByteBuffer b = ByteBuffer.wrap(new byte[1 + MAX_SIZE - MAX_EXECNAME + n]);
    b.put((byte) FiringRecords.VERSION);
    b.putShort((short) statement).putInt(pid).putInt(tid).putInt(ppid).putInt(uid).putInt(gid)
        .putInt(cpu).putInt(errno).putLong(curthread);
    for (long a : args) {
      b.putLong(a);
    }
    b.put((byte) n).put(e, 0, n);
    return b.array();
  }

  /**
   * @param b the records
   * @throws FiringFormatException naming the field when the bytes are not a record
   */
  void read(ByteBuffer b) throws FiringFormatException {
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
    } catch (BufferUnderflowException e) {
      throw new FiringFormatException("firing record: truncated");
    }
  }
}

package org.hypertrace.kernel.prov;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Byte offsets of the few {@code task_struct} and {@code cred} members the capture programs read
 * with bpf_probe_read_kernel (parent's tgid for ppid; pid, tgid, comm and credentials of a task
 * that is not current). Found in the running kernel's BTF: a minimal walk of
 * /sys/kernel/btf/vmlinux (uapi linux/btf.h layout) that only sizes records and reads struct
 * members, descending into anonymous members. The full BTF type model belongs to guest-types.
 *
 * @param pid        task_struct.pid
 * @param tgid       task_struct.tgid
 * @param realParent task_struct.real_parent
 * @param comm       task_struct.comm
 * @param realCred   task_struct.real_cred
 * @param credUid    cred.uid (kuid_t, its val first)
 * @param credGid    cred.gid
 * @param exitCode   task_struct.exit_code
 */
public record TaskLayout(int pid, int tgid, int realParent, int comm, int realCred, int credUid,
    int credGid, int exitCode) {
  private static final int KIND_STRUCT = 4;
  private static final int KIND_UNION = 5;
  private static volatile TaskLayout host;
  private static volatile boolean probed;

  /** @return the running kernel's layout, or null when its BTF is missing or incomplete */
  public static TaskLayout host() {
    if (!probed) {
      synchronized (TaskLayout.class) {
        if (!probed) {
          try {
            host = read(Files.readAllBytes(Path.of("/sys/kernel/btf/vmlinux")));
          } catch (IOException | RuntimeException e) {
            host = null;
          }
          probed = true;
        }
      }
    }
    return host;
  }

  /**
   * @param btf raw BTF (header, type section, string section)
   * @return the layout, or null when a member is missing
   */
  public static TaskLayout read(byte[] btf) {
    Btf b = new Btf(btf);
    int task = b.struct("task_struct");
    int cred = b.struct("cred");
    if (task < 0 || cred < 0) {
      return null;
    }
    int[] offs = {b.member(task, "pid"), b.member(task, "tgid"), b.member(task, "real_parent"),
        b.member(task, "comm"), b.member(task, "real_cred"), b.member(cred, "uid"),
        b.member(cred, "gid"), b.member(task, "exit_code")};
    for (int o : offs) {
      if (o < 0) {
        return null;
      }
    }
    return new TaskLayout(offs[0], offs[1], offs[2], offs[3], offs[4], offs[5], offs[6],
        offs[7]);
  }

  /** The few parts of a BTF blob this record needs: type positions and the string table. */
  private static final class Btf {
    private final ByteBuffer buf;
    private final int types;
    private final int strings;
    private int[] at = new int[1 << 16];
    private int count;

    Btf(byte[] data) {
      buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
      if ((buf.getShort(0) & 0xffff) != 0xeb9f) {
        throw new IllegalArgumentException("bad BTF magic");
      }
      int hdr = buf.getInt(4);
      types = hdr + buf.getInt(8);
      int typeLen = buf.getInt(12);
      strings = hdr + buf.getInt(16);
      int p = types;
      count = 1;
      while (p < types + typeLen) {
        if (count == at.length) {
          at = java.util.Arrays.copyOf(at, count * 2);
        }
        at[count++] = p;
        p += 12 + extra(buf.getInt(p + 4));
      }
    }

    private static int extra(int info) {
      int vlen = info & 0xffff;
      switch ((info >>> 24) & 0x1f) {
        case 1: case 14: case 17: return 4;
        case 3: return 12;
        case 4: case 5: case 15: case 19: return 12 * vlen;
        case 6: case 13: return 8 * vlen;
        default: return 0;
      }
    }

    private String name(int off) {
      int end = strings + off;
      while (buf.get(end) != 0) {
        end++;
      }
      return new String(buf.array(), strings + off, end - strings - off, StandardCharsets.UTF_8);
    }

    private int kind(int id) {
      return (buf.getInt(at[id] + 4) >>> 24) & 0x1f;
    }

    int struct(String wanted) {
      for (int id = 1; id < count; id++) {
        int info = buf.getInt(at[id] + 4);
        if (kind(id) == KIND_STRUCT && (info & 0xffff) > 0
            && name(buf.getInt(at[id])).equals(wanted)) {
          return id;
        }
      }
      return -1;
    }

    /** @return byte offset of a member (searching anonymous members too), or -1 */
    int member(int id, String wanted) {
      int info = buf.getInt(at[id] + 4);
      boolean bitfieldEncoding = info < 0;
      int vlen = info & 0xffff;
      for (int i = 0; i < vlen; i++) {
        int m = at[id] + 12 + 12 * i;
        int nameOff = buf.getInt(m);
        int bits = buf.getInt(m + 8);
        int bitOff = bitfieldEncoding ? bits & 0xffffff : bits;
        if (nameOff == 0) {
          int t = resolve(buf.getInt(m + 4));
          if (t > 0 && (kind(t) == KIND_STRUCT || kind(t) == KIND_UNION)) {
            int inner = member(t, wanted);
            if (inner >= 0) {
              return bitOff / 8 + inner;
            }
          }
        } else if (name(nameOff).equals(wanted)) {
          return bitOff / 8;
        }
      }
      return -1;
    }

    private int resolve(int id) {
      // typedef, volatile, const, restrict, type_tag point at the type they qualify
      while (id > 0 && id < count) {
        int k = kind(id);
        if (k == 8 || k == 9 || k == 10 || k == 11 || k == 18) {
          id = buf.getInt(at[id] + 8);
        } else {
          return id;
        }
      }
      return -1;
    }
  }
}

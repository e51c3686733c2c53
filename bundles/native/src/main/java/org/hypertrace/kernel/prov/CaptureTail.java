package org.hypertrace.kernel.prov;

import static org.hypertrace.kernel.ebpf.Opcodes.*;

import java.util.ArrayList;
import java.util.List;
import org.hypertrace.api.provider.MemoryCapture;
import org.hypertrace.api.types.LoadStep;
import org.hypertrace.kernel.ebpf.BpfAssembler;
import org.hypertrace.kernel.ebpf.Label;

/**
 * The memory a capture program copies at the firing, after the record's fixed part: the user
 * strings of copyinstr arguments and the kernel memory a probe's clauses load
 * ({@link MemoryCapture}: {@code curthread->real_cred->uid.val},
 * {@code stringof(curthread->comm)}).
 * Kernel memory is not readable once the firing is over, nor from a JVM, so the program walks each
 * chain in the kernel and the consumer answers {@code ProbeContext.read} from these copies. The
 * tail describes itself, so the consumer needs no plan:
 *
 * <pre>
 * EventRecord.SIZE      u32 count        u32 0
 * then count entries:   u64 address      s32 length read (with the NUL for strings), or -errno
 *                       u16 capacity     u16 space (0 kernel, 1 user)
 *                       bytes[capacity rounded up to 8]
 * </pre>
 *
 * <p>Invariants:
 * <ol>
 *   <li>chains with a common prefix share its entries (real_cred-&gt;uid and real_cred-&gt;gid read
 *       the real_cred pointer once), so entries form a forest, written parents first;</li>
 *   <li>a step reads at (its parent's value + offset); a failed read leaves zeroes
 *       (bpf_probe_read_kernel clears the destination), so the steps after it read at
 *       0 + offset and fail too, and the consumer answers -1 there as DTrace faults on a bad
 *       address;</li>
 *   <li>a record without a tail is exactly {@link EventRecord#SIZE} bytes long.</li>
 * </ol>
 */
final class CaptureTail {
  /** Kernel loads (after sharing prefixes) one program may capture per firing. */
  static final int MAX_STEPS = 16;
  /** Bytes of kernel strings one program may capture: one string of dtrace's default strsize. */
  static final int MAX_STRING_BYTES = 256;
  /** Bytes of other kernel memory one program may capture. */
  static final int MAX_BYTES = 512;
  /** Entry header: address, length, capacity. */
  static final int ENTRY = 16;
  /** Entry space: user memory (a failed copy may still be read from the process later). */
  static final int SPACE_USER = 1;
  /** Where the entries start. */
  static final int ENTRIES = EventRecord.SIZE + 8;

  private static final int KERNEL = 0;
  private static final int KERNEL_STR = 1;
  private static final int USER_STR = 2;

  /** One copy: a node of the forest of chains. */
  private static final class Node {
    final Node parent;
    final int rootField;
    final long offset;
    final int size;
    final int kind;
    final List<Node> children = new ArrayList<>();
    int at;

    Node(Node parent, int rootField, long offset, int size, int kind) {
      this.parent = parent;
      this.rootField = rootField;
      this.offset = offset;
      this.size = size;
      this.kind = kind;
    }

    boolean same(int root, long off, int sz, int k) {
      return rootField == root && offset == off && size == sz && kind == k;
    }
  }

  private final List<Node> roots = new ArrayList<>();
  private final List<Node> entries = new ArrayList<>();
  private int steps;
  private int stringBytes;
  private int bytes;

  private CaptureTail() {}

  /**
   * @param userStrings argument indexes holding user string pointers, copied with
   *                    bpf_probe_read_user_str ({@link EventRecord#STR_SIZE} bytes each)
   * @param captures    kernel memory to copy
   * @throws IllegalArgumentException naming the limit a capture list exceeds
   */
  static CaptureTail of(int[] userStrings, List<MemoryCapture> captures) {
    CaptureTail t = new CaptureTail();
    for (int i : userStrings) {
      Node n = new Node(null, EventRecord.arg(i), 0, EventRecord.STR_SIZE, USER_STR);
      t.roots.add(n);
    }
    for (MemoryCapture c : captures) {
      t.add(c);
    }
    t.check();
    int at = ENTRIES;
    for (Node r : t.roots) {
      at = t.place(r, at);
    }
    return t;
  }

  /** @return null when the captures fit one program, else why not (one line) */
  static String check(List<MemoryCapture> captures) {
    try {
      of(new int[0], captures);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private void add(MemoryCapture c) {
    List<Node> level = roots;
    Node parent = null;
    int root = c.root() == MemoryCapture.ROOT_CURTHREAD ? EventRecord.CURTHREAD
        : EventRecord.arg(c.root());
    List<LoadStep> s = c.steps();
    for (int i = 0; i < s.size(); i++) {
      LoadStep step = s.get(i);
      boolean last = i == s.size() - 1;
      int kind = last && c.string() ? KERNEL_STR : KERNEL;
      if (step.offset() < Integer.MIN_VALUE || step.offset() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("a kernel memory load at offset " + step.offset()
            + " is out of the 32-bit range a capture program can add");
      }
      int max = kind == KERNEL_STR ? MAX_STRING_BYTES : MAX_BYTES;
      if (step.size() <= 0 || step.size() > max) {
        throw new IllegalArgumentException("a kernel memory load of " + step.size()
            + " bytes exceeds the limit of " + max + " bytes per probe");
      }
      Node found = null;
      for (Node n : level) {
        if (n.same(root, step.offset(), (int) step.size(), kind)) {
          found = n;
        }
      }
      if (found == null) {
        found = new Node(parent, root, step.offset(), (int) step.size(), kind);
        level.add(found);
        steps++;
        if (kind == KERNEL_STR) {
          stringBytes += found.size;
        } else {
          bytes += found.size;
        }
      }
      parent = found;
      level = found.children;
    }
  }

  private void check() {
    if (steps > MAX_STEPS) {
      throw new IllegalArgumentException(steps + " kernel memory loads exceed the limit of "
          + MAX_STEPS + " per probe");
    }
    if (stringBytes > MAX_STRING_BYTES) {
      throw new IllegalArgumentException(stringBytes + " bytes of kernel strings exceed the "
          + "limit of " + MAX_STRING_BYTES + " per probe");
    }
    if (bytes > MAX_BYTES) {
      throw new IllegalArgumentException(bytes + " bytes of kernel memory loads exceed the "
          + "limit of " + MAX_BYTES + " per probe");
    }
  }

  private int place(Node n, int at) {
    n.at = at;
    entries.add(n);
    at += ENTRY + align(n.size);
    for (Node c : n.children) {
      at = place(c, at);
    }
    return at;
  }

  private static int align(int n) {
    return (n + 7) & ~7;
  }

  /** @return whether the program copies anything */
  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** @return the size of the record carrying this tail */
  int recordSize() {
    if (entries.isEmpty()) {
      return EventRecord.SIZE;
    }
    Node last = entries.get(entries.size() - 1);
    return last.at + ENTRY + align(last.size);
  }

  /** @return entries, steps of kernel memory (user strings not counted) */
  int kernelSteps() {
    return steps;
  }

  /**
   * Writes the copies into the record (in r7): after the body, which stored the arguments the
   * chains may start from. Clobbers r0-r5.
   */
  void emit(BpfAssembler a) {
    if (entries.isEmpty()) {
      return;
    }
    int rec = CaptureProgram.REC;
    a.st(BPF_W, rec, EventRecord.SIZE, entries.size()).st(BPF_W, rec, EventRecord.SIZE + 4, 0);
    for (Node n : entries) {
      if (n.parent == null) {
        a.ldx(BPF_DW, R3, rec, n.rootField);
      } else {
        int size = n.parent.size;
        a.ldx(size == 1 ? BPF_B : size == 2 ? BPF_H : size <= 4 ? BPF_W : BPF_DW, R3, rec,
            n.parent.at + ENTRY);
        if (size == 3 || size > 4 && size < 8) {
          // the bytes past the size are padding: keep the value the size's bytes make
          a.alu(BPF_LSH, R3, 64 - 8 * size).alu(BPF_RSH, R3, 64 - 8 * size);
        }
      }
      if (n.offset != 0) {
        a.alu(BPF_ADD, R3, (int) n.offset);
      }
      int space = n.kind == USER_STR ? SPACE_USER : 0;
      a.stx(BPF_DW, rec, n.at, R3).st(BPF_W, rec, n.at + 12, n.size | space << 16);
      a.movReg(R1, rec).alu(BPF_ADD, R1, n.at + ENTRY).mov(R2, n.size);
      a.call(n.kind == USER_STR ? BPF_FUNC_probe_read_user_str
          : n.kind == KERNEL_STR ? BPF_FUNC_probe_read_kernel_str : BPF_FUNC_probe_read_kernel);
      if (n.kind == KERNEL) {
        // bpf_probe_read_kernel returns 0 for success: the length read is the size asked
        Label failed = new Label();
        a.jmp(BPF_JNE, R0, 0, failed).mov(R0, n.size).label(failed);
      }
      a.stx(BPF_W, rec, n.at + 8, R0);
    }
  }
}

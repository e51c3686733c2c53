package org.hypertrace.compiler.decl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One type of D's type model: integers of every width, floats (declarable only), pointers,
 * arrays, functions, structs, unions, enums, forward declarations, typedefs, {@code void} and
 * {@code string}. Plays the role CTF plays for libdtrace ({@code ctf_id_t} plus the
 * {@code ctf_type_*} queries used by dt_decl.c and dt_parser.c). The kernel's structs and
 * unions are built by {@link KernelTypes} from a target's BTF, their size and members read on
 * first use. Structs, unions and enums are mutable only while their declaration is being parsed.
 */
public final class DType {
  /** CTF kind numbers (CTF_K_*), used in {@code dtrace_diftype_t.dtdt_ckind}. */
  public static final int CTF_K_INTEGER = 1;
  public static final int CTF_K_FLOAT = 2;
  public static final int CTF_K_POINTER = 3;
  public static final int CTF_K_ARRAY = 4;
  public static final int CTF_K_FUNCTION = 5;
  public static final int CTF_K_STRUCT = 6;
  public static final int CTF_K_UNION = 7;
  public static final int CTF_K_ENUM = 8;
  public static final int CTF_K_FORWARD = 9;
  public static final int CTF_K_TYPEDEF = 10;

  /** The kind of a type. */
  public enum Kind {
    VOID, INTEGER, FLOAT, POINTER, ARRAY, FUNCTION, STRUCT, UNION, ENUM, FORWARD, TYPEDEF, STRING
  }

  /** A member of a struct or union; offsets and widths are in bits, width 0 = not a bitfield. */
  public record Member(String name, DType type, long bitOffset, int bitWidth) {}

  private final Kind kind;
  private final String name;
  private long size;
  private final boolean signed;
  private final DType ref;
  private final long count;
  private final List<Member> members;
  private final Map<String, Long> enumerators;
  private final List<DType> params;
  private final boolean varargs;
  private boolean complete;
  private final boolean userland;

  private DType(Kind kind, String name, long size, boolean signed, DType ref, long count,
      List<DType> params, boolean varargs, boolean complete, boolean userland) {
    this.kind = kind;
    this.name = name;
    this.size = size;
    this.signed = signed;
    this.ref = ref;
    this.count = count;
    this.members = kind == Kind.STRUCT || kind == Kind.UNION ? new ArrayList<>() : List.of();
    this.enumerators = kind == Kind.ENUM ? new LinkedHashMap<>() : Map.of();
    this.params = params;
    this.varargs = varargs;
    this.complete = complete;
    this.userland = userland;
  }

  /** @return {@code void}. */
  public static DType voidType() {
    return new DType(Kind.VOID, "void", 0, false, null, 0, List.of(), false, true, false);
  }

  /** @return an integer type. */
  public static DType integer(String name, int size, boolean signed) {
    return new DType(Kind.INTEGER, name, size, signed, null, 0, List.of(), false, true, false);
  }

  /** @return a floating-point type. */
  public static DType floating(String name, int size) {
    return new DType(Kind.FLOAT, name, size, true, null, 0, List.of(), false, true, false);
  }

  /** @return D's {@code string} of the given size (option strsize). */
  public static DType string(long size) {
    return new DType(Kind.STRING, "string", size, false, null, 0, List.of(), false, true, false);
  }

  /** @return a pointer to {@code to}. */
  public static DType pointer(DType to) {
    return new DType(Kind.POINTER, null, 8, false, to, 0, List.of(), false, true, false);
  }

  /** @return a userland pointer to {@code to} ({@code userland} attribute). */
  public static DType userPointer(DType to) {
    return new DType(Kind.POINTER, null, 8, false, to, 0, List.of(), false, true, true);
  }

  /** @return an array of {@code n} elements (0 = unknown dimension). */
  public static DType array(DType of, long n) {
    return new DType(Kind.ARRAY, null, n * of.size(), false, of, n, List.of(), false, true,
        false);
  }

  /** @return a function type. */
  public static DType function(DType ret, List<DType> params, boolean varargs) {
    return new DType(Kind.FUNCTION, null, 0, false, ret, 0, List.copyOf(params), varargs, true,
        false);
  }

  /** @return an empty, incomplete struct or union to be filled by {@link #addMember}. */
  public static DType sou(boolean union, String tag) {
    return new DType(union ? Kind.UNION : Kind.STRUCT, tag, 0, false, null, 0, List.of(), false,
        false, false);
  }

  /** @return a complete struct whose members only a target's type data knows (HyperTrace). */
  public static DType opaque(String tag) {
    DType t = new DType(Kind.STRUCT, tag, 0, false, null, 0, List.of(), false, true, false);
    t.opaque = true;
    return t;
  }

  private boolean opaque;

  /** @return whether the struct's layout is left to the target (HyperTrace relocations). */
  public boolean isOpaque() {
    return opaque;
  }

  /**
   * @return a struct or union of the kernel whose size and members {@code kernel} reads from
   *     the target's type data on first use (never before)
   */
  static DType kernelSou(boolean union, String tag, KernelTypes.Sou kernel) {
    DType t = new DType(union ? Kind.UNION : Kind.STRUCT, tag, 0, false, null, 0, List.of(),
        false, true, false);
    t.kernel = kernel;
    return t;
  }

  /** where a kernel struct's layout comes from; null for D's own types. */
  private KernelTypes.Sou kernel;
  /** whether size, completeness and the member list of a kernel struct were read. */
  private boolean kernelSized;
  private boolean kernelListed;

  /** @return the kernel type data behind a struct or union, or null for D's own types */
  public KernelTypes.Sou kernel() {
    DType t = resolve();
    return t.kernel;
  }

  /** @return whether this struct or union (typedefs resolved) is the kernel's (BTF). */
  public boolean isKernel() {
    return kernel() != null;
  }

  private void sizeKernel() {
    if (!kernelSized) {
      long[] sc = kernel.sizeAndComplete();
      size = sc[0];
      complete = sc[1] != 0;
      kernelSized = true;
    }
  }

  /** @return an enum to be filled by {@link #addEnumerator}. */
  public static DType enumType(String tag) {
    return new DType(Kind.ENUM, tag, 4, true, null, 0, List.of(), false, false, false);
  }

  /** @return a typedef of {@code to}. */
  public static DType typedef(String name, DType to) {
    return new DType(Kind.TYPEDEF, name, 0, false, to, 0, List.of(), false, true, false);
  }

  public Kind kind() {
    return kind;
  }

  /** @return the tag or name (struct tag without "struct"), or null for derived types. */
  public String name() {
    return name;
  }

  /** @return the type with typedefs removed. */
  public DType resolve() {
    DType t = this;
    while (t.kind == Kind.TYPEDEF) {
      t = t.ref;
    }
    return t;
  }

  /** @return the size in bytes. */
  public long size() {
    DType t = resolve();
    if (t.kind == Kind.ARRAY) {
      return t.count * t.ref.size();
    }
    if (t.kernel != null) {
      t.sizeKernel();
    }
    return t.size;
  }

  public boolean isSigned() {
    DType t = resolve();
    return t.kind == Kind.ENUM || (t.kind == Kind.INTEGER && t.signed);
  }

  /** @return pointee, element, typedef target or function return type. */
  public DType ref() {
    return ref;
  }

  /** @return array dimension. */
  public long count() {
    return count;
  }

  public boolean userland() {
    return userland;
  }

  public List<Member> members() {
    if (kernel != null && !kernelListed) {
      members.addAll(kernel.members());
      kernelListed = true;
    }
    return members;
  }

  public Map<String, Long> enumerators() {
    return enumerators;
  }

  public List<DType> params() {
    return params;
  }

  public boolean varargs() {
    return varargs;
  }

  public boolean isComplete() {
    if (kernel != null) {
      sizeKernel();
    }
    return complete;
  }

  /** Marks a struct, union or enum definition finished (the size grows with each member). */
  public void complete() {
    complete = true;
  }

  /**
   * @return the alignment as libctf's ctf_type_align computes it: integers and pointers by
   *     size, arrays by element, structs by their first member, unions by their widest
   */
  public long alignment() {
    DType t = resolve();
    switch (t.kind) {
      case ARRAY:
        return t.ref.alignment();
      case STRUCT:
      case UNION: {
        long a = 1;
        for (Member m : t.members()) {
          a = Math.max(a, memberAlign(m));
          if (t.kind == Kind.STRUCT) {
            break;
          }
        }
        return a;
      }
      case STRING:
        return 1;
      default:
        return Math.max(1, Math.min(8, t.size));
    }
  }

  private static long bitfieldSize(int width) {
    long bytes = (width + 7) / 8;
    return Long.highestOneBit(Math.max(1, bytes * 2 - 1));
  }

  private static long memberSize(Member m) {
    return m.bitWidth() > 0 ? bitfieldSize(m.bitWidth()) : m.type().size();
  }

  private static long memberAlign(Member m) {
    return m.bitWidth() > 0 ? bitfieldSize(m.bitWidth()) : m.type().alignment();
  }

  /**
   * Appends a member with libctf's layout ({@code ctf_add_member} with an unspecified offset):
   * after the last member's last bit rounded up to a byte, aligned for the new member; a
   * bitfield is its own integer type of the smallest power-of-two byte size that holds it. The
   * struct's size is the end of the last member (no tail padding); a union's is its widest.
   *
   * @param width bitfield width, or 0
   */
  public void addMember(String mname, DType type, int width) {
    Member nm = new Member(mname, type, 0, width);
    long msize = memberSize(nm);
    if (kind == Kind.STRUCT && !members.isEmpty()) {
      Member last = members.get(members.size() - 1);
      long endBits = last.bitOffset()
          + (last.bitWidth() > 0 ? last.bitWidth() : last.type().size() * 8);
      long off = (endBits + 7) / 8;
      long a = Math.max(memberAlign(nm), 1);
      off = (off + a - 1) / a * a;
      members.add(new Member(mname, type, off * 8, width));
      size = off + msize;
    } else {
      members.add(nm);
      size = Math.max(size, msize);
    }
  }

  /** Changes the size of D's string type (option strsize). */
  public void resizeString(long n) {
    if (kind == Kind.STRING) {
      size = n;
    }
  }

  /** Adds an enumerator. */
  public void addEnumerator(String ename, long value) {
    enumerators.put(ename, value);
  }

  /** @return the member {@code n} of a struct/union (anonymous members searched), or null. */
  public Member member(String n) {
    DType r = resolve();
    if (r.kernel != null) {
      return r.kernel.member(n);
    }
    for (Member m : r.members) {
      if (n.equals(m.name())) {
        return m;
      }
      if (m.name() == null) {
        DType inner = m.type().resolve();
        if (inner.kind == Kind.STRUCT || inner.kind == Kind.UNION) {
          Member sub = inner.member(n);
          if (sub != null) {
            return new Member(sub.name(), sub.type(), m.bitOffset() + sub.bitOffset(),
                sub.bitWidth());
          }
        }
      }
    }
    return null;
  }

  /** @return the CTF kind number of the resolved type, for {@code dtrace_diftype_t}. */
  public int ctfKind() {
    switch (resolve().kind) {
      case INTEGER:
      case VOID:
        return CTF_K_INTEGER;
      case FLOAT:
        return CTF_K_FLOAT;
      case POINTER:
        return CTF_K_POINTER;
      case ARRAY:
        return CTF_K_ARRAY;
      case FUNCTION:
        return CTF_K_FUNCTION;
      case STRUCT:
        return CTF_K_STRUCT;
      case UNION:
        return CTF_K_UNION;
      case ENUM:
        return CTF_K_ENUM;
      case FORWARD:
        return CTF_K_FORWARD;
      default:
        return CTF_K_TYPEDEF;
    }
  }

  /** @return the type's name as ctf_type_name prints it ("int", "char *", "struct foo"). */
  @Override
  public String toString() {
    return TypeNames.name(this);
  }
}

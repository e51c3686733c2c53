package org.hypertrace.guesttypes.registry;

import static org.hypertrace.guesttypes.btf.BtfKind.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.hypertrace.api.types.LoadStep;
import org.hypertrace.api.types.MemberAccess;
import org.hypertrace.api.types.MemberInfo;
import org.hypertrace.api.types.TargetTypes;
import org.hypertrace.api.types.TypeInfo;
import org.hypertrace.api.types.TypeKind;
import org.hypertrace.api.types.TypeResolutionException;
import org.hypertrace.guesttypes.btf.Btf;

/**
 * The types of one target, answered from its BTF: port of HyperTrace's per-target
 * {@code dt_typefile} lookups ({@code ctf_lookup_by_name}, {@code ctf_member_info} chains) on BTF.
 *
 * <p>Invariants:
 * <ol>
 *   <li>the BTF was checked by the reader: every type reference is a valid id;</li>
 *   <li>guest BTF is untrusted: chains of typedefs/qualifiers and nested arrays are followed
 *       at most {@link #MAX_DEPTH} deep, so a cyclic chain gives an error, never a hang;</li>
 *   <li>the name index is built once, on first lookup; a complete struct wins over a forward
 *       declaration of the same name.</li>
 * </ol>
 */
public final class BtfTargetTypes implements TargetTypes {
  /** deepest typedef/qualifier chain or array nesting followed. */
  static final int MAX_DEPTH = 64;
  /** most struct/union members one lookup may visit (anonymous members of untrusted BTF). */
  static final int MAX_VISITS = 1 << 16;
  /** findMember's answer when {@link #MAX_VISITS} ran out. */
  private static final long[] NO_BUDGET = new long[0];
  /** pointer size of the targets we read (x86-64, arm64). */
  static final int POINTER_SIZE = 8;

  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("unsigned", "unsigned int"), Map.entry("signed", "int"),
      Map.entry("signed int", "int"), Map.entry("short", "short int"),
      Map.entry("unsigned short", "short unsigned int"), Map.entry("long", "long int"),
      Map.entry("unsigned long", "long unsigned int"), Map.entry("long long", "long long int"),
      Map.entry("unsigned long long", "long long unsigned int"),
      Map.entry("signed char", "signed char"), Map.entry("unsigned short int",
          "short unsigned int"), Map.entry("unsigned long int", "long unsigned int"),
      Map.entry("unsigned long long int", "long long unsigned int"));

  private final Btf btf;
  private volatile String digest;
  private volatile Map<String, Integer> names;

  /**
   * @param btf    the target's parsed BTF
   * @param digest SHA-256 of its raw bytes, lowercase hex
   */
  public BtfTargetTypes(Btf btf, String digest) {
    this.btf = btf;
    this.digest = digest;
  }

  /**
   * A target whose digest is computed on first use: hashing 5 MB costs a cold JVM a few hundred
   * milliseconds that local tracing, which never asks for the host's digest, need not pay.
   *
   * @param btf the target's parsed BTF
   */
  public BtfTargetTypes(Btf btf) {
    this(btf, null);
  }

  /** @return the parsed BTF behind this target */
  public Btf btf() {
    return btf;
  }

  @Override
  public String digest() {
    String d = digest;
    if (d == null) {
      d = BtfTypeRegistry.sha256(btf.raw());
      digest = d;
    }
    return d;
  }

  @Override
  public int typeCount() {
    return btf.count();
  }

  @Override
  public Optional<TypeInfo> type(String typeName) {
    try {
      return Optional.of(info(typeName));
    } catch (TypeResolutionException e) {
      return Optional.empty();
    }
  }

  @Override
  public OptionalLong sizeOf(String typeName) {
    Optional<TypeInfo> t = type(typeName);
    return t.isPresent() ? OptionalLong.of(t.get().size()) : OptionalLong.empty();
  }

  @Override
  public List<MemberInfo> members(String typeName) {
    int id;
    try {
      id = peel(lookup(typeName, ""), typeName, "");
    } catch (TypeResolutionException e) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    int[] budget = {MAX_VISITS};
    memberNames(id, names, 0, budget);
    if (budget[0] < 0) {
      return List.of();
    }
    List<MemberInfo> out = new ArrayList<>(names.size());
    for (String n : names) {
      MemberAccess a = require(typeName, n);
      out.add(new MemberInfo(n, a.offset(), a.bitOffset(), a.bitSize(), a.type()));
    }
    return List.copyOf(out);
  }

  private void memberNames(int id, List<String> out, int depth, int[] budget) {
    int k = btf.kind(id);
    if (depth > MAX_DEPTH || (k != BTF_KIND_STRUCT && k != BTF_KIND_UNION)) {
      return;
    }
    for (int i = 0; i < btf.vlen(id) && --budget[0] >= 0; i++) {
      if (btf.memberAnonymous(id, i)) {
        memberNames(peel(btf.memberType(id, i), "", ""), out, depth + 1, budget);
      } else {
        out.add(btf.memberName(id, i));
      }
    }
  }

  @Override
  public Optional<MemberAccess> resolve(String typeName, String memberPath) {
    try {
      return Optional.of(require(typeName, memberPath));
    } catch (TypeResolutionException e) {
      return Optional.empty();
    }
  }

  @Override
  public MemberAccess require(String typeName, String memberPath) {
    MemberPath path;
    try {
      path = MemberPath.parse(memberPath);
    } catch (IllegalArgumentException e) {
      throw fail(typeName, memberPath, "bad member path: " + e.getMessage());
    }
    int cur = peel(lookup(typeName, memberPath), typeName, memberPath);
    List<LoadStep> steps = new ArrayList<>();
    long bitPos = 0;
    int bitSize = 0;
    int memberType = cur;
    for (MemberPath.Segment seg : path.segments()) {
      if (bitSize != 0) {
        throw fail(typeName, memberPath, "bitfield has no member " + seg.name());
      }
      boolean first = seg == path.segments().get(0);
      if (btf.kind(cur) == BTF_KIND_PTR) {
        // '->' and '.' both follow a pointer member: one load of the pointer, then a new base
        steps.add(new LoadStep(byteOffset(bitPos, typeName, memberPath), POINTER_SIZE));
        bitPos = 0;
        cur = peel(btf.typeField(cur), typeName, memberPath);
      } else if (seg.arrow() && !(first && typeName.trim().endsWith("*"))) {
        throw fail(typeName, memberPath, "-> applied to " + render(cur) + ", not a pointer");
      }
      int kind = btf.kind(cur);
      if (kind != BTF_KIND_STRUCT && kind != BTF_KIND_UNION) {
        throw fail(typeName, memberPath, render(cur) + " has no members (looking for "
            + seg.name() + ")");
      }
      long[] found = findMember(cur, seg.name(), 0, new int[] {MAX_VISITS});
      if (found == NO_BUDGET) {
        throw fail(typeName, memberPath, "anonymous members nest too deeply in " + render(cur));
      }
      if (found == null) {
        throw fail(typeName, memberPath, "no member " + seg.name() + " in " + render(cur));
      }
      bitPos += found[0];
      memberType = (int) found[1];
      bitSize = (int) found[2];
      cur = peel(memberType, typeName, memberPath);
      if (bitSize == 0 && btf.kind(cur) == BTF_KIND_INT
          && (btf.intOffset(cur) != 0 || btf.intBits(cur) < 8 * btf.sizeField(cur))) {
        bitPos += btf.intOffset(cur);
        bitSize = btf.intBits(cur);
      }
      for (long sub : seg.subscripts()) {
        if (bitSize != 0) {
          throw fail(typeName, memberPath, "subscript applied to a bitfield");
        }
        if (btf.kind(cur) == BTF_KIND_PTR) {
          steps.add(new LoadStep(byteOffset(bitPos, typeName, memberPath), POINTER_SIZE));
          cur = peel(btf.typeField(cur), typeName, memberPath);
          bitPos = 8 * sub * size(cur, 0, typeName, memberPath);
        } else if (btf.kind(cur) == BTF_KIND_ARRAY) {
          long n = btf.arrayLength(cur);
          if (sub < 0 || (n != 0 && sub >= n)) {
            throw fail(typeName, memberPath, "subscript " + sub + " out of bounds of "
                + render(cur));
          }
          cur = peel(btf.arrayType(cur), typeName, memberPath);
          bitPos += 8 * sub * size(cur, 0, typeName, memberPath);
        } else {
          throw fail(typeName, memberPath, "subscript applied to " + render(cur));
        }
      }
    }
    TypeInfo t = info(cur, memberType, typeName, memberPath);
    if (bitSize != 0) {
      return bitfield(typeName, memberPath, steps, bitPos, bitSize, t);
    }
    long off = byteOffset(bitPos, typeName, memberPath);
    steps.add(new LoadStep(off, t.size()));
    return new MemberAccess(typeName, memberPath, steps, off, t.size(), t.signed(), 0, 0, t);
  }

  private MemberAccess bitfield(String typeName, String memberPath, List<LoadStep> steps,
      long bitPos, int bitSize, TypeInfo t) {
    long unit = Math.max(1, t.size());
    long off = (bitPos / (8 * unit)) * unit;
    long bit = bitPos - 8 * off;
    if (bit + bitSize > 8 * unit) {
      off = bitPos / 8;
      bit = bitPos % 8;
      unit = 1;
      while (unit * 8 < bit + bitSize) {
        unit *= 2;
      }
    }
    steps.add(new LoadStep(off, unit));
    return new MemberAccess(typeName, memberPath, steps, off, unit, t.signed(), (int) bit,
        bitSize, t);
  }

  /**
   * Finds a member by name, descending into anonymous struct/union members.
   *
   * @return {bit offset from the start of {@code sid}, member type id, bitfield size} or null
   */
  private long[] findMember(int sid, String name, int depth, int[] budget) {
    if (depth > MAX_DEPTH) {
      return null;
    }
    int vlen = btf.vlen(sid);
    for (int i = 0; i < vlen; i++) {
      if (--budget[0] < 0) {
        return NO_BUDGET;
      }
      if (!btf.memberAnonymous(sid, i)) {
        if (btf.memberName(sid, i).equals(name)) {
          return new long[] {btf.memberBitOffset(sid, i), btf.memberType(sid, i),
              btf.memberBitfieldSize(sid, i)};
        }
        continue;
      }
      int inner;
      try {
        inner = peel(btf.memberType(sid, i), "", "");
      } catch (TypeResolutionException e) {
        continue;
      }
      int k = btf.kind(inner);
      if (k == BTF_KIND_STRUCT || k == BTF_KIND_UNION) {
        long[] r = findMember(inner, name, depth + 1, budget);
        if (r == NO_BUDGET) {
          return r;
        }
        if (r != null) {
          r[0] += btf.memberBitOffset(sid, i);
          return r;
        }
      }
    }
    return null;
  }

  private long byteOffset(long bitPos, String typeName, String memberPath) {
    if (bitPos % 8 != 0) {
      throw fail(typeName, memberPath, "member at bit " + bitPos + " is not byte-aligned");
    }
    return bitPos / 8;
  }

  // ---------------------------------------------------------------------------------------
  // Types by name

  private TypeInfo info(String typeName) {
    String t = typeName.trim();
    if (t.endsWith("]") && t.lastIndexOf('[') > 0) {
      int open = t.lastIndexOf('[');
      long n;
      try {
        n = Long.decode(t.substring(open + 1, t.length() - 1).trim());
      } catch (NumberFormatException e) {
        throw fail(typeName, "", "bad array length in " + t);
      }
      TypeInfo elem = info(t.substring(0, open));
      return new TypeInfo(elem.name() + " [" + n + "]", TypeKind.ARRAY, n * elem.size(), false);
    }
    int stars = 0;
    while (t.endsWith("*")) {
      stars++;
      t = t.substring(0, t.length() - 1).trim();
    }
    int id = lookup(t, "");
    if (stars > 0) {
      return new TypeInfo(render(id) + " " + "*".repeat(stars), TypeKind.POINTER, POINTER_SIZE,
          false);
    }
    return info(peel(id, typeName, ""), id, typeName, "");
  }

  /** @return the id named by {@code typeName} (trailing '*'s ignored: the pointed-to type) */
  private int lookup(String typeName, String memberPath) {
    String t = typeName.trim();
    while (t.endsWith("*")) {
      t = t.substring(0, t.length() - 1).trim();
    }
    t = t.replaceAll("\\s+", " ");
    if (t.equals("void")) {
      return 0;
    }
    Map<String, Integer> idx = index();
    Integer id = idx.get(t);
    if (id == null && ALIASES.containsKey(t)) {
      id = idx.get(ALIASES.get(t));
    }
    if (id == null && !t.contains(" ")) {
      id = idx.get("struct " + t);
      id = id != null ? id : idx.get("union " + t);
      id = id != null ? id : idx.get("enum " + t);
    }
    if (id == null) {
      throw fail(typeName, memberPath, "no type " + t);
    }
    return id;
  }

  private Map<String, Integer> index() {
    Map<String, Integer> m = names;
    if (m != null) {
      return m;
    }
    synchronized (this) {
      if (names == null) {
        names = buildIndex();
      }
      return names;
    }
  }

  private Map<String, Integer> buildIndex() {
    Map<String, Integer> m = new HashMap<>(1 << 17);
    int n = btf.count();
    for (int id = 1; id <= n; id++) {
      if (btf.anonymous(id)) {
        continue;
      }
      String prefix;
      switch (btf.kind(id)) {
        case BTF_KIND_STRUCT:
          prefix = "struct ";
          break;
        case BTF_KIND_UNION:
          prefix = "union ";
          break;
        case BTF_KIND_ENUM: case BTF_KIND_ENUM64:
          prefix = "enum ";
          break;
        case BTF_KIND_FWD:
          prefix = btf.kindFlag(id) ? "union " : "struct ";
          break;
        case BTF_KIND_INT: case BTF_KIND_TYPEDEF: case BTF_KIND_FLOAT:
          prefix = "";
          break;
        default:
          continue;
      }
      String key = prefix + btf.name(id);
      Integer old = m.get(key);
      if (old == null || btf.kind(old) == BTF_KIND_FWD) {
        m.put(key, id);
      }
    }
    return m;
  }

  // ---------------------------------------------------------------------------------------
  // Type walking

  /** Follows typedefs, qualifiers and type tags to the type they name. */
  int peel(int id, String typeName, String memberPath) {
    for (int depth = 0; depth <= MAX_DEPTH; depth++) {
      switch (btf.kind(id)) {
        case BTF_KIND_TYPEDEF: case BTF_KIND_VOLATILE: case BTF_KIND_CONST:
        case BTF_KIND_RESTRICT: case BTF_KIND_TYPE_TAG:
          id = btf.typeField(id);
          break;
        default:
          return id;
      }
    }
    throw fail(typeName, memberPath, "typedef/qualifier chain deeper than " + MAX_DEPTH
        + " (cyclic?) at type id " + id);
  }

  private long size(int id, int depth, String typeName, String memberPath) {
    if (depth > MAX_DEPTH) {
      throw fail(typeName, memberPath, "type nesting deeper than " + MAX_DEPTH + " at id " + id);
    }
    id = peel(id, typeName, memberPath);
    switch (btf.kind(id)) {
      case BTF_KIND_INT: case BTF_KIND_STRUCT: case BTF_KIND_UNION: case BTF_KIND_ENUM:
      case BTF_KIND_ENUM64: case BTF_KIND_FLOAT: case BTF_KIND_DATASEC:
        return btf.sizeField(id) & 0xffffffffL;
      case BTF_KIND_PTR:
        return POINTER_SIZE;
      case BTF_KIND_ARRAY:
        long elem = size(btf.arrayType(id), depth + 1, typeName, memberPath);
        try {
          return Math.multiplyExact(btf.arrayLength(id), elem);
        } catch (ArithmeticException e) {
          throw fail(typeName, memberPath, "array size overflows at type id " + id);
        }
      default:
        return 0;
    }
  }

  private TypeInfo info(int peeled, int named, String typeName, String memberPath) {
    long size = size(peeled, 0, typeName, memberPath);
    String name = render(peeled);
    if (btf.anonymous(peeled) && named != peeled && btf.kind(named) == BTF_KIND_TYPEDEF) {
      name = btf.name(named);
    }
    TypeKind kind;
    boolean signed = false;
    switch (btf.kind(peeled)) {
      case BTF_KIND_UNKN:
        kind = TypeKind.VOID;
        break;
      case BTF_KIND_INT:
        kind = TypeKind.INTEGER;
        signed = (btf.intEncoding(peeled) & BTF_INT_SIGNED) != 0;
        break;
      case BTF_KIND_ENUM: case BTF_KIND_ENUM64:
        kind = TypeKind.ENUM;
        signed = enumSigned(peeled);
        break;
      case BTF_KIND_FLOAT:
        kind = TypeKind.FLOAT;
        signed = true;
        break;
      case BTF_KIND_PTR:
        kind = TypeKind.POINTER;
        break;
      case BTF_KIND_ARRAY:
        kind = TypeKind.ARRAY;
        break;
      case BTF_KIND_STRUCT:
        kind = TypeKind.STRUCT;
        break;
      case BTF_KIND_UNION:
        kind = TypeKind.UNION;
        break;
      case BTF_KIND_FWD:
        kind = TypeKind.FORWARD;
        break;
      default:
        kind = TypeKind.FUNCTION;
        break;
    }
    return new TypeInfo(name, kind, size, signed);
  }

  private boolean enumSigned(int id) {
    if (btf.kindFlag(id)) {
      return true;
    }
    for (int i = 0; i < btf.vlen(id); i++) {
      if (btf.enumValue(id, i) < 0) {
        return true;
      }
    }
    return false;
  }

  /** @return a C spelling of {@code id}, qualifiers dropped ("struct cred *", "char [16]") */
  String render(int id) {
    return render(id, 0);
  }

  private String render(int id, int depth) {
    if (depth > MAX_DEPTH) {
      return "<cyclic type " + id + ">";
    }
    switch (btf.kind(id)) {
      case BTF_KIND_UNKN:
        return "void";
      case BTF_KIND_PTR:
        return render(btf.typeField(id), depth + 1) + " *";
      case BTF_KIND_ARRAY:
        return render(btf.arrayType(id), depth + 1) + " [" + btf.arrayLength(id) + "]";
      case BTF_KIND_VOLATILE: case BTF_KIND_CONST: case BTF_KIND_RESTRICT:
      case BTF_KIND_TYPE_TAG:
        return render(btf.typeField(id), depth + 1);
      case BTF_KIND_STRUCT:
        return "struct " + nameOrAnon(id);
      case BTF_KIND_UNION:
        return "union " + nameOrAnon(id);
      case BTF_KIND_ENUM: case BTF_KIND_ENUM64:
        return "enum " + nameOrAnon(id);
      case BTF_KIND_FWD:
        return (btf.kindFlag(id) ? "union " : "struct ") + btf.name(id);
      case BTF_KIND_FUNC_PROTO:
        return render(btf.typeField(id), depth + 1) + " (*)()";
      default:
        return btf.name(id);
    }
  }

  private String nameOrAnon(int id) {
    return btf.anonymous(id) ? "<anon>" : btf.name(id);
  }

  private TypeResolutionException fail(String typeName, String memberPath, String reason) {
    return new TypeResolutionException(typeName, memberPath, digest(), reason);
  }
}

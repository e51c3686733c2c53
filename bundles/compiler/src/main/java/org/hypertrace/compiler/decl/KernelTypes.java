package org.hypertrace.compiler.decl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.hypertrace.api.types.MemberAccess;
import org.hypertrace.api.types.MemberInfo;
import org.hypertrace.api.types.TargetTypes;
import org.hypertrace.api.types.TypeInfo;
import org.hypertrace.api.types.TypeKind;
import org.hypertrace.api.types.TypeResolutionException;

/**
 * The kernel's types in D's type model, read from a target's type data ({@link TargetTypes}, BTF)
 * one struct or union at a time: the role of libdtrace's kernel CTF containers ({@code
 * dt_module_getctf} and the kernel modules searched by {@code dt_type_lookup}).
 *
 * <p>Invariants:
 * <ol>
 *   <li>nothing reads type data before a kernel struct's size, completeness or members are
 *       needed, or a {@code struct X} that D does not define is looked up: a program that uses
 *       no kernel type never reads BTF;</li>
 *   <li>each kernel struct, union and named anonymous type is one {@link DType} per
 *       compilation, so type comparisons see one identity;</li>
 *   <li>every struct or union knows how a relocation names it: a root type the target can look
 *       up, and the D path from that root to it ("" for named types). Anonymous types reached
 *       through a member (an anonymous struct member with a name, an array of anonymous
 *       structs) are named by the root and path they were reached by;</li>
 *   <li>type data that cannot be read is reported once per use as a {@link Unavailable} with a
 *       one-line reason naming the file.</li>
 * </ol>
 */
public final class KernelTypes {
  private final Supplier<TargetTypes> source;
  private final TypeTable types;
  private final Map<String, DType> named = new HashMap<>();
  private TargetTypes target;
  private String failure;

  /** Kernel type data that could not be read: the message is dtrace's one line. */
  public static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }

  /**
   * @param source gives the target's types; called once, on first need; may throw {@link
   *               TypeResolutionException} (no readable BTF)
   * @param types  D's types of the compilation (integer types are mapped onto them)
   */
  KernelTypes(Supplier<TargetTypes> source, TypeTable types) {
    this.source = source;
    this.types = types;
  }

  /** @return the target's types, read on first call */
  TargetTypes target() {
    if (target == null) {
      if (failure == null) {
        try {
          target = source.get();
          if (target == null) {
            failure = "kernel type data unavailable";
          }
        } catch (TypeResolutionException e) {
          failure = "kernel type data unavailable: " + reason(e);
        } catch (RuntimeException e) {
          failure = "kernel type data unavailable: " + e.getMessage();
        }
      }
      if (target == null) {
        throw new Unavailable(failure);
      }
    }
    return target;
  }

  /** @return whether the target's types can be read (reads them if not yet done) */
  boolean available() {
    try {
      target();
      return true;
    } catch (Unavailable e) {
      return false;
    }
  }

  /** The reason of a resolution failure without the type/target suffix. */
  private static String reason(TypeResolutionException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    int cut = m.lastIndexOf(" (type ");
    return cut > 0 ? m.substring(0, cut) : m;
  }

  /**
   * The kernel struct or union with tag {@code tag}, created without reading type data (its size
   * and members are read when first asked).
   */
  DType sou(boolean union, String tag) {
    String key = (union ? "union " : "struct ") + tag;
    DType t = named.get(key);
    if (t == null) {
      t = DType.kernelSou(union, tag, new Sou(key, key, ""));
      named.put(key, t);
    }
    return t;
  }

  /**
   * @return the kernel struct or union with tag {@code tag} if the target describes it, else
   *     null (also when the type data cannot be read: D's own rules apply then)
   */
  DType lookupSou(boolean union, String tag) {
    String key = (union ? "union " : "struct ") + tag;
    DType t = named.get(key);
    if (t != null) {
      return t;
    }
    try {
      Optional<TypeInfo> info = target().type(key);
      if (info.isEmpty() || info.get().kind() != (union ? TypeKind.UNION : TypeKind.STRUCT)
          && info.get().kind() != TypeKind.FORWARD) {
        return null;
      }
    } catch (Unavailable e) {
      return null;
    }
    return sou(union, tag);
  }

  /**
   * A kernel type by its C name as a module-scoped D name gives it ({@code vmlinux`kuid_t},
   * {@code vmlinux`u32}): typedefs and base types of the target.
   *
   * @return the type, or null if the target has none of that name or cannot be read
   */
  DType lookupNamed(String name) {
    if (!validName(name)) {
      return null;
    }
    try {
      Optional<TypeInfo> info = target().type(name);
      return info.isEmpty() ? null : convert(info.get(), null, "");
    } catch (Unavailable e) {
      return null;
    }
  }

  // ---------------------------------------------------------------------------------------
  // From the target's type names to D types

  /**
   * @param info a type as the target lays it out
   * @param root the root type of the path it was reached by (for anonymous types)
   * @param path the D path from {@code root} it was reached by
   */
  private DType convert(TypeInfo info, String root, String path) {
    String n = info.name();
    switch (info.kind()) {
      case VOID:
        return types.voidType();
      case INTEGER:
        return integer(n, info.size(), info.signed());
      case ENUM:
        return DType.integer(n, (int) info.size(), info.signed());
      case FLOAT:
        return DType.floating(n, (int) info.size());
      case POINTER:
      case ARRAY:
      case FUNCTION:
        return byName(n, root, path);
      case STRUCT:
      case UNION:
      case FORWARD:
        if (n.startsWith("struct ") || n.startsWith("union ")) {
          return byName(n, root, path);
        }
        // an anonymous struct named by a typedef (kuid_t): the target looks it up by that name
        return named.computeIfAbsent(n, k -> DType.typedef(k, DType.kernelSou(
            info.kind() == TypeKind.UNION, null, new Sou(k, k, ""))));
      default:
        return types.voidType();
    }
  }

  /** The D type of a target's type name ("struct cred *", "char [16]", "unsigned int"). */
  private DType byName(String name, String root, String path) {
    String n = name.trim();
    if (n.equals("void")) {
      return types.voidType();
    }
    if (n.endsWith("*") && !n.endsWith("(*)")) {
      return DType.pointer(byName(n.substring(0, n.length() - 1), root, path + "[0]"));
    }
    if (n.endsWith("]")) {
      int open = n.lastIndexOf('[');
      long count = Long.parseLong(n.substring(open + 1, n.length() - 1).trim());
      return DType.array(byName(n.substring(0, open), root, path + "[0]"), count);
    }
    if (n.contains("(*)")) {
      return DType.function(types.intType(), List.of(), true);
    }
    boolean union = n.startsWith("union ");
    if (union || n.startsWith("struct ")) {
      String tag = n.substring(n.indexOf(' ') + 1).trim();
      if (tag.equals("<anon>")) {
        // reached by a path: named by it; reached by a type name alone: nothing names it
        return root == null ? types.voidType()
            : DType.kernelSou(union, null, new Sou(null, root, path));
      }
      return sou(union, tag);
    }
    Optional<TypeInfo> info = target().type(n);
    if (info.isEmpty()) {
      return types.voidType();
    }
    return convert(info.get(), root, path);
  }

  /** Maps a kernel integer onto D's integer type of that size and signedness. */
  private DType integer(String btfName, long size, boolean signed) {
    if (btfName.equals("char")) {
      return types.named("char");
    }
    if (btfName.equals("_Bool") || btfName.equals("bool")) {
      return types.named("_Bool");
    }
    String d;
    switch ((int) size) {
      case 1:
        d = signed ? "signed char" : "unsigned char";
        break;
      case 2:
        d = signed ? "short" : "unsigned short";
        break;
      case 4:
        d = signed ? "int" : "unsigned int";
        break;
      case 8:
        d = signed ? "long" : "unsigned long";
        break;
      default:
        return DType.integer(btfName, (int) size, signed);
    }
    return types.named(d);
  }

  /**
   * Where one kernel struct or union comes from, and how relocations name it: {@code root} is a
   * type name the target resolves, {@code path} the D path from it ("" for named types).
   */
  public final class Sou {
    private final String query;
    private final String root;
    private final String path;
    private final Map<String, DType.Member> found = new HashMap<>();

    Sou(String query, String root, String path) {
      this.query = query;
      this.root = root;
      this.path = path;
    }

    /** @return the type name relocations start from ("struct task_struct") */
    public String root() {
      return root;
    }

    /**
     * @return the D path from {@link #root()} to this type, followed by {@code .} when not
     *     empty, so that a member's path is {@code prefix() + name}
     */
    public String prefix() {
      return path.isEmpty() ? "" : path + ".";
    }

    /** @return the name usetx uses for this type's size, or null for anonymous types */
    public String sizeName() {
      return query;
    }

    /** @return {size, 1 if complete else 0} as the target lays the type out */
    long[] sizeAndComplete() {
      TargetTypes t = target();
      if (query != null) {
        Optional<TypeInfo> info = t.type(query);
        if (info.isEmpty() || info.get().kind() == TypeKind.FORWARD) {
          return new long[] {0, 0};
        }
        return new long[] {info.get().size(), 1};
      }
      Optional<MemberAccess> a = t.resolve(root, path);
      return a.isEmpty() ? new long[] {0, 0} : new long[] {a.get().size(), 1};
    }

    /** @return member {@code name} (anonymous members searched), or null */
    DType.Member member(String name) {
      if (found.containsKey(name)) {
        return found.get(name);
      }
      TargetTypes t = target();
      Optional<MemberAccess> a;
      try {
        a = t.resolve(root, prefix() + name);
      } catch (RuntimeException e) {
        a = Optional.empty();
      }
      DType.Member m = null;
      if (a.isPresent() && validName(name)) {
        long off = a.get().offset();
        if (!path.isEmpty()) {
          MemberAccess parent = t.require(root, path);
          if (a.get().dereferences() == parent.dereferences()) {
            off -= parent.offset();
          }
        }
        DType mt = convert(a.get().type(), root, prefix() + name);
        m = new DType.Member(name, mt, off * 8 + a.get().bitOffset(), a.get().bitSize());
      }
      found.put(name, m);
      return m;
    }

    /** @return every member, anonymous members' members in their place */
    List<DType.Member> members() {
      List<DType.Member> out = new ArrayList<>();
      if (query != null) {
        for (MemberInfo mi : target().members(query)) {
          DType.Member m = member(mi.name());
          if (m != null) {
            out.add(m);
          }
        }
      }
      return out;
    }
  }

  /** A member name is an identifier: no path syntax may reach the target's path parser. */
  private static boolean validName(String n) {
    if (n.isEmpty() || !(Character.isLetter(n.charAt(0)) || n.charAt(0) == '_')) {
      return false;
    }
    for (int i = 1; i < n.length(); i++) {
      char c = n.charAt(i);
      if (!Character.isLetterOrDigit(c) && c != '_') {
        return false;
      }
    }
    return true;
  }
}

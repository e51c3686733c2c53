package org.hypertrace.compiler.decl;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.hypertrace.api.types.TargetTypes;

/**
 * The type namespace of one compilation: the D built-in types (port of the C and D containers
 * libdtrace builds in dt_open.c, {@code _dtrace_ints}, {@code _dtrace_floats}, the D typedefs),
 * plus the program's own typedefs, struct/union/enum tags and enumerators. Lookups follow C:
 * typedef names and tags live in separate spaces. With a kernel type model ({@link KernelTypes}),
 * a struct or union tag that D does not define is the kernel's, and {@code kthread_t} (the type
 * of {@code curthread}) is Linux's {@code struct task_struct}.
 */
public final class TypeTable {
  private final Map<String, DType> names = new HashMap<>();
  private final Map<String, DType> structs = new HashMap<>();
  private final Map<String, DType> unions = new HashMap<>();
  private final Map<String, DType> enums = new HashMap<>();
  private final Map<String, DType> enumConstOwner = new HashMap<>();
  private final DType voidType = DType.voidType();
  private final DType stringType;
  private final KernelTypes kernel;
  private final boolean hyperTrace;
  /** illumos stand-ins that a kernel's own type of the same tag replaces. */
  private static final Set<String> STAND_INS = Set.of("file", "msgb", "kmutex", "krwlock");

  /** @param strsize the string size (option strsize, default 256). */
  public TypeTable(long strsize) {
    this(strsize, false);
  }

  /**
   * @param strsize the string size
   * @param hyperTrace compiling for HyperTrace ({@code -E}); without a kernel type model,
   *                   kernel structs are opaque (every member a relocated int64_t)
   */
  public TypeTable(long strsize, boolean hyperTrace) {
    this(strsize, hyperTrace, null);
  }

  /**
   * @param strsize    the string size
   * @param hyperTrace compiling for HyperTrace ({@code -E}): kernel structs are opaque (when
   *                   there is no kernel type model) and {@code kthread_t} is Linux's
   *                   {@code struct task_struct}
   * @param kernel     the kernel's types, read on first need; null when no type registry is
   *                   installed
   */
  public TypeTable(long strsize, boolean hyperTrace, Supplier<TargetTypes> kernel) {
    this.kernel = kernel == null ? null : new KernelTypes(kernel, this);
    this.hyperTrace = hyperTrace;
    stringType = DType.string(strsize);
    names.put("void", voidType);
    names.put("string", stringType);
    String[][] ints = {
        {"char", "1", "s"}, {"signed char", "1", "s"}, {"unsigned char", "1", "u"},
        {"short", "2", "s"}, {"signed short", "2", "s"}, {"unsigned short", "2", "u"},
        {"int", "4", "s"}, {"signed int", "4", "s"}, {"unsigned int", "4", "u"},
        {"long", "8", "s"}, {"signed long", "8", "s"}, {"unsigned long", "8", "u"},
        {"long long", "8", "s"}, {"signed long long", "8", "s"},
        {"unsigned long long", "8", "u"}, {"_Bool", "1", "u"},
    };
    for (String[] i : ints) {
      names.put(i[0], DType.integer(i[0], Integer.parseInt(i[1]), i[2].equals("s")));
    }
    names.put("signed", names.get("int"));
    names.put("unsigned", names.get("unsigned int"));
    names.put("short int", names.get("short"));
    names.put("unsigned short int", names.get("unsigned short"));
    names.put("long int", names.get("long"));
    names.put("unsigned long int", names.get("unsigned long"));
    names.put("long long int", names.get("long long"));
    names.put("unsigned long long int", names.get("unsigned long long"));
    names.put("float", DType.floating("float", 4));
    names.put("double", DType.floating("double", 8));
    names.put("long double", DType.floating("long double", 16));
    typedef("int8_t", "char");
    typedef("int16_t", "short");
    typedef("int32_t", "int");
    typedef("int64_t", "long");
    typedef("intptr_t", "long");
    typedef("ssize_t", "long");
    typedef("uint8_t", "unsigned char");
    typedef("uint16_t", "unsigned short");
    typedef("uint32_t", "unsigned int");
    typedef("uint64_t", "unsigned long");
    typedef("uchar_t", "unsigned char");
    typedef("ushort_t", "unsigned short");
    typedef("uint_t", "unsigned int");
    typedef("ulong_t", "unsigned long");
    typedef("u_longlong_t", "unsigned long long");
    typedef("longlong_t", "long long");
    typedef("uintptr_t", "unsigned long");
    typedef("size_t", "unsigned long");
    typedef("off_t", "long");
    typedef("off64_t", "long long");
    typedef("hrtime_t", "long long");
    typedef("pid_t", "int");
    typedef("id_t", "int");
    typedef("uid_t", "unsigned int");
    typedef("gid_t", "unsigned int");
    typedef("zoneid_t", "int");
    typedef("processorid_t", "int");
    typedef("psetid_t", "int");
    typedef("taskid_t", "int");
    typedef("projid_t", "int");
    typedef("major_t", "unsigned int");
    typedef("minor_t", "unsigned int");
    typedef("dev_t", "unsigned long");
    typedef("time_t", "long");
    typedef("ipaddr_t", "unsigned int");
    typedef("boolean_t", "int");
    names.put("caddr_t", DType.typedef("caddr_t", DType.pointer(names.get("char"))));
    DType kthread;
    if (this.kernel != null) {
      kthread = this.kernel.sou(false, "task_struct");
    } else if (hyperTrace) {
      kthread = DType.opaque("task_struct");
      structs.put("task_struct", kthread);
    } else {
      kthread = DType.sou(false, "kthread");
      kthread.complete();
      structs.put("kthread", kthread);
    }
    names.put("kthread_t", DType.typedef("kthread_t", kthread));
    DType in6u = DType.sou(true, null);
    in6u.addMember("_S6_u8", DType.array(names.get("unsigned char"), 16), 0);
    in6u.addMember("_S6_u16", DType.array(names.get("unsigned short"), 8), 0);
    in6u.addMember("_S6_u32", DType.array(names.get("unsigned int"), 4), 0);
    in6u.complete();
    DType in6 = DType.sou(false, "in6_addr");
    in6.addMember("_S6_un", in6u, 0);
    in6.complete();
    structs.put("in6_addr", in6);
    for (String opaque : new String[] {"file", "msgb", "kmutex", "krwlock"}) {
      DType s = DType.sou(false, opaque);
      s.complete();
      structs.put(opaque, s);
    }
    names.put("in6_addr_t", DType.typedef("in6_addr_t", structs.get("in6_addr")));
    names.put("file_t", DType.typedef("file_t", structs.get("file")));
    names.put("mblk_t", DType.typedef("mblk_t", structs.get("msgb")));
    names.put("kmutex_t", DType.typedef("kmutex_t", structs.get("kmutex")));
    names.put("krwlock_t", DType.typedef("krwlock_t", structs.get("krwlock")));
  }

  private void typedef(String name, String to) {
    names.put(name, DType.typedef(name, names.get(to)));
  }

  /** @return the type named {@code name} (a keyword combination or a typedef), or null. */
  public DType lookup(String name) {
    DType t = names.get(name);
    if (t == null && name.indexOf('`') >= 0) {
      String local = name.substring(name.lastIndexOf('`') + 1);
      t = names.get(local);
      if (t == null && kernel != null && name.indexOf('`') > 0) {
        // a module-scoped name (vmlinux`kuid_t): the kernel's typedefs and base types
        t = kernel.lookupNamed(local);
      }
    }
    return t;
  }

  /** @return true if {@code name} names a type (dt_type_lookup succeeds). */
  public boolean isTypeName(String name) {
    return lookup(name) != null;
  }

  /** Sets the size of {@code string} (option strsize). */
  public void setStringSize(long n) {
    stringType.resizeString(n);
  }

  public DType voidType() {
    return voidType;
  }

  public DType stringType() {
    return stringType;
  }

  /** @return int. */
  public DType intType() {
    return names.get("int");
  }

  /** @return the named integer type (e.g. "unsigned long"). */
  public DType named(String n) {
    return names.get(n);
  }

  /** Defines a typedef; the caller checked for redefinition. */
  public void defineTypedef(String name, DType to) {
    names.put(name, DType.typedef(name, to));
  }

  /** @return the struct, union or enum tag space entry, or null. */
  public DType tag(DType.Kind kind, String tag) {
    return tagMap(kind).get(tag);
  }

  /**
   * A tag used in a type (not being defined): D's own tags first (illumos stand-ins excepted),
   * then the kernel's structs and unions.
   *
   * @return the type, or null when neither D nor the kernel knows the tag
   */
  public DType tagOrKernel(DType.Kind kind, String tag) {
    DType t = tagMap(kind).get(tag);
    if (kernel == null || kind == DType.Kind.ENUM || t != null && !STAND_INS.contains(tag)) {
      return t;
    }
    DType k = kernel.lookupSou(kind == DType.Kind.UNION, tag);
    return k != null ? k : t;
  }

  /**
   * @return whether sizes and offsets of the kernel's named structs and unions are left to the
   *     target (HyperTrace, {@code -E}, with a kernel type model): the host's are only a model
   */
  public boolean relocatesKernelLayout() {
    return hyperTrace && kernel != null;
  }

  /**
   * @return whether a HyperTrace compilation ({@code -E}) must do without the host's kernel
   *     types (a registry is installed but the host has no readable BTF): kernel structs are
   *     then opaque, as without a registry, since the targets have their own types
   */
  public boolean kernelOpaqueForHyperTrace() {
    return hyperTrace && kernel != null && !kernel.available();
  }

  /** @return whether the kernel's types are part of this compilation's type model */
  public boolean hasKernelTypes() {
    return kernel != null;
  }

  /** Records a struct, union or enum tag. */
  public void defineTag(DType.Kind kind, String tag, DType t) {
    tagMap(kind).put(tag, t);
  }

  private Map<String, DType> tagMap(DType.Kind kind) {
    switch (kind) {
      case STRUCT:
        return structs;
      case UNION:
        return unions;
      default:
        return enums;
    }
  }

  /** @return the enum declaring enumerator {@code name}, or null. */
  public DType enumOf(String name) {
    return enumConstOwner.get(name);
  }

  /** Records that {@code owner} declares enumerator {@code name}. */
  public void defineEnumerator(String name, DType owner) {
    enumConstOwner.put(name, owner);
  }
}

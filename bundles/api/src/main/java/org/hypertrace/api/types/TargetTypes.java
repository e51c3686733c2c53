package org.hypertrace.api.types;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The kernel types of one target (the host or one guest), read from its BTF: port of HyperTrace's
 * per-target {@code dt_typefile}. Thread-safe; immutable once built.
 *
 * <p>Type names: {@code "struct NAME"}, {@code "union NAME"}, {@code "enum NAME"}, a typedef or
 * base type name ({@code "kuid_t"}, {@code "unsigned int"}), a bare struct/union name, each
 * optionally followed by {@code *}s for pointers. Member paths: member names joined by {@code .}
 * (inside the object) or {@code ->} (through a pointer member), with optional {@code [N]} array
 * subscripts: {@code "real_cred->uid.val"}, {@code "comm[0]"}. A {@code .} applied to a pointer
 * member follows the pointer, as {@code ->} does.
 */
@ProviderType
public interface TargetTypes {
  /** @return SHA-256 of the target's raw BTF bytes, lowercase hex */
  String digest();

  /** @return the number of types the target describes (type ids 1..count) */
  int typeCount();

  /**
   * @param typeName a type name (see the class comment)
   * @return the type after typedefs and qualifiers, or empty if the target has no such type
   */
  Optional<TypeInfo> type(String typeName);

  /**
   * @param typeName a type name (see the class comment)
   * @return its size in bytes, or empty if the target has no such type
   */
  OptionalLong sizeOf(String typeName);

  /**
   * Lists the members of a struct or union, in declaration order.
   *
   * @param typeName a struct or union type name (see the class comment)
   * @return its members, or an empty list if the type is unknown or has no members
   */
  List<MemberInfo> members(String typeName);

  /**
   * Resolves a member path.
   *
   * @param typeName   the type of the object the path starts from
   * @param memberPath the path; "" gives the object itself
   * @return the access, or empty if the type or a member is unknown
   */
  Optional<MemberAccess> resolve(String typeName, String memberPath);

  /**
   * Resolves a member path or says why not.
   *
   * @param typeName   the type of the object the path starts from
   * @param memberPath the path; "" gives the object itself
   * @return the access
   * @throws TypeResolutionException naming the type, the member and this target's digest
   */
  MemberAccess require(String typeName, String memberPath);
}

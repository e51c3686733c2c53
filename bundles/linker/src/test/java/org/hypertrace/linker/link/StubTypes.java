package org.hypertrace.linker.link;

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

/** Test-only target: a few types and members with chosen layouts. */
final class StubTypes implements TargetTypes {
  private final Map<String, MemberAccess> members = new HashMap<>();
  private final String digest;

  StubTypes(String digest) {
    this.digest = digest;
  }

  StubTypes scalar(String type, String member, long offset, long size, boolean signed) {
    TypeInfo t = new TypeInfo(type + "." + member, TypeKind.INTEGER, size, signed);
    members.put(type + "|" + member, new MemberAccess(type, member,
        List.of(new LoadStep(offset, size)), offset, size, signed, 0, 0, t));
    return this;
  }

  StubTypes pointer(String type, String member, long offset) {
    TypeInfo t = new TypeInfo("void *", TypeKind.POINTER, 8, false);
    members.put(type + "|" + member, new MemberAccess(type, member,
        List.of(new LoadStep(offset, 8)), offset, 8, false, 0, 0, t));
    return this;
  }

  /** A member reached through one pointer: steps (ptrOffset, 8) then (offset, size). */
  StubTypes deref(String type, String path, long ptrOffset, long offset, long size,
      TypeKind kind) {
    TypeInfo t = new TypeInfo(path, kind, size, false);
    members.put(type + "|" + path, new MemberAccess(type, path,
        List.of(new LoadStep(ptrOffset, 8), new LoadStep(offset, size)), offset, size, false, 0,
        0, t));
    return this;
  }

  StubTypes struct(String type, long size) {
    TypeInfo t = new TypeInfo(type, TypeKind.STRUCT, size, false);
    members.put(type + "|", new MemberAccess(type, "", List.of(new LoadStep(0, size)), 0, size,
        false, 0, 0, t));
    return this;
  }

  @Override
  public String digest() {
    return digest;
  }

  @Override
  public int typeCount() {
    return members.size();
  }

  @Override
  public Optional<TypeInfo> type(String typeName) {
    return resolve(typeName, "").map(MemberAccess::type);
  }

  @Override
  public OptionalLong sizeOf(String typeName) {
    return type(typeName).map(t -> OptionalLong.of(t.size())).orElse(OptionalLong.empty());
  }

  @Override
  public List<MemberInfo> members(String typeName) {
    return List.of();
  }

  @Override
  public Optional<MemberAccess> resolve(String typeName, String memberPath) {
    return Optional.ofNullable(members.get(typeName + "|" + memberPath));
  }

  @Override
  public MemberAccess require(String typeName, String memberPath) {
    return resolve(typeName, memberPath).orElseThrow(() -> new TypeResolutionException(typeName,
        memberPath, digest, "no member " + memberPath + " in " + typeName));
  }
}

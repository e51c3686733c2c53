package org.hypertrace.compiler.xlate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hypertrace.compiler.decl.DType;
import org.hypertrace.compiler.ident.Ident;

/**
 * A translator {@code translator DST < SRC arg > { member = expr; ... };}: port of
 * dt_xlator.h {@code dt_xlator_t}. The input is bound to a translator-local identifier
 * ({@link #arg()}) that member expressions use; each member keeps its cooked expression (an
 * {@code org.hypertrace.compiler.cook.T}) and its type in the output struct.
 */
public final class Translator {
  /** One translated member: its cooked expression and its type in the output type. */
  public record Member(String name, Object expr, DType type, long bitOffset) {}

  private final int id;
  private final DType src;
  private final DType dst;
  private final Ident arg;
  private final Map<String, Member> members = new LinkedHashMap<>();

  public Translator(int id, DType src, DType dst, Ident arg) {
    this.id = id;
    this.src = src;
    this.dst = dst;
    this.arg = arg;
  }

  /** @return the translator id (dx_id, order of definition from 0). */
  public int id() {
    return id;
  }

  public DType src() {
    return src;
  }

  public DType dst() {
    return dst;
  }

  public Ident arg() {
    return arg;
  }

  public Map<String, Member> members() {
    return members;
  }
}

package org.hypertrace.engine.vm;

import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifType;

/**
 * A validated DIF object ready to run: port of the kernel's view of {@code dtrace_difo_t} after
 * {@code dtrace_difo_init}. Its string table has been placed in the machine's constant region.
 */
public final class Difo {
  /** The source object. */
  public final DifObject source;
  /** Instructions. */
  final int[] text;
  /** Integer table. */
  final long[] intTab;
  /** Heap offset of the string table in the constant region. */
  final int strOff;
  /** Length of the string table. */
  final int strLen;
  /** Return type. */
  public final DifType rtype;
  /**
   * HyperTrace: this object as each target relocated it (node name to variant), or null when the
   * program is not linked per target. Copy-on-write: firings read it without a lock.
   */
  private volatile java.util.Map<String, Difo> variants;
  /** The variant used last (firings of one target come in runs). */
  private Difo lastVariant;

  /**
   * @param source the validated object
   * @param strOff heap offset where its string table was placed
   */
  public Difo(DifObject source, int strOff) {
    this.source = source;
    this.text = source.text();
    this.intTab = source.intTab() == null ? new long[0] : source.intTab();
    this.strOff = strOff;
    this.strLen = source.strTab() == null ? 0 : source.strTab().length;
    this.rtype = source.returnType() == null ? DifType.INT64 : source.returnType();
  }

  /**
   * Adds a target's relocated version of this object (same string table, so same strOff).
   *
   * @param target  the node name its firings carry
   * @param variant the relocated object
   */
  public synchronized void addVariant(String target, Difo variant) {
    java.util.Map<String, Difo> m = variants == null ? new java.util.HashMap<>()
        : new java.util.HashMap<>(variants);
    m.put(target, variant);
    variants = m;
    lastVariant = null;
  }

  /** @return true if some target has its own version of this object */
  boolean hasVariants() {
    return variants != null;
  }

  /**
   * @param target the node name of the firing (null for the host's own firings)
   * @return the target's version of this object, or this one
   */
  Difo forTarget(String target) {
    Difo last = lastVariant;
    if (last != null && last.target.equals(target)) {
      return last;
    }
    Difo v = target == null ? null : variants.get(target);
    if (v == null) {
      return this;
    }
    lastVariant = v;
    return v;
  }

  /** The target of a variant ("" for a base object). */
  private String target = "";

  /** @param target the node name a variant serves */
  public void target(String target) {
    this.target = target;
  }

  /** @return heap offset of the string table */
  public int strOffset() {
    return strOff;
  }

  /** @return true if the return value is a string */
  public boolean returnsString() {
    return rtype.isString();
  }

  /** @return true if the value is a reference (string, struct, array) */
  public boolean byRef() {
    return rtype.isString() || rtype.byRef();
  }
}

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

  /** @return true if the return value is a string */
  public boolean returnsString() {
    return rtype.isString();
  }

  /** @return true if the value is a reference (string, struct, array) */
  public boolean byRef() {
    return rtype.isString() || rtype.byRef();
  }
}

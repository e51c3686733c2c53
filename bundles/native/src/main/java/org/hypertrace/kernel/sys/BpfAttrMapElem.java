package org.hypertrace.kernel.sys;

import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/**
 * The BPF_MAP_*_ELEM member of {@code union bpf_attr}: {@code value} doubles as
 * {@code next_key}, as in the header's inner union.
 */
@FieldOrder({"map_fd", "key", "value", "flags"})
public class BpfAttrMapElem extends Structure {
  public int map_fd;
  public long key;
  public long value;
  public long flags;
}

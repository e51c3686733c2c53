package org.hypertrace.kernel.sys;

import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/** The BPF_RAW_TRACEPOINT_OPEN member of {@code union bpf_attr}: {@code raw_tracepoint}. */
@FieldOrder({"name", "prog_fd", "pad", "cookie"})
public class BpfAttrRawTracepoint extends Structure {
  public long name;
  public int prog_fd;
  public int pad;
  public long cookie;
}

package org.hypertrace.kernel.sys;

import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/**
 * The BPF_LINK_CREATE member of {@code union bpf_attr} with its {@code uprobe_multi} variant
 * (kernel 6.6+); the variant's own {@code flags} is {@code uprobe_multi_flags} here, as Java has
 * no anonymous unions.
 */
@FieldOrder({"prog_fd", "target_fd", "attach_type", "flags", "path", "offsets",
    "ref_ctr_offsets", "cookies", "cnt", "uprobe_multi_flags", "pid", "pad"})
public class BpfAttrLinkCreate extends Structure {
  public int prog_fd;
  public int target_fd;
  public int attach_type;
  public int flags;
  public long path;
  public long offsets;
  public long ref_ctr_offsets;
  public long cookies;
  public int cnt;
  public int uprobe_multi_flags;
  public int pid;
  public int pad;
}

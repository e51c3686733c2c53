package org.hypertrace.kernel.sys;

import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/** The BPF_MAP_CREATE member of {@code union bpf_attr} (uapi linux/bpf.h). */
@FieldOrder({"map_type", "key_size", "value_size", "max_entries", "map_flags", "inner_map_fd",
    "numa_node", "map_name", "map_ifindex", "btf_fd", "btf_key_type_id", "btf_value_type_id",
    "btf_vmlinux_value_type_id", "map_extra"})
public class BpfAttrMapCreate extends Structure {
  public int map_type;
  public int key_size;
  public int value_size;
  public int max_entries;
  public int map_flags;
  public int inner_map_fd;
  public int numa_node;
  public byte[] map_name = new byte[16];
  public int map_ifindex;
  public int btf_fd;
  public int btf_key_type_id;
  public int btf_value_type_id;
  public int btf_vmlinux_value_type_id;
  public long map_extra;
}

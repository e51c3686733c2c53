package org.hypertrace.kernel.sys;

import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/** The BPF_PROG_LOAD member of {@code union bpf_attr} (uapi linux/bpf.h, kernel 6.x layout). */
@FieldOrder({"prog_type", "insn_cnt", "insns", "license", "log_level", "log_size", "log_buf",
    "kern_version", "prog_flags", "prog_name", "prog_ifindex", "expected_attach_type",
    "prog_btf_fd", "func_info_rec_size", "func_info", "func_info_cnt", "line_info_rec_size",
    "line_info", "line_info_cnt", "attach_btf_id", "attach_prog_fd", "core_relo_cnt", "fd_array",
    "core_relos", "core_relo_rec_size", "log_true_size"})
public class BpfAttrProgLoad extends Structure {
  public int prog_type;
  public int insn_cnt;
  public long insns;
  public long license;
  public int log_level;
  public int log_size;
  public long log_buf;
  public int kern_version;
  public int prog_flags;
  public byte[] prog_name = new byte[16];
  public int prog_ifindex;
  public int expected_attach_type;
  public int prog_btf_fd;
  public int func_info_rec_size;
  public long func_info;
  public int func_info_cnt;
  public int line_info_rec_size;
  public long line_info;
  public int line_info_cnt;
  public int attach_btf_id;
  public int attach_prog_fd;
  public int core_relo_cnt;
  public long fd_array;
  public long core_relos;
  public int core_relo_rec_size;
  public int log_true_size;
}

package org.hypertrace.kernel.sys;

import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/**
 * {@code struct perf_event_attr} (uapi linux/perf_event.h, PERF_ATTR_SIZE_VER8, 136 bytes). The
 * bitfield word after {@code read_format} is {@code flags}; unions carry their first member's name
 * ({@code sample_period} is also {@code sample_freq}, {@code config1} is {@code uprobe_path},
 * {@code config2} is {@code probe_offset}).
 */
@FieldOrder({"type", "size", "config", "sample_period", "sample_type", "read_format", "flags",
    "wakeup_events", "bp_type", "config1", "config2", "branch_sample_type", "sample_regs_user",
    "sample_stack_user", "clockid", "sample_regs_intr", "aux_watermark", "sample_max_stack",
    "__reserved_2", "aux_sample_size", "__reserved_3", "sig_data", "config3"})
public class PerfEventAttr extends Structure {
  public static final int PERF_TYPE_HARDWARE = 0;
  public static final int PERF_TYPE_SOFTWARE = 1;
  public static final int PERF_TYPE_TRACEPOINT = 2;
  public static final long PERF_COUNT_SW_CPU_CLOCK = 0;
  /** flags bits. */
  public static final long FLAG_DISABLED = 1L;
  public static final long FLAG_FREQ = 1L << 10;

  public int type;
  public int size;
  public long config;
  public long sample_period;
  public long sample_type;
  public long read_format;
  public long flags;
  public int wakeup_events;
  public int bp_type;
  public long config1;
  public long config2;
  public long branch_sample_type;
  public long sample_regs_user;
  public int sample_stack_user;
  public int clockid;
  public long sample_regs_intr;
  public int aux_watermark;
  public short sample_max_stack;
  public short __reserved_2;
  public int aux_sample_size;
  public int __reserved_3;
  public long sig_data;
  public long config3;

  public PerfEventAttr() {
    size = 136;
  }
}

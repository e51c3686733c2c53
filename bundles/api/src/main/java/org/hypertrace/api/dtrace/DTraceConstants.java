package org.hypertrace.api.dtrace;

/**
 * Action, aggregation, fault and option constants. Values and names verbatim from illumos {@code sys/dtrace.h}.
 */
public final class DTraceConstants {
  private DTraceConstants() {}

  /** invalid probe identifier */
  public static final int DTRACE_IDNONE = 0;
  /** invalid enabled probe identifier */
  public static final int DTRACE_EPIDNONE = 0;
  /** invalid aggregation identifier */
  public static final int DTRACE_AGGIDNONE = 0;
  /** no action */
  public static final int DTRACEACT_NONE = 0;
  /** action is DIF expression */
  public static final int DTRACEACT_DIFEXPR = 1;
  /** exit() action */
  public static final int DTRACEACT_EXIT = 2;
  /** printf() action */
  public static final int DTRACEACT_PRINTF = 3;
  /** printa() action */
  public static final int DTRACEACT_PRINTA = 4;
  /** library-controlled action */
  public static final int DTRACEACT_LIBACT = 5;
  /** tracemem() action */
  public static final int DTRACEACT_TRACEMEM = 6;
  /** dynamic tracemem() size */
  public static final int DTRACEACT_TRACEMEM_DYNSIZE = 7;
  public static final int DTRACEACT_PROC = 0x0100;
  public static final int DTRACEACT_USTACK = (DTRACEACT_PROC + 1);
  public static final int DTRACEACT_JSTACK = (DTRACEACT_PROC + 2);
  public static final int DTRACEACT_USYM = (DTRACEACT_PROC + 3);
  public static final int DTRACEACT_UMOD = (DTRACEACT_PROC + 4);
  public static final int DTRACEACT_UADDR = (DTRACEACT_PROC + 5);
  public static final int DTRACEACT_PROC_DESTRUCTIVE = 0x0200;
  public static final int DTRACEACT_STOP = (DTRACEACT_PROC_DESTRUCTIVE + 1);
  public static final int DTRACEACT_RAISE = (DTRACEACT_PROC_DESTRUCTIVE + 2);
  public static final int DTRACEACT_SYSTEM = (DTRACEACT_PROC_DESTRUCTIVE + 3);
  public static final int DTRACEACT_FREOPEN = (DTRACEACT_PROC_DESTRUCTIVE + 4);
  public static final int DTRACEACT_PROC_CONTROL = 0x0300;
  public static final int DTRACEACT_KERNEL = 0x0400;
  public static final int DTRACEACT_STACK = (DTRACEACT_KERNEL + 1);
  public static final int DTRACEACT_SYM = (DTRACEACT_KERNEL + 2);
  public static final int DTRACEACT_MOD = (DTRACEACT_KERNEL + 3);
  public static final int DTRACEACT_KERNEL_DESTRUCTIVE = 0x0500;
  public static final int DTRACEACT_BREAKPOINT = (DTRACEACT_KERNEL_DESTRUCTIVE + 1);
  public static final int DTRACEACT_PANIC = (DTRACEACT_KERNEL_DESTRUCTIVE + 2);
  public static final int DTRACEACT_CHILL = (DTRACEACT_KERNEL_DESTRUCTIVE + 3);
  public static final int DTRACEACT_SPECULATIVE = 0x0600;
  public static final int DTRACEACT_SPECULATE = (DTRACEACT_SPECULATIVE + 1);
  public static final int DTRACEACT_COMMIT = (DTRACEACT_SPECULATIVE + 2);
  public static final int DTRACEACT_DISCARD = (DTRACEACT_SPECULATIVE + 3);
  public static final int DTRACEACT_AGGREGATION = 0x0700;
  public static final int DTRACEAGG_COUNT = (DTRACEACT_AGGREGATION + 1);
  public static final int DTRACEAGG_MIN = (DTRACEACT_AGGREGATION + 2);
  public static final int DTRACEAGG_MAX = (DTRACEACT_AGGREGATION + 3);
  public static final int DTRACEAGG_AVG = (DTRACEACT_AGGREGATION + 4);
  public static final int DTRACEAGG_SUM = (DTRACEACT_AGGREGATION + 5);
  public static final int DTRACEAGG_STDDEV = (DTRACEACT_AGGREGATION + 6);
  public static final int DTRACEAGG_QUANTIZE = (DTRACEACT_AGGREGATION + 7);
  public static final int DTRACEAGG_LQUANTIZE = (DTRACEACT_AGGREGATION + 8);
  public static final int DTRACEAGG_LLQUANTIZE = (DTRACEACT_AGGREGATION + 9);
  /** buffer size */
  public static final int DTRACEOPT_BUFSIZE = 0;
  /** buffer policy */
  public static final int DTRACEOPT_BUFPOLICY = 1;
  /** dynamic variable size */
  public static final int DTRACEOPT_DYNVARSIZE = 2;
  /** aggregation size */
  public static final int DTRACEOPT_AGGSIZE = 3;
  /** speculation size */
  public static final int DTRACEOPT_SPECSIZE = 4;
  /** number of speculations */
  public static final int DTRACEOPT_NSPEC = 5;
  /** string size */
  public static final int DTRACEOPT_STRSIZE = 6;
  /** dynvar cleaning rate */
  public static final int DTRACEOPT_CLEANRATE = 7;
  /** CPU to trace */
  public static final int DTRACEOPT_CPU = 8;
  /** buffer resizing policy */
  public static final int DTRACEOPT_BUFRESIZE = 9;
  /** grab anonymous state, if any */
  public static final int DTRACEOPT_GRABANON = 10;
  /** indent function entry/return */
  public static final int DTRACEOPT_FLOWINDENT = 11;
  /** only output explicitly traced data */
  public static final int DTRACEOPT_QUIET = 12;
  /** number of stack frames */
  public static final int DTRACEOPT_STACKFRAMES = 13;
  /** number of user stack frames */
  public static final int DTRACEOPT_USTACKFRAMES = 14;
  /** aggregation snapshot rate */
  public static final int DTRACEOPT_AGGRATE = 15;
  /** buffer switching rate */
  public static final int DTRACEOPT_SWITCHRATE = 16;
  /** status rate */
  public static final int DTRACEOPT_STATUSRATE = 17;
  /** destructive actions allowed */
  public static final int DTRACEOPT_DESTRUCTIVE = 18;
  /** output indent for stack traces */
  public static final int DTRACEOPT_STACKINDENT = 19;
  /** always print bytes in raw form */
  public static final int DTRACEOPT_RAWBYTES = 20;
  /** number of jstack() frames */
  public static final int DTRACEOPT_JSTACKFRAMES = 21;
  /** size of jstack() string table */
  public static final int DTRACEOPT_JSTACKSTRSIZE = 22;
  /** sort aggregations by key */
  public static final int DTRACEOPT_AGGSORTKEY = 23;
  /** reverse-sort aggregations */
  public static final int DTRACEOPT_AGGSORTREV = 24;
  /** agg. position to sort on */
  public static final int DTRACEOPT_AGGSORTPOS = 25;
  /** agg. key position to sort on */
  public static final int DTRACEOPT_AGGSORTKEYPOS = 26;
  /** temporally ordered output */
  public static final int DTRACEOPT_TEMPORAL = 27;
  /** histogram aggregation output */
  public static final int DTRACEOPT_AGGHIST = 28;
  /** packed aggregation output */
  public static final int DTRACEOPT_AGGPACK = 29;
  /** zoomed aggregation scaling */
  public static final int DTRACEOPT_AGGZOOM = 30;
  /** zone in which to enable probes */
  public static final int DTRACEOPT_ZONE = 31;
  /** number of options */
  public static final int DTRACEOPT_MAX = 32;
  /** ring buffer */
  public static final int DTRACEOPT_BUFPOLICY_RING = 0;
  /** fill buffer, then stop */
  public static final int DTRACEOPT_BUFPOLICY_FILL = 1;
  /** switch buffers */
  public static final int DTRACEOPT_BUFPOLICY_SWITCH = 2;
  /** automatic resizing */
  public static final int DTRACEOPT_BUFRESIZE_AUTO = 0;
  /** manual resizing */
  public static final int DTRACEOPT_BUFRESIZE_MANUAL = 1;
  /** Unknown fault */
  public static final int DTRACEFLT_UNKNOWN = 0;
  /** Bad address */
  public static final int DTRACEFLT_BADADDR = 1;
  /** Bad alignment */
  public static final int DTRACEFLT_BADALIGN = 2;
  /** Illegal operation */
  public static final int DTRACEFLT_ILLOP = 3;
  /** Divide-by-zero */
  public static final int DTRACEFLT_DIVZERO = 4;
  /** Out of scratch space */
  public static final int DTRACEFLT_NOSCRATCH = 5;
  /** Illegal kernel access */
  public static final int DTRACEFLT_KPRIV = 6;
  /** Illegal user access */
  public static final int DTRACEFLT_UPRIV = 7;
  /** Tuple stack overflow */
  public static final int DTRACEFLT_TUPOFLOW = 8;
  /** Bad stack */
  public static final int DTRACEFLT_BADSTACK = 9;
  /** Library-level fault */
  public static final int DTRACEFLT_LIBRARY = 1000;
  /** Unset option value. */
  public static final long DTRACEOPT_UNSET = -2L;

}

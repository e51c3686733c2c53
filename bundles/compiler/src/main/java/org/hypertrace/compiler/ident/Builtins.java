package org.hypertrace.compiler.ident;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hypertrace.api.dif.DifConstants;
import org.hypertrace.api.dtrace.DTraceConstants;

/**
 * D's built-in identifiers: the table of dt_open.c {@code _dtrace_globals} (variables with their
 * illumos DIF_VAR_* ids, subroutines with DIF_SUBR_* ids, actions with DT_ACT_* ids and
 * aggregating functions with DTRACEAGG_* ids), each with the type or prototype string libdtrace
 * gives it, and the D version that introduced it (DT_VERS_*). HyperTrace adds {@code vmname} and
 * {@code __psargs} (the command line behind {@code curpsinfo->pr_psargs}).
 */
public final class Builtins {
  /** One built-in: name, kind, id, type or prototype, writable. */
  public record Entry(String name, IdentKind kind, int id, String type, boolean writable,
      int version) {}

  private static final Map<String, Entry> TABLE = new LinkedHashMap<>();

  static {
    add("alloca", IdentKind.FUNC, DifConstants.DIF_SUBR_ALLOCA, "void *(size_t)", false, 0x1000000);
    add("arg0", IdentKind.SCALAR, DifConstants.DIF_VAR_ARG0, "int64_t", false, 0x1000000);
    add("arg1", IdentKind.SCALAR, DifConstants.DIF_VAR_ARG1, "int64_t", false, 0x1000000);
    add("arg2", IdentKind.SCALAR, DifConstants.DIF_VAR_ARG2, "int64_t", false, 0x1000000);
    add("arg3", IdentKind.SCALAR, DifConstants.DIF_VAR_ARG3, "int64_t", false, 0x1000000);
    add("arg4", IdentKind.SCALAR, DifConstants.DIF_VAR_ARG4, "int64_t", false, 0x1000000);
    add("arg5", IdentKind.SCALAR, DifConstants.DIF_VAR_ARG5, "int64_t", false, 0x1000000);
    add("arg6", IdentKind.SCALAR, DifConstants.DIF_VAR_ARG6, "int64_t", false, 0x1000000);
    add("arg7", IdentKind.SCALAR, DifConstants.DIF_VAR_ARG7, "int64_t", false, 0x1000000);
    add("arg8", IdentKind.SCALAR, DifConstants.DIF_VAR_ARG8, "int64_t", false, 0x1000000);
    add("arg9", IdentKind.SCALAR, DifConstants.DIF_VAR_ARG9, "int64_t", false, 0x1000000);
    add("args", IdentKind.ARRAY, DifConstants.DIF_VAR_ARGS, null, false, 0x1000000);
    add("avg", IdentKind.AGGFUNC, DTraceConstants.DTRACEAGG_AVG, "void(@)", false, 0x1000000);
    add("basename", IdentKind.FUNC, DifConstants.DIF_SUBR_BASENAME,
        "string(const char *)", false, 0x1000000);
    add("bcopy", IdentKind.FUNC, DifConstants.DIF_SUBR_BCOPY,
        "void(void *, void *, size_t)", false, 0x1000000);
    add("breakpoint", IdentKind.ACTFUNC, DtAct.DT_ACT_BREAKPOINT, "void()", false, 0x1000000);
    add("caller", IdentKind.SCALAR, DifConstants.DIF_VAR_CALLER, "uintptr_t", false, 0x1000000);
    add("chill", IdentKind.ACTFUNC, DtAct.DT_ACT_CHILL, "void(int)", false, 0x1000000);
    add("cleanpath", IdentKind.FUNC, DifConstants.DIF_SUBR_CLEANPATH,
        "string(const char *)", false, 0x1000000);
    add("clear", IdentKind.ACTFUNC, DtAct.DT_ACT_CLEAR, "void(...)", false, 0x1000000);
    add("commit", IdentKind.ACTFUNC, DtAct.DT_ACT_COMMIT, "void(int)", false, 0x1000000);
    add("copyin", IdentKind.FUNC, DifConstants.DIF_SUBR_COPYIN,
        "void *(uintptr_t, size_t)", false, 0x1000000);
    add("copyinstr", IdentKind.FUNC, DifConstants.DIF_SUBR_COPYINSTR,
        "string(uintptr_t, [size_t])", false, 0x1000000);
    add("copyinto", IdentKind.FUNC, DifConstants.DIF_SUBR_COPYINTO,
        "void(uintptr_t, size_t, void *)", false, 0x1000000);
    add("copyout", IdentKind.FUNC, DifConstants.DIF_SUBR_COPYOUT,
        "void(void *, uintptr_t, size_t)", false, 0x1000000);
    add("copyoutstr", IdentKind.FUNC, DifConstants.DIF_SUBR_COPYOUTSTR,
        "void(char *, uintptr_t, size_t)", false, 0x1000000);
    add("count", IdentKind.AGGFUNC, DTraceConstants.DTRACEAGG_COUNT, "void()", false, 0x1000000);
    add("curthread", IdentKind.SCALAR, DifConstants.DIF_VAR_CURTHREAD,
        "genunix`kthread_t *", false, 0x1000000);
    add("ddi_pathname", IdentKind.FUNC, DifConstants.DIF_SUBR_DDI_PATHNAME,
        "string(void *, int64_t)", false, 0x1000000);
    add("denormalize", IdentKind.ACTFUNC, DtAct.DT_ACT_DENORMALIZE, "void(...)", false, 0x1000000);
    add("dirname", IdentKind.FUNC, DifConstants.DIF_SUBR_DIRNAME,
        "string(const char *)", false, 0x1000000);
    add("discard", IdentKind.ACTFUNC, DtAct.DT_ACT_DISCARD, "void(int)", false, 0x1000000);
    add("epid", IdentKind.SCALAR, DifConstants.DIF_VAR_EPID, "uint_t", false, 0x1000000);
    add("errno", IdentKind.SCALAR, DifConstants.DIF_VAR_ERRNO, "int", false, 0x1000000);
    add("execname", IdentKind.SCALAR, DifConstants.DIF_VAR_EXECNAME, "string", false, 0x1000000);
    add("exit", IdentKind.ACTFUNC, DtAct.DT_ACT_EXIT, "void(int)", false, 0x1000000);
    add("freopen", IdentKind.ACTFUNC, DtAct.DT_ACT_FREOPEN, "void(@, ...)", false, 0x1001000);
    add("ftruncate", IdentKind.ACTFUNC, DtAct.DT_ACT_FTRUNCATE, "void()", false, 0x1000000);
    add("func", IdentKind.ACTFUNC, DtAct.DT_ACT_SYM, "_symaddr(uintptr_t)", false, 0x1002000);
    add("getmajor", IdentKind.FUNC, DifConstants.DIF_SUBR_GETMAJOR,
        "genunix`major_t(genunix`dev_t)", false, 0x1000000);
    add("getminor", IdentKind.FUNC, DifConstants.DIF_SUBR_GETMINOR,
        "genunix`minor_t(genunix`dev_t)", false, 0x1000000);
    add("htonl", IdentKind.FUNC, DifConstants.DIF_SUBR_HTONL,
        "uint32_t(uint32_t)", false, 0x1003000);
    add("htonll", IdentKind.FUNC, DifConstants.DIF_SUBR_HTONLL,
        "uint64_t(uint64_t)", false, 0x1003000);
    add("htons", IdentKind.FUNC, DifConstants.DIF_SUBR_HTONS,
        "uint16_t(uint16_t)", false, 0x1003000);
    add("getf", IdentKind.FUNC, DifConstants.DIF_SUBR_GETF, "file_t *(int)", false, 0x100a000);
    add("gid", IdentKind.SCALAR, DifConstants.DIF_VAR_GID, "gid_t", false, 0x1000000);
    add("id", IdentKind.SCALAR, DifConstants.DIF_VAR_ID, "uint_t", false, 0x1000000);
    add("index", IdentKind.FUNC, DifConstants.DIF_SUBR_INDEX,
        "int(const char *, const char *, [int])", false, 0x1001000);
    add("inet_ntoa", IdentKind.FUNC, DifConstants.DIF_SUBR_INET_NTOA,
        "string(ipaddr_t *)", false, 0x1005000);
    add("inet_ntoa6", IdentKind.FUNC, DifConstants.DIF_SUBR_INET_NTOA6,
        "string(in6_addr_t *)", false, 0x1005000);
    add("inet_ntop", IdentKind.FUNC, DifConstants.DIF_SUBR_INET_NTOP,
        "string(int, void *)", false, 0x1005000);
    add("ipl", IdentKind.SCALAR, DifConstants.DIF_VAR_IPL, "uint_t", false, 0x1000000);
    add("json", IdentKind.FUNC, DifConstants.DIF_SUBR_JSON,
        "string(const char *, const char *)", false, 0x100b000);
    add("jstack", IdentKind.ACTFUNC, DtAct.DT_ACT_JSTACK, "stack(...)", false, 0x1000000);
    add("lltostr", IdentKind.FUNC, DifConstants.DIF_SUBR_LLTOSTR,
        "string(int64_t, [int])", false, 0x1000000);
    add("llquantize", IdentKind.AGGFUNC, DTraceConstants.DTRACEAGG_LLQUANTIZE,
        "void(@, int32_t, int32_t, int32_t, int32_t, ...)", false, 0x1007000);
    add("lquantize", IdentKind.AGGFUNC, DTraceConstants.DTRACEAGG_LQUANTIZE,
        "void(@, int32_t, int32_t, ...)", false, 0x1000000);
    add("max", IdentKind.AGGFUNC, DTraceConstants.DTRACEAGG_MAX, "void(@)", false, 0x1000000);
    add("min", IdentKind.AGGFUNC, DTraceConstants.DTRACEAGG_MIN, "void(@)", false, 0x1000000);
    add("mod", IdentKind.ACTFUNC, DtAct.DT_ACT_MOD, "_symaddr(uintptr_t)", false, 0x1002000);
    add("msgdsize", IdentKind.FUNC, DifConstants.DIF_SUBR_MSGDSIZE,
        "size_t(mblk_t *)", false, 0x1000000);
    add("msgsize", IdentKind.FUNC, DifConstants.DIF_SUBR_MSGSIZE,
        "size_t(mblk_t *)", false, 0x1000000);
    add("mutex_owned", IdentKind.FUNC, DifConstants.DIF_SUBR_MUTEX_OWNED,
        "int(genunix`kmutex_t *)", false, 0x1000000);
    add("mutex_owner", IdentKind.FUNC, DifConstants.DIF_SUBR_MUTEX_OWNER,
        "genunix`kthread_t *(genunix`kmutex_t *)", false, 0x1000000);
    add("mutex_type_adaptive", IdentKind.FUNC, DifConstants.DIF_SUBR_MUTEX_TYPE_ADAPTIVE,
        "int(genunix`kmutex_t *)", false, 0x1000000);
    add("mutex_type_spin", IdentKind.FUNC, DifConstants.DIF_SUBR_MUTEX_TYPE_SPIN,
        "int(genunix`kmutex_t *)", false, 0x1000000);
    add("ntohl", IdentKind.FUNC, DifConstants.DIF_SUBR_NTOHL,
        "uint32_t(uint32_t)", false, 0x1003000);
    add("ntohll", IdentKind.FUNC, DifConstants.DIF_SUBR_NTOHLL,
        "uint64_t(uint64_t)", false, 0x1003000);
    add("ntohs", IdentKind.FUNC, DifConstants.DIF_SUBR_NTOHS,
        "uint16_t(uint16_t)", false, 0x1003000);
    add("normalize", IdentKind.ACTFUNC, DtAct.DT_ACT_NORMALIZE, "void(...)", false, 0x1000000);
    add("panic", IdentKind.ACTFUNC, DtAct.DT_ACT_PANIC, "void()", false, 0x1000000);
    add("pid", IdentKind.SCALAR, DifConstants.DIF_VAR_PID, "pid_t", false, 0x1000000);
    add("ppid", IdentKind.SCALAR, DifConstants.DIF_VAR_PPID, "pid_t", false, 0x1000000);
    add("print", IdentKind.ACTFUNC, DtAct.DT_ACT_PRINT, "void(@)", false, 0x1009000);
    add("printa", IdentKind.ACTFUNC, DtAct.DT_ACT_PRINTA, "void(@, ...)", false, 0x1000000);
    add("printf", IdentKind.ACTFUNC, DtAct.DT_ACT_PRINTF, "void(@, ...)", false, 0x1000000);
    add("probefunc", IdentKind.SCALAR, DifConstants.DIF_VAR_PROBEFUNC, "string", false, 0x1000000);
    add("probemod", IdentKind.SCALAR, DifConstants.DIF_VAR_PROBEMOD, "string", false, 0x1000000);
    add("probename", IdentKind.SCALAR, DifConstants.DIF_VAR_PROBENAME, "string", false, 0x1000000);
    add("probeprov", IdentKind.SCALAR, DifConstants.DIF_VAR_PROBEPROV, "string", false, 0x1000000);
    add("progenyof", IdentKind.FUNC, DifConstants.DIF_SUBR_PROGENYOF,
        "int(pid_t)", false, 0x1000000);
    add("quantize", IdentKind.AGGFUNC, DTraceConstants.DTRACEAGG_QUANTIZE,
        "void(@, ...)", false, 0x1000000);
    add("raise", IdentKind.ACTFUNC, DtAct.DT_ACT_RAISE, "void(int)", false, 0x1000000);
    add("rand", IdentKind.FUNC, DifConstants.DIF_SUBR_RAND, "int()", false, 0x1000000);
    add("rindex", IdentKind.FUNC, DifConstants.DIF_SUBR_RINDEX,
        "int(const char *, const char *, [int])", false, 0x1001000);
    add("rw_iswriter", IdentKind.FUNC, DifConstants.DIF_SUBR_RW_ISWRITER,
        "int(genunix`krwlock_t *)", false, 0x1000000);
    add("rw_read_held", IdentKind.FUNC, DifConstants.DIF_SUBR_RW_READ_HELD,
        "int(genunix`krwlock_t *)", false, 0x1000000);
    add("rw_write_held", IdentKind.FUNC, DifConstants.DIF_SUBR_RW_WRITE_HELD,
        "int(genunix`krwlock_t *)", false, 0x1000000);
    add("self", IdentKind.PTR, 0, "void", false, 0x1000000);
    add("setopt", IdentKind.ACTFUNC, DtAct.DT_ACT_SETOPT,
        "void(const char *, [const char *])", false, 0x1002000);
    add("speculate", IdentKind.ACTFUNC, DtAct.DT_ACT_SPECULATE, "void(int)", false, 0x1000000);
    add("speculation", IdentKind.FUNC, DifConstants.DIF_SUBR_SPECULATION,
        "int()", false, 0x1000000);
    add("stack", IdentKind.ACTFUNC, DtAct.DT_ACT_STACK, "stack(...)", false, 0x1000000);
    add("stackdepth", IdentKind.SCALAR, DifConstants.DIF_VAR_STACKDEPTH,
        "uint32_t", false, 0x1000000);
    add("stddev", IdentKind.AGGFUNC, DTraceConstants.DTRACEAGG_STDDEV, "void(@)", false, 0x1006000);
    add("stop", IdentKind.ACTFUNC, DtAct.DT_ACT_STOP, "void()", false, 0x1000000);
    add("strchr", IdentKind.FUNC, DifConstants.DIF_SUBR_STRCHR,
        "string(const char *, char)", false, 0x1001000);
    add("strlen", IdentKind.FUNC, DifConstants.DIF_SUBR_STRLEN,
        "size_t(const char *)", false, 0x1000000);
    add("strjoin", IdentKind.FUNC, DifConstants.DIF_SUBR_STRJOIN,
        "string(const char *, const char *)", false, 0x1000000);
    add("strrchr", IdentKind.FUNC, DifConstants.DIF_SUBR_STRRCHR,
        "string(const char *, char)", false, 0x1001000);
    add("strstr", IdentKind.FUNC, DifConstants.DIF_SUBR_STRSTR,
        "string(const char *, const char *)", false, 0x1001000);
    add("strtok", IdentKind.FUNC, DifConstants.DIF_SUBR_STRTOK,
        "string(const char *, const char *)", false, 0x1001000);
    add("strtoll", IdentKind.FUNC, DifConstants.DIF_SUBR_STRTOLL,
        "int64_t(const char *, [int])", false, 0x100b000);
    add("substr", IdentKind.FUNC, DifConstants.DIF_SUBR_SUBSTR,
        "string(const char *, int, [int])", false, 0x1001000);
    add("sum", IdentKind.AGGFUNC, DTraceConstants.DTRACEAGG_SUM, "void(@)", false, 0x1000000);
    add("sym", IdentKind.ACTFUNC, DtAct.DT_ACT_SYM, "_symaddr(uintptr_t)", false, 0x1002000);
    add("system", IdentKind.ACTFUNC, DtAct.DT_ACT_SYSTEM, "void(@, ...)", false, 0x1000000);
    add("this", IdentKind.PTR, 0, "void", false, 0x1000000);
    add("threadname", IdentKind.SCALAR, DifConstants.DIF_VAR_THREADNAME,
        "string", false, 0x100e000);
    add("tid", IdentKind.SCALAR, DifConstants.DIF_VAR_TID, "id_t", false, 0x1000000);
    add("timestamp", IdentKind.SCALAR, DifConstants.DIF_VAR_TIMESTAMP,
        "uint64_t", false, 0x1000000);
    add("tolower", IdentKind.FUNC, DifConstants.DIF_SUBR_TOLOWER,
        "string(const char *)", false, 0x1008000);
    add("toupper", IdentKind.FUNC, DifConstants.DIF_SUBR_TOUPPER,
        "string(const char *)", false, 0x1008000);
    add("trace", IdentKind.ACTFUNC, DtAct.DT_ACT_TRACE, "void(@)", false, 0x1000000);
    add("tracemem", IdentKind.ACTFUNC, DtAct.DT_ACT_TRACEMEM,
        "void(@, size_t, ...)", false, 0x1000000);
    add("trunc", IdentKind.ACTFUNC, DtAct.DT_ACT_TRUNC, "void(...)", false, 0x1000000);
    add("uaddr", IdentKind.ACTFUNC, DtAct.DT_ACT_UADDR, "_usymaddr(uintptr_t)", false, 0x1002000);
    add("ucaller", IdentKind.SCALAR, DifConstants.DIF_VAR_UCALLER, "uint64_t", false, 0x1002000);
    add("ufunc", IdentKind.ACTFUNC, DtAct.DT_ACT_USYM, "_usymaddr(uintptr_t)", false, 0x1002000);
    add("uid", IdentKind.SCALAR, DifConstants.DIF_VAR_UID, "uid_t", false, 0x1000000);
    add("umod", IdentKind.ACTFUNC, DtAct.DT_ACT_UMOD, "_usymaddr(uintptr_t)", false, 0x1002000);
    add("uregs", IdentKind.ARRAY, DifConstants.DIF_VAR_UREGS, null, true, 0x1000000);
    add("ustack", IdentKind.ACTFUNC, DtAct.DT_ACT_USTACK, "stack(...)", false, 0x1000000);
    add("ustackdepth", IdentKind.SCALAR, DifConstants.DIF_VAR_USTACKDEPTH,
        "uint32_t", false, 0x1002000);
    add("usym", IdentKind.ACTFUNC, DtAct.DT_ACT_USYM, "_usymaddr(uintptr_t)", false, 0x1002000);
    add("vmregs", IdentKind.ARRAY, DifConstants.DIF_VAR_VMREGS, null, false, 0x1007000);
    add("vtimestamp", IdentKind.SCALAR, DifConstants.DIF_VAR_VTIMESTAMP,
        "uint64_t", false, 0x1000000);
    add("walltimestamp", IdentKind.SCALAR, DifConstants.DIF_VAR_WALLTIMESTAMP,
        "int64_t", false, 0x1000000);
    add("zonename", IdentKind.SCALAR, DifConstants.DIF_VAR_ZONENAME, "string", false, 0x1000000);
    add("vmname", IdentKind.SCALAR, DifConstants.DIF_VAR_VMNAME, "string", false, 0x1000000);
    // the D library's psinfo_t translators read pr_psargs from it (lib/procfs.d)
    add("__psargs", IdentKind.SCALAR, DifConstants.DIF_VAR_PSARGS, "string", false, 0x1000000);
  }

  private Builtins() {}

  private static void add(String name, IdentKind kind, int id, String type, boolean w,
      int version) {
    TABLE.put(name, new Entry(name, kind, id, type, w, version));
  }

  /** @return a D version as DT_VERSION_NUMBER packs it (major 8 bits, minor 12, micro 12). */
  public static int version(int major, int minor, int micro) {
    return (major << 24) | (minor << 12) | micro;
  }

  /** @return the built-in table in dt_open.c order. */
  public static Map<String, Entry> table() {
    return Collections.unmodifiableMap(TABLE);
  }
}

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
 * gives it. HyperTrace adds {@code vmname}.
 */
public final class Builtins {
  /** One built-in: name, kind, id, type or prototype, writable. */
  public record Entry(String name, IdentKind kind, int id, String type, boolean writable) {}

  private static final Map<String, Entry> TABLE = new LinkedHashMap<>();

  static {
    add("alloca", IdentKind.FUNC, DifConstants.DIF_SUBR_ALLOCA, "void *(size_t)", false);
    add("arg0", IdentKind.SCALAR, DifConstants.DIF_VAR_ARG0, "int64_t", false);
    add("arg1", IdentKind.SCALAR, DifConstants.DIF_VAR_ARG1, "int64_t", false);
    add("arg2", IdentKind.SCALAR, DifConstants.DIF_VAR_ARG2, "int64_t", false);
    add("arg3", IdentKind.SCALAR, DifConstants.DIF_VAR_ARG3, "int64_t", false);
    add("arg4", IdentKind.SCALAR, DifConstants.DIF_VAR_ARG4, "int64_t", false);
    add("arg5", IdentKind.SCALAR, DifConstants.DIF_VAR_ARG5, "int64_t", false);
    add("arg6", IdentKind.SCALAR, DifConstants.DIF_VAR_ARG6, "int64_t", false);
    add("arg7", IdentKind.SCALAR, DifConstants.DIF_VAR_ARG7, "int64_t", false);
    add("arg8", IdentKind.SCALAR, DifConstants.DIF_VAR_ARG8, "int64_t", false);
    add("arg9", IdentKind.SCALAR, DifConstants.DIF_VAR_ARG9, "int64_t", false);
    add("args", IdentKind.ARRAY, DifConstants.DIF_VAR_ARGS, null, false);
    add("avg", IdentKind.AGGFUNC, DTraceConstants.DTRACEAGG_AVG, "void(@)", false);
    add("basename", IdentKind.FUNC, DifConstants.DIF_SUBR_BASENAME, "string(const char *)", false);
    add("bcopy", IdentKind.FUNC, DifConstants.DIF_SUBR_BCOPY,
        "void(void *, void *, size_t)", false);
    add("breakpoint", IdentKind.ACTFUNC, DtAct.DT_ACT_BREAKPOINT, "void()", false);
    add("caller", IdentKind.SCALAR, DifConstants.DIF_VAR_CALLER, "uintptr_t", false);
    add("chill", IdentKind.ACTFUNC, DtAct.DT_ACT_CHILL, "void(int)", false);
    add("cleanpath", IdentKind.FUNC, DifConstants.DIF_SUBR_CLEANPATH,
        "string(const char *)", false);
    add("clear", IdentKind.ACTFUNC, DtAct.DT_ACT_CLEAR, "void(...)", false);
    add("commit", IdentKind.ACTFUNC, DtAct.DT_ACT_COMMIT, "void(int)", false);
    add("copyin", IdentKind.FUNC, DifConstants.DIF_SUBR_COPYIN, "void *(uintptr_t, size_t)", false);
    add("copyinstr", IdentKind.FUNC, DifConstants.DIF_SUBR_COPYINSTR,
        "string(uintptr_t, [size_t])", false);
    add("copyinto", IdentKind.FUNC, DifConstants.DIF_SUBR_COPYINTO,
        "void(uintptr_t, size_t, void *)", false);
    add("copyout", IdentKind.FUNC, DifConstants.DIF_SUBR_COPYOUT,
        "void(void *, uintptr_t, size_t)", false);
    add("copyoutstr", IdentKind.FUNC, DifConstants.DIF_SUBR_COPYOUTSTR,
        "void(char *, uintptr_t, size_t)", false);
    add("count", IdentKind.AGGFUNC, DTraceConstants.DTRACEAGG_COUNT, "void()", false);
    add("curthread", IdentKind.SCALAR, DifConstants.DIF_VAR_CURTHREAD,
        "genunix`kthread_t *", false);
    add("ddi_pathname", IdentKind.FUNC, DifConstants.DIF_SUBR_DDI_PATHNAME,
        "string(void *, int64_t)", false);
    add("denormalize", IdentKind.ACTFUNC, DtAct.DT_ACT_DENORMALIZE, "void(...)", false);
    add("dirname", IdentKind.FUNC, DifConstants.DIF_SUBR_DIRNAME, "string(const char *)", false);
    add("discard", IdentKind.ACTFUNC, DtAct.DT_ACT_DISCARD, "void(int)", false);
    add("epid", IdentKind.SCALAR, DifConstants.DIF_VAR_EPID, "uint_t", false);
    add("errno", IdentKind.SCALAR, DifConstants.DIF_VAR_ERRNO, "int", false);
    add("execname", IdentKind.SCALAR, DifConstants.DIF_VAR_EXECNAME, "string", false);
    add("exit", IdentKind.ACTFUNC, DtAct.DT_ACT_EXIT, "void(int)", false);
    add("freopen", IdentKind.ACTFUNC, DtAct.DT_ACT_FREOPEN, "void(@, ...)", false);
    add("ftruncate", IdentKind.ACTFUNC, DtAct.DT_ACT_FTRUNCATE, "void()", false);
    add("func", IdentKind.ACTFUNC, DtAct.DT_ACT_SYM, "_symaddr(uintptr_t)", false);
    add("getmajor", IdentKind.FUNC, DifConstants.DIF_SUBR_GETMAJOR,
        "genunix`major_t(genunix`dev_t)", false);
    add("getminor", IdentKind.FUNC, DifConstants.DIF_SUBR_GETMINOR,
        "genunix`minor_t(genunix`dev_t)", false);
    add("htonl", IdentKind.FUNC, DifConstants.DIF_SUBR_HTONL, "uint32_t(uint32_t)", false);
    add("htonll", IdentKind.FUNC, DifConstants.DIF_SUBR_HTONLL, "uint64_t(uint64_t)", false);
    add("htons", IdentKind.FUNC, DifConstants.DIF_SUBR_HTONS, "uint16_t(uint16_t)", false);
    add("getf", IdentKind.FUNC, DifConstants.DIF_SUBR_GETF, "file_t *(int)", false);
    add("gid", IdentKind.SCALAR, DifConstants.DIF_VAR_GID, "gid_t", false);
    add("id", IdentKind.SCALAR, DifConstants.DIF_VAR_ID, "uint_t", false);
    add("index", IdentKind.FUNC, DifConstants.DIF_SUBR_INDEX,
        "int(const char *, const char *, [int])", false);
    add("inet_ntoa", IdentKind.FUNC, DifConstants.DIF_SUBR_INET_NTOA, "string(ipaddr_t *)", false);
    add("inet_ntoa6", IdentKind.FUNC, DifConstants.DIF_SUBR_INET_NTOA6,
        "string(in6_addr_t *)", false);
    add("inet_ntop", IdentKind.FUNC, DifConstants.DIF_SUBR_INET_NTOP, "string(int, void *)", false);
    add("ipl", IdentKind.SCALAR, DifConstants.DIF_VAR_IPL, "uint_t", false);
    add("json", IdentKind.FUNC, DifConstants.DIF_SUBR_JSON,
        "string(const char *, const char *)", false);
    add("jstack", IdentKind.ACTFUNC, DtAct.DT_ACT_JSTACK, "stack(...)", false);
    add("lltostr", IdentKind.FUNC, DifConstants.DIF_SUBR_LLTOSTR, "string(int64_t, [int])", false);
    add("llquantize", IdentKind.AGGFUNC, DTraceConstants.DTRACEAGG_LLQUANTIZE,
        "void(@, int32_t, int32_t, int32_t, int32_t, ...)", false);
    add("lquantize", IdentKind.AGGFUNC, DTraceConstants.DTRACEAGG_LQUANTIZE,
        "void(@, int32_t, int32_t, ...)", false);
    add("max", IdentKind.AGGFUNC, DTraceConstants.DTRACEAGG_MAX, "void(@)", false);
    add("min", IdentKind.AGGFUNC, DTraceConstants.DTRACEAGG_MIN, "void(@)", false);
    add("mod", IdentKind.ACTFUNC, DtAct.DT_ACT_MOD, "_symaddr(uintptr_t)", false);
    add("msgdsize", IdentKind.FUNC, DifConstants.DIF_SUBR_MSGDSIZE, "size_t(mblk_t *)", false);
    add("msgsize", IdentKind.FUNC, DifConstants.DIF_SUBR_MSGSIZE, "size_t(mblk_t *)", false);
    add("mutex_owned", IdentKind.FUNC, DifConstants.DIF_SUBR_MUTEX_OWNED,
        "int(genunix`kmutex_t *)", false);
    add("mutex_owner", IdentKind.FUNC, DifConstants.DIF_SUBR_MUTEX_OWNER,
        "genunix`kthread_t *(genunix`kmutex_t *)", false);
    add("mutex_type_adaptive", IdentKind.FUNC, DifConstants.DIF_SUBR_MUTEX_TYPE_ADAPTIVE,
        "int(genunix`kmutex_t *)", false);
    add("mutex_type_spin", IdentKind.FUNC, DifConstants.DIF_SUBR_MUTEX_TYPE_SPIN,
        "int(genunix`kmutex_t *)", false);
    add("ntohl", IdentKind.FUNC, DifConstants.DIF_SUBR_NTOHL, "uint32_t(uint32_t)", false);
    add("ntohll", IdentKind.FUNC, DifConstants.DIF_SUBR_NTOHLL, "uint64_t(uint64_t)", false);
    add("ntohs", IdentKind.FUNC, DifConstants.DIF_SUBR_NTOHS, "uint16_t(uint16_t)", false);
    add("normalize", IdentKind.ACTFUNC, DtAct.DT_ACT_NORMALIZE, "void(...)", false);
    add("panic", IdentKind.ACTFUNC, DtAct.DT_ACT_PANIC, "void()", false);
    add("pid", IdentKind.SCALAR, DifConstants.DIF_VAR_PID, "pid_t", false);
    add("ppid", IdentKind.SCALAR, DifConstants.DIF_VAR_PPID, "pid_t", false);
    add("print", IdentKind.ACTFUNC, DtAct.DT_ACT_PRINT, "void(@)", false);
    add("printa", IdentKind.ACTFUNC, DtAct.DT_ACT_PRINTA, "void(@, ...)", false);
    add("printf", IdentKind.ACTFUNC, DtAct.DT_ACT_PRINTF, "void(@, ...)", false);
    add("probefunc", IdentKind.SCALAR, DifConstants.DIF_VAR_PROBEFUNC, "string", false);
    add("probemod", IdentKind.SCALAR, DifConstants.DIF_VAR_PROBEMOD, "string", false);
    add("probename", IdentKind.SCALAR, DifConstants.DIF_VAR_PROBENAME, "string", false);
    add("probeprov", IdentKind.SCALAR, DifConstants.DIF_VAR_PROBEPROV, "string", false);
    add("progenyof", IdentKind.FUNC, DifConstants.DIF_SUBR_PROGENYOF, "int(pid_t)", false);
    add("quantize", IdentKind.AGGFUNC, DTraceConstants.DTRACEAGG_QUANTIZE, "void(@, ...)", false);
    add("raise", IdentKind.ACTFUNC, DtAct.DT_ACT_RAISE, "void(int)", false);
    add("rand", IdentKind.FUNC, DifConstants.DIF_SUBR_RAND, "int()", false);
    add("rindex", IdentKind.FUNC, DifConstants.DIF_SUBR_RINDEX,
        "int(const char *, const char *, [int])", false);
    add("rw_iswriter", IdentKind.FUNC, DifConstants.DIF_SUBR_RW_ISWRITER,
        "int(genunix`krwlock_t *)", false);
    add("rw_read_held", IdentKind.FUNC, DifConstants.DIF_SUBR_RW_READ_HELD,
        "int(genunix`krwlock_t *)", false);
    add("rw_write_held", IdentKind.FUNC, DifConstants.DIF_SUBR_RW_WRITE_HELD,
        "int(genunix`krwlock_t *)", false);
    add("self", IdentKind.PTR, 0, "void", false);
    add("setopt", IdentKind.ACTFUNC, DtAct.DT_ACT_SETOPT,
        "void(const char *, [const char *])", false);
    add("speculate", IdentKind.ACTFUNC, DtAct.DT_ACT_SPECULATE, "void(int)", false);
    add("speculation", IdentKind.FUNC, DifConstants.DIF_SUBR_SPECULATION, "int()", false);
    add("stack", IdentKind.ACTFUNC, DtAct.DT_ACT_STACK, "stack(...)", false);
    add("stackdepth", IdentKind.SCALAR, DifConstants.DIF_VAR_STACKDEPTH, "uint32_t", false);
    add("stddev", IdentKind.AGGFUNC, DTraceConstants.DTRACEAGG_STDDEV, "void(@)", false);
    add("stop", IdentKind.ACTFUNC, DtAct.DT_ACT_STOP, "void()", false);
    add("strchr", IdentKind.FUNC, DifConstants.DIF_SUBR_STRCHR,
        "string(const char *, char)", false);
    add("strlen", IdentKind.FUNC, DifConstants.DIF_SUBR_STRLEN, "size_t(const char *)", false);
    add("strjoin", IdentKind.FUNC, DifConstants.DIF_SUBR_STRJOIN,
        "string(const char *, const char *)", false);
    add("strrchr", IdentKind.FUNC, DifConstants.DIF_SUBR_STRRCHR,
        "string(const char *, char)", false);
    add("strstr", IdentKind.FUNC, DifConstants.DIF_SUBR_STRSTR,
        "string(const char *, const char *)", false);
    add("strtok", IdentKind.FUNC, DifConstants.DIF_SUBR_STRTOK,
        "string(const char *, const char *)", false);
    add("strtoll", IdentKind.FUNC, DifConstants.DIF_SUBR_STRTOLL,
        "int64_t(const char *, [int])", false);
    add("substr", IdentKind.FUNC, DifConstants.DIF_SUBR_SUBSTR,
        "string(const char *, int, [int])", false);
    add("sum", IdentKind.AGGFUNC, DTraceConstants.DTRACEAGG_SUM, "void(@)", false);
    add("sym", IdentKind.ACTFUNC, DtAct.DT_ACT_SYM, "_symaddr(uintptr_t)", false);
    add("system", IdentKind.ACTFUNC, DtAct.DT_ACT_SYSTEM, "void(@, ...)", false);
    add("this", IdentKind.PTR, 0, "void", false);
    add("threadname", IdentKind.SCALAR, DifConstants.DIF_VAR_THREADNAME, "string", false);
    add("tid", IdentKind.SCALAR, DifConstants.DIF_VAR_TID, "id_t", false);
    add("timestamp", IdentKind.SCALAR, DifConstants.DIF_VAR_TIMESTAMP, "uint64_t", false);
    add("tolower", IdentKind.FUNC, DifConstants.DIF_SUBR_TOLOWER, "string(const char *)", false);
    add("toupper", IdentKind.FUNC, DifConstants.DIF_SUBR_TOUPPER, "string(const char *)", false);
    add("trace", IdentKind.ACTFUNC, DtAct.DT_ACT_TRACE, "void(@)", false);
    add("tracemem", IdentKind.ACTFUNC, DtAct.DT_ACT_TRACEMEM, "void(@, size_t, ...)", false);
    add("trunc", IdentKind.ACTFUNC, DtAct.DT_ACT_TRUNC, "void(...)", false);
    add("uaddr", IdentKind.ACTFUNC, DtAct.DT_ACT_UADDR, "_usymaddr(uintptr_t)", false);
    add("ucaller", IdentKind.SCALAR, DifConstants.DIF_VAR_UCALLER, "uint64_t", false);
    add("ufunc", IdentKind.ACTFUNC, DtAct.DT_ACT_USYM, "_usymaddr(uintptr_t)", false);
    add("uid", IdentKind.SCALAR, DifConstants.DIF_VAR_UID, "uid_t", false);
    add("umod", IdentKind.ACTFUNC, DtAct.DT_ACT_UMOD, "_usymaddr(uintptr_t)", false);
    add("uregs", IdentKind.ARRAY, DifConstants.DIF_VAR_UREGS, null, true);
    add("ustack", IdentKind.ACTFUNC, DtAct.DT_ACT_USTACK, "stack(...)", false);
    add("ustackdepth", IdentKind.SCALAR, DifConstants.DIF_VAR_USTACKDEPTH, "uint32_t", false);
    add("usym", IdentKind.ACTFUNC, DtAct.DT_ACT_USYM, "_usymaddr(uintptr_t)", false);
    add("vmregs", IdentKind.ARRAY, DifConstants.DIF_VAR_VMREGS, null, false);
    add("vtimestamp", IdentKind.SCALAR, DifConstants.DIF_VAR_VTIMESTAMP, "uint64_t", false);
    add("walltimestamp", IdentKind.SCALAR, DifConstants.DIF_VAR_WALLTIMESTAMP, "int64_t", false);
    add("zonename", IdentKind.SCALAR, DifConstants.DIF_VAR_ZONENAME, "string", false);
    add("vmname", IdentKind.SCALAR, DifConstants.DIF_VAR_VMNAME, "string", false);
  }

  private Builtins() {}

  private static void add(String name, IdentKind kind, int id, String type, boolean w) {
    TABLE.put(name, new Entry(name, kind, id, type, w));
  }

  /** @return the built-in table in dt_open.c order. */
  public static Map<String, Entry> table() {
    return Collections.unmodifiableMap(TABLE);
  }
}

package org.hypertrace.api.dif;

/**
 * DIF instruction-set constants: opcodes, variable ids, subroutine ids, type kinds and scopes.
 * Values and names verbatim from illumos {@code sys/dtrace.h} so that grep works across C and Java.
 * HyperTrace relocation opcodes follow the 80 illumos opcodes.
 */
public final class DifConstants {
  private DifConstants() {}

  /** DIF version 1: Solaris 10 Beta */
  public static final int DIF_VERSION_1 = 1;
  /** DIF version 2: Solaris 10 FCS */
  public static final int DIF_VERSION_2 = 2;
  /** latest DIF instruction set version */
  public static final int DIF_VERSION = DIF_VERSION_2;
  /** number of DIF integer registers */
  public static final int DIF_DIR_NREGS = 8;
  /** number of DIF tuple registers */
  public static final int DIF_DTR_NREGS = 8;
  /** or	r1, r2, rd */
  public static final int DIF_OP_OR = 1;
  /** xor	r1, r2, rd */
  public static final int DIF_OP_XOR = 2;
  /** and	r1, r2, rd */
  public static final int DIF_OP_AND = 3;
  /** sll	r1, r2, rd */
  public static final int DIF_OP_SLL = 4;
  /** srl	r1, r2, rd */
  public static final int DIF_OP_SRL = 5;
  /** sub	r1, r2, rd */
  public static final int DIF_OP_SUB = 6;
  /** add	r1, r2, rd */
  public static final int DIF_OP_ADD = 7;
  /** mul	r1, r2, rd */
  public static final int DIF_OP_MUL = 8;
  /** sdiv	r1, r2, rd */
  public static final int DIF_OP_SDIV = 9;
  /** udiv r1, r2, rd */
  public static final int DIF_OP_UDIV = 10;
  /** srem r1, r2, rd */
  public static final int DIF_OP_SREM = 11;
  /** urem r1, r2, rd */
  public static final int DIF_OP_UREM = 12;
  /** not	r1, rd */
  public static final int DIF_OP_NOT = 13;
  /** mov	r1, rd */
  public static final int DIF_OP_MOV = 14;
  /** cmp	r1, r2 */
  public static final int DIF_OP_CMP = 15;
  /** tst  r1 */
  public static final int DIF_OP_TST = 16;
  /** ba	label */
  public static final int DIF_OP_BA = 17;
  /** be	label */
  public static final int DIF_OP_BE = 18;
  /** bne	label */
  public static final int DIF_OP_BNE = 19;
  /** bg	label */
  public static final int DIF_OP_BG = 20;
  /** bgu	label */
  public static final int DIF_OP_BGU = 21;
  /** bge	label */
  public static final int DIF_OP_BGE = 22;
  /** bgeu	label */
  public static final int DIF_OP_BGEU = 23;
  /** bl	label */
  public static final int DIF_OP_BL = 24;
  /** blu	label */
  public static final int DIF_OP_BLU = 25;
  /** ble	label */
  public static final int DIF_OP_BLE = 26;
  /** bleu	label */
  public static final int DIF_OP_BLEU = 27;
  /** ldsb	[r1], rd */
  public static final int DIF_OP_LDSB = 28;
  /** ldsh	[r1], rd */
  public static final int DIF_OP_LDSH = 29;
  /** ldsw [r1], rd */
  public static final int DIF_OP_LDSW = 30;
  /** ldub	[r1], rd */
  public static final int DIF_OP_LDUB = 31;
  /** lduh	[r1], rd */
  public static final int DIF_OP_LDUH = 32;
  /** lduw	[r1], rd */
  public static final int DIF_OP_LDUW = 33;
  /** ldx	[r1], rd */
  public static final int DIF_OP_LDX = 34;
  /** ret	rd */
  public static final int DIF_OP_RET = 35;
  /** nop */
  public static final int DIF_OP_NOP = 36;
  /** setx	intindex, rd */
  public static final int DIF_OP_SETX = 37;
  /** sets strindex, rd */
  public static final int DIF_OP_SETS = 38;
  /** scmp	r1, r2 */
  public static final int DIF_OP_SCMP = 39;
  /** ldga	var, ri, rd */
  public static final int DIF_OP_LDGA = 40;
  /** ldgs var, rd */
  public static final int DIF_OP_LDGS = 41;
  /** stgs var, rs */
  public static final int DIF_OP_STGS = 42;
  /** ldta var, ri, rd */
  public static final int DIF_OP_LDTA = 43;
  /** ldts var, rd */
  public static final int DIF_OP_LDTS = 44;
  /** stts var, rs */
  public static final int DIF_OP_STTS = 45;
  /** sra	r1, r2, rd */
  public static final int DIF_OP_SRA = 46;
  /** call	subr, rd */
  public static final int DIF_OP_CALL = 47;
  /** pushtr type, rs, rr */
  public static final int DIF_OP_PUSHTR = 48;
  /** pushtv type, rs, rv */
  public static final int DIF_OP_PUSHTV = 49;
  /** popts */
  public static final int DIF_OP_POPTS = 50;
  /** flushts */
  public static final int DIF_OP_FLUSHTS = 51;
  /** ldgaa var, rd */
  public static final int DIF_OP_LDGAA = 52;
  /** ldtaa var, rd */
  public static final int DIF_OP_LDTAA = 53;
  /** stgaa var, rs */
  public static final int DIF_OP_STGAA = 54;
  /** sttaa var, rs */
  public static final int DIF_OP_STTAA = 55;
  /** ldls	var, rd */
  public static final int DIF_OP_LDLS = 56;
  /** stls	var, rs */
  public static final int DIF_OP_STLS = 57;
  /** allocs r1, rd */
  public static final int DIF_OP_ALLOCS = 58;
  /** copys  r1, r2, rd */
  public static final int DIF_OP_COPYS = 59;
  /** stb	r1, [rd] */
  public static final int DIF_OP_STB = 60;
  /** sth	r1, [rd] */
  public static final int DIF_OP_STH = 61;
  /** stw	r1, [rd] */
  public static final int DIF_OP_STW = 62;
  /** stx	r1, [rd] */
  public static final int DIF_OP_STX = 63;
  /** uldsb [r1], rd */
  public static final int DIF_OP_ULDSB = 64;
  /** uldsh [r1], rd */
  public static final int DIF_OP_ULDSH = 65;
  /** uldsw [r1], rd */
  public static final int DIF_OP_ULDSW = 66;
  /** uldub [r1], rd */
  public static final int DIF_OP_ULDUB = 67;
  /** ulduh [r1], rd */
  public static final int DIF_OP_ULDUH = 68;
  /** ulduw [r1], rd */
  public static final int DIF_OP_ULDUW = 69;
  /** uldx  [r1], rd */
  public static final int DIF_OP_ULDX = 70;
  /** rldsb [r1], rd */
  public static final int DIF_OP_RLDSB = 71;
  /** rldsh [r1], rd */
  public static final int DIF_OP_RLDSH = 72;
  /** rldsw [r1], rd */
  public static final int DIF_OP_RLDSW = 73;
  /** rldub [r1], rd */
  public static final int DIF_OP_RLDUB = 74;
  /** rlduh [r1], rd */
  public static final int DIF_OP_RLDUH = 75;
  /** rlduw [r1], rd */
  public static final int DIF_OP_RLDUW = 76;
  /** rldx  [r1], rd */
  public static final int DIF_OP_RLDX = 77;
  /** xlate xlrindex, rd */
  public static final int DIF_OP_XLATE = 78;
  /** xlarg xlrindex, rd */
  public static final int DIF_OP_XLARG = 79;
  /** stga var, ri, rd */
  public static final int DIF_OP_STGA = 80;
  /** highest integer table offset */
  public static final int DIF_INTOFF_MAX = 0xffff;
  /** highest string table offset */
  public static final int DIF_STROFF_MAX = 0xffff;
  /** highest register number */
  public static final int DIF_REGISTER_MAX = 0xff;
  /** highest variable identifier */
  public static final int DIF_VARIABLE_MAX = 0xffff;
  /** highest subroutine code */
  public static final int DIF_SUBROUTINE_MAX = 0xffff;
  /** lowest numbered array variable */
  public static final int DIF_VAR_ARRAY_MIN = 0x0000;
  /** lowest user-defined array */
  public static final int DIF_VAR_ARRAY_UBASE = 0x0080;
  /** highest numbered array variable */
  public static final int DIF_VAR_ARRAY_MAX = 0x00ff;
  /** lowest numbered scalar or assc */
  public static final int DIF_VAR_OTHER_MIN = 0x0100;
  /** lowest user-defined scalar or assc */
  public static final int DIF_VAR_OTHER_UBASE = 0x0500;
  /** highest numbered scalar or assc */
  public static final int DIF_VAR_OTHER_MAX = 0xffff;
  /** arguments array */
  public static final int DIF_VAR_ARGS = 0x0000;
  /** registers array */
  public static final int DIF_VAR_REGS = 0x0001;
  /** user registers array */
  public static final int DIF_VAR_UREGS = 0x0002;
  /** virtual machine registers array */
  public static final int DIF_VAR_VMREGS = 0x0003;
  /** thread pointer */
  public static final int DIF_VAR_CURTHREAD = 0x0100;
  /** timestamp */
  public static final int DIF_VAR_TIMESTAMP = 0x0101;
  /** virtual timestamp */
  public static final int DIF_VAR_VTIMESTAMP = 0x0102;
  /** interrupt priority level */
  public static final int DIF_VAR_IPL = 0x0103;
  /** enabled probe ID */
  public static final int DIF_VAR_EPID = 0x0104;
  /** probe ID */
  public static final int DIF_VAR_ID = 0x0105;
  /** first argument */
  public static final int DIF_VAR_ARG0 = 0x0106;
  /** second argument */
  public static final int DIF_VAR_ARG1 = 0x0107;
  /** third argument */
  public static final int DIF_VAR_ARG2 = 0x0108;
  /** fourth argument */
  public static final int DIF_VAR_ARG3 = 0x0109;
  /** fifth argument */
  public static final int DIF_VAR_ARG4 = 0x010a;
  /** sixth argument */
  public static final int DIF_VAR_ARG5 = 0x010b;
  /** seventh argument */
  public static final int DIF_VAR_ARG6 = 0x010c;
  /** eighth argument */
  public static final int DIF_VAR_ARG7 = 0x010d;
  /** ninth argument */
  public static final int DIF_VAR_ARG8 = 0x010e;
  /** tenth argument */
  public static final int DIF_VAR_ARG9 = 0x010f;
  /** stack depth */
  public static final int DIF_VAR_STACKDEPTH = 0x0110;
  /** caller */
  public static final int DIF_VAR_CALLER = 0x0111;
  /** probe provider */
  public static final int DIF_VAR_PROBEPROV = 0x0112;
  /** probe module */
  public static final int DIF_VAR_PROBEMOD = 0x0113;
  /** probe function */
  public static final int DIF_VAR_PROBEFUNC = 0x0114;
  /** probe name */
  public static final int DIF_VAR_PROBENAME = 0x0115;
  /** process ID */
  public static final int DIF_VAR_PID = 0x0116;
  /** (per-process) thread ID */
  public static final int DIF_VAR_TID = 0x0117;
  /** name of executable */
  public static final int DIF_VAR_EXECNAME = 0x0118;
  /** zone name associated with process */
  public static final int DIF_VAR_ZONENAME = 0x0119;
  /** wall-clock timestamp */
  public static final int DIF_VAR_WALLTIMESTAMP = 0x011a;
  /** user-land stack depth */
  public static final int DIF_VAR_USTACKDEPTH = 0x011b;
  /** user-level caller */
  public static final int DIF_VAR_UCALLER = 0x011c;
  /** parent process ID */
  public static final int DIF_VAR_PPID = 0x011d;
  /** process user ID */
  public static final int DIF_VAR_UID = 0x011e;
  /** process group ID */
  public static final int DIF_VAR_GID = 0x011f;
  /** thread errno */
  public static final int DIF_VAR_ERRNO = 0x0120;
  /** thread name */
  public static final int DIF_VAR_THREADNAME = 0x0121;
  public static final int DIF_SUBR_RAND = 0;
  public static final int DIF_SUBR_MUTEX_OWNED = 1;
  public static final int DIF_SUBR_MUTEX_OWNER = 2;
  public static final int DIF_SUBR_MUTEX_TYPE_ADAPTIVE = 3;
  public static final int DIF_SUBR_MUTEX_TYPE_SPIN = 4;
  public static final int DIF_SUBR_RW_READ_HELD = 5;
  public static final int DIF_SUBR_RW_WRITE_HELD = 6;
  public static final int DIF_SUBR_RW_ISWRITER = 7;
  public static final int DIF_SUBR_COPYIN = 8;
  public static final int DIF_SUBR_COPYINSTR = 9;
  public static final int DIF_SUBR_SPECULATION = 10;
  public static final int DIF_SUBR_PROGENYOF = 11;
  public static final int DIF_SUBR_STRLEN = 12;
  public static final int DIF_SUBR_COPYOUT = 13;
  public static final int DIF_SUBR_COPYOUTSTR = 14;
  public static final int DIF_SUBR_ALLOCA = 15;
  public static final int DIF_SUBR_BCOPY = 16;
  public static final int DIF_SUBR_COPYINTO = 17;
  public static final int DIF_SUBR_MSGDSIZE = 18;
  public static final int DIF_SUBR_MSGSIZE = 19;
  public static final int DIF_SUBR_GETMAJOR = 20;
  public static final int DIF_SUBR_GETMINOR = 21;
  public static final int DIF_SUBR_DDI_PATHNAME = 22;
  public static final int DIF_SUBR_STRJOIN = 23;
  public static final int DIF_SUBR_LLTOSTR = 24;
  public static final int DIF_SUBR_BASENAME = 25;
  public static final int DIF_SUBR_DIRNAME = 26;
  public static final int DIF_SUBR_CLEANPATH = 27;
  public static final int DIF_SUBR_STRCHR = 28;
  public static final int DIF_SUBR_STRRCHR = 29;
  public static final int DIF_SUBR_STRSTR = 30;
  public static final int DIF_SUBR_STRTOK = 31;
  public static final int DIF_SUBR_SUBSTR = 32;
  public static final int DIF_SUBR_INDEX = 33;
  public static final int DIF_SUBR_RINDEX = 34;
  public static final int DIF_SUBR_HTONS = 35;
  public static final int DIF_SUBR_HTONL = 36;
  public static final int DIF_SUBR_HTONLL = 37;
  public static final int DIF_SUBR_NTOHS = 38;
  public static final int DIF_SUBR_NTOHL = 39;
  public static final int DIF_SUBR_NTOHLL = 40;
  public static final int DIF_SUBR_INET_NTOP = 41;
  public static final int DIF_SUBR_INET_NTOA = 42;
  public static final int DIF_SUBR_INET_NTOA6 = 43;
  public static final int DIF_SUBR_TOUPPER = 44;
  public static final int DIF_SUBR_TOLOWER = 45;
  public static final int DIF_SUBR_GETF = 46;
  public static final int DIF_SUBR_JSON = 47;
  public static final int DIF_SUBR_STRTOLL = 48;
  /** max subroutine value */
  public static final int DIF_SUBR_MAX = 48;
  /** %r0 is always set to zero */
  public static final int DIF_REG_R0 = 0;
  /** type is a CTF type */
  public static final int DIF_TYPE_CTF = 0;
  /** type is a D string */
  public static final int DIF_TYPE_STRING = 1;
  /** type is passed by reference */
  public static final int DIF_TF_BYREF = 0x1;
  /** user type is passed by reference */
  public static final int DIF_TF_BYUREF = 0x2;
  /** variable is an array of quantities */
  public static final int DIFV_KIND_ARRAY = 0;
  /** variable is a scalar quantity */
  public static final int DIFV_KIND_SCALAR = 1;
  /** variable has global scope */
  public static final int DIFV_SCOPE_GLOBAL = 0;
  /** variable has thread scope */
  public static final int DIFV_SCOPE_THREAD = 1;
  /** variable has local scope */
  public static final int DIFV_SCOPE_LOCAL = 2;
  /** variable is referenced by DIFO */
  public static final int DIFV_F_REF = 0x1;
  /** variable is written by DIFO */
  public static final int DIFV_F_MOD = 0x2;

  /**
   * HyperTrace type flag: the integer type is unsigned. libdtrace keeps signedness in CTF, which
   * the engine does not see; printf's {@code %d} needs it ({@code DT_PFCONV_SIGNED}). Absent means
   * signed.
   */
  public static final int DIF_TF_UNSIGNED = 0x100;

  /** HyperTrace: name of the VM a probe fired in (the host's node name for host probes). */
  public static final int DIF_VAR_VMNAME = 0x0122;

  /**
   * HyperTrace: the firing process's command line as psinfo_t's {@code pr_psargs} holds it (at
   * most 79 bytes, arguments separated by spaces); D reads it through the {@code curpsinfo}
   * translator ({@link org.hypertrace.api.provider.ProbeContext#psargs}).
   */
  public static final int DIF_VAR_PSARGS = 0x0123;

  // HyperTrace relocation opcodes (dt_prog_link): resolved per target by the linker.
  // Each site is one DifRelocation(offset, opcode, typeName, memberPath) naming its instruction.
  /**
   * usetx: set a member offset that only the target's types know. Encoded as setx:
   * {@code (81 << 24) | (0 << 8) | rd}. The relocation names the member by a root type and the D
   * path written so far; the value is the offset of the path's last member inside its immediate
   * container, so each member node of an expression gets its own site. For
   * {@code curthread->real_cred->uid.val}: ("struct task_struct", "real_cred") gives
   * offsetof(struct task_struct, real_cred); ("struct task_struct", "real_cred->uid") gives
   * offsetof(struct cred, uid); ("struct task_struct", "real_cred->uid.val") gives
   * offsetof(kuid_t, val). An empty memberPath stands for {@code sizeof (typeName)}. The linker
   * writes {@code setx} of a new integer-table entry holding the value.
   */
  public static final int DIF_OP_USETX = 81;
  /**
   * uload: load from a kernel address of a size that only the target's types know. Encoded as a
   * load: {@code (82 << 24) | (r1 << 16) | rd}. The loaded type is the member at memberPath in
   * typeName (named as for usetx: root type and path so far), or typeName itself when memberPath
   * is empty. The linker writes ldsb/ldsh/ldsw/ldx or
   * ldub/lduh/lduw/ldx by the resolved size and signedness.
   */
  public static final int DIF_OP_ULOAD = 82;
  /**
   * uuload: unsigned variant of uload, encoded the same way with opcode 83; the linker writes
   * ldub/lduh/lduw/ldx by the resolved size.
   */
  public static final int DIF_OP_UULOAD = 83;
  /**
   * typecast: cast to a type resolved in the target's type space (typeName, memberPath as for
   * uload). The site is three instructions: {@code (84 << 24) | (r1 << 16) | (r2 << 8) | rd}
   * followed by two {@code nop}s, where r2 is a scratch register distinct from r1, rd and %r0.
   * The linker writes dt_cg_typecast's shift pair for types narrower than 8 bytes
   * ({@code setx 64-8*size, r2; sll r1, r2, rd; sra|srl rd, r2, rd}) and otherwise
   * {@code mov r1, rd} (or {@code nop} when r1 == rd) followed by two {@code nop}s.
   */
  public static final int DIF_OP_TYPECAST = 84;
  /** Highest opcode in use. */
  public static final int DIF_OP_MAX = 84;

}

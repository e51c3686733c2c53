package org.hypertrace.api.dof;

/**
 * DOF container constants. Values and names verbatim from illumos {@code sys/dtrace.h}.
 */
public final class DofConstants {
  private DofConstants() {}

  /** total size of dofh_ident[] in bytes */
  public static final int DOF_ID_SIZE = 16;
  /** first byte of magic number */
  public static final int DOF_ID_MAG0 = 0;
  /** second byte of magic number */
  public static final int DOF_ID_MAG1 = 1;
  /** third byte of magic number */
  public static final int DOF_ID_MAG2 = 2;
  /** fourth byte of magic number */
  public static final int DOF_ID_MAG3 = 3;
  /** DOF data model (see below) */
  public static final int DOF_ID_MODEL = 4;
  /** DOF data encoding (see below) */
  public static final int DOF_ID_ENCODING = 5;
  /** DOF file format major version (see below) */
  public static final int DOF_ID_VERSION = 6;
  /** DIF instruction set version */
  public static final int DOF_ID_DIFVERS = 7;
  /** DIF integer registers used by compiler */
  public static final int DOF_ID_DIFIREG = 8;
  /** DIF tuple registers used by compiler */
  public static final int DOF_ID_DIFTREG = 9;
  /** start of padding bytes (all zeroes) */
  public static final int DOF_ID_PAD = 10;
  public static final int DOF_MAG_STRLEN = 4;
  /** DOF_ID_MODEL */
  public static final int DOF_MODEL_NONE = 0;
  public static final int DOF_MODEL_ILP32 = 1;
  public static final int DOF_MODEL_LP64 = 2;
  /** DOF_ID_ENCODING */
  public static final int DOF_ENCODE_NONE = 0;
  public static final int DOF_ENCODE_LSB = 1;
  public static final int DOF_ENCODE_MSB = 2;
  /** DOF version 1: Solaris 10 FCS */
  public static final int DOF_VERSION_1 = 1;
  /** DOF version 2: Solaris Express 6/06 */
  public static final int DOF_VERSION_2 = 2;
  /** Latest DOF version */
  public static final int DOF_VERSION = DOF_VERSION_2;
  /** mask of all valid dofh_flags bits */
  public static final int DOF_FL_VALID = 0;
  /** null section */
  public static final int DOF_SECT_NONE = 0;
  /** compiler comments */
  public static final int DOF_SECT_COMMENTS = 1;
  /** D program source code */
  public static final int DOF_SECT_SOURCE = 2;
  /** dof_ecbdesc_t */
  public static final int DOF_SECT_ECBDESC = 3;
  /** dof_probedesc_t */
  public static final int DOF_SECT_PROBEDESC = 4;
  /** dof_actdesc_t array */
  public static final int DOF_SECT_ACTDESC = 5;
  /** dof_difohdr_t (variable length) */
  public static final int DOF_SECT_DIFOHDR = 6;
  /** uint32_t array of byte code */
  public static final int DOF_SECT_DIF = 7;
  /** string table */
  public static final int DOF_SECT_STRTAB = 8;
  /** dtrace_difv_t array */
  public static final int DOF_SECT_VARTAB = 9;
  /** dof_relodesc_t array */
  public static final int DOF_SECT_RELTAB = 10;
  /** dtrace_diftype_t array */
  public static final int DOF_SECT_TYPTAB = 11;
  /** dof_relohdr_t (user relocations) */
  public static final int DOF_SECT_URELHDR = 12;
  /** dof_relohdr_t (kernel relocations) */
  public static final int DOF_SECT_KRELHDR = 13;
  /** dof_optdesc_t array */
  public static final int DOF_SECT_OPTDESC = 14;
  /** dof_provider_t */
  public static final int DOF_SECT_PROVIDER = 15;
  /** dof_probe_t array */
  public static final int DOF_SECT_PROBES = 16;
  /** uint8_t array (probe arg mappings) */
  public static final int DOF_SECT_PRARGS = 17;
  /** uint32_t array (probe arg offsets) */
  public static final int DOF_SECT_PROFFS = 18;
  /** uint64_t array */
  public static final int DOF_SECT_INTTAB = 19;
  /** struct utsname */
  public static final int DOF_SECT_UTSNAME = 20;
  /** dof_xlref_t array */
  public static final int DOF_SECT_XLTAB = 21;
  /** dof_xlmember_t array */
  public static final int DOF_SECT_XLMEMBERS = 22;
  /** dof_xlator_t */
  public static final int DOF_SECT_XLIMPORT = 23;
  /** dof_xlator_t */
  public static final int DOF_SECT_XLEXPORT = 24;
  /** dof_secidx_t array (exported objs) */
  public static final int DOF_SECT_PREXPORT = 25;
  /** uint32_t array (enabled offsets) */
  public static final int DOF_SECT_PRENOFFS = 26;
  /** section should be loaded */
  public static final int DOF_SECF_LOAD = 1;
  /** empty relocation entry */
  public static final int DOF_RELO_NONE = 0;
  /** relocate setx value */
  public static final int DOF_RELO_SETX = 1;
  /** Null section index. */
  public static final int DOF_SECIDX_NONE = -1;
  /** Null string index. */
  public static final int DOF_STRIDX_NONE = -1;

}

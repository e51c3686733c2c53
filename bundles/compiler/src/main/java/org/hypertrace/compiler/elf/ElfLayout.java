package org.hypertrace.compiler.elf;

import java.util.List;

/**
 * The layout of HyperTrace's ELF program container (its {@code dt_elf.c} serialises programs as ELF
 * sections such as {@code .dtrace_prog} and {@code .dtrace_stmt_idname_table}). An ELF64
 * little-endian relocatable file, machine EM_NONE (DIF is machine-independent), no program headers,
 * one section per table; every table entry has a fixed size; strings live in {@code .strtab}
 * (offset 0 is the empty string) and DIF string tables in {@code .dtrace_difstr}.
 *
 * <ol>
 *   <li>{@code .dtrace_prog}: u32 version, counts of statements, actions, DIF objects,
 *       aggregations, options, then the 128-byte program identity;</li>
 *   <li>{@code .dtrace_stmt}: five probe-description string offsets, predicate DIFO index
 *       ({@link #NONE} for none), first action, action count, clause;</li>
 *   <li>{@code .dtrace_actdesc}: kind, DIFO index, ntuple, format string, arg, uarg, aggregation
 *       index;</li>
 *   <li>{@code .dtrace_difo}: ranges into {@code .dtrace_dif}, {@code .dtrace_inttab},
 *       {@code .dtrace_difstr}, {@code .dtrace_vartab}, {@code .dtrace_reltab}, and a type index;</li>
 *   <li>{@code .dtrace_types}: DIF types (kind, ckind, flags, size), shared by value.</li>
 * </ol>
 * Statements of one clause share their predicate and action list, as dtrace's statements share
 * their ECB description: the writer keeps that sharing and the reader restores it.
 */
final class ElfLayout {
  private ElfLayout() {}

  static final int VERSION = 1;
  static final int NONE = -1;
  static final int EHDR_SIZE = 64;
  static final int SHDR_SIZE = 64;
  static final int SHT_PROGBITS = 1;
  static final int SHT_STRTAB = 3;
  static final int ET_REL = 1;
  static final int EM_NONE = 0;
  /** DTrace's limit on a DOF file applies to containers too. */
  static final int MAX_SIZE = 8 << 20;
  /** DTrace's limit on one DIF object's text, in instructions (256 KiB). */
  static final int MAX_DIF = (256 << 10) / 4;

  static final int PROG_SIZE = 6 * 4 + 128;
  static final int STMT_SIZE = 9 * 4;
  static final int ACT_SIZE = 4 * 4 + 8 + 8 + 4 + 4;
  static final int AGG_SIZE = 6 * 4;
  static final int TYPE_SIZE = 8;
  static final int DIFO_SIZE = 11 * 4;
  static final int VAR_SIZE = 16;
  static final int REL_SIZE = 16;
  static final int OPT_SIZE = 8;
  static final int IDNAME_SIZE = 8;

  /** Section names in file order (index 0 is the null section). */
  static final List<String> SECTIONS = List.of("", ".shstrtab", ".strtab", ".dtrace_prog",
      ".dtrace_stmt", ".dtrace_actdesc", ".dtrace_agg", ".dtrace_types", ".dtrace_difo",
      ".dtrace_dif", ".dtrace_inttab", ".dtrace_difstr", ".dtrace_vartab", ".dtrace_reltab",
      ".dtrace_options", ".dtrace_stmt_idname_table");

  static final int S_SHSTRTAB = 1;
  static final int S_STRTAB = 2;
  static final int S_PROG = 3;
  static final int S_STMT = 4;
  static final int S_ACT = 5;
  static final int S_AGG = 6;
  static final int S_TYPES = 7;
  static final int S_DIFO = 8;
  static final int S_DIF = 9;
  static final int S_INTTAB = 10;
  static final int S_DIFSTR = 11;
  static final int S_VARTAB = 12;
  static final int S_RELTAB = 13;
  static final int S_OPTIONS = 14;
  static final int S_IDNAME = 15;
}

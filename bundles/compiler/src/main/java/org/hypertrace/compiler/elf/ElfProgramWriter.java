package org.hypertrace.compiler.elf;

import static org.hypertrace.compiler.elf.ElfLayout.NONE;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifRelocation;
import org.hypertrace.api.dif.DifType;
import org.hypertrace.api.dif.DifVariable;
import org.hypertrace.api.program.ActionDescription;
import org.hypertrace.api.program.AggregationDescription;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.program.Statement;
import org.hypertrace.compiler.buf.LeBuffer;

/**
 * Writes a {@link DProgram} as HyperTrace's ELF program container (layout in {@link ElfLayout}).
 * Deterministic: tables are filled in program order and strings deduplicated in first-use order,
 * so equal programs give equal bytes. Port of the role of HyperTrace's {@code dt_elf_create}.
 */
public final class ElfProgramWriter {
  private final LeBuffer[] sec = new LeBuffer[ElfLayout.SECTIONS.size()];
  private final Map<String, Integer> strings = new HashMap<>();
  private final Map<DifObject, Integer> difos = new IdentityHashMap<>();
  private final Map<List<ActionDescription>, Integer> actionLists = new IdentityHashMap<>();
  private final Map<AggregationDescription, Integer> aggs = new LinkedHashMap<>();
  private final Map<DifType, Integer> types = new HashMap<>();
  private int nactions;

  /**
   * @param program the program
   * @return the container bytes
   */
  public static byte[] write(DProgram program) {
    return new ElfProgramWriter().emit(program);
  }

  private ElfProgramWriter() {
    for (int i = 1; i < sec.length; i++) {
      sec[i] = new LeBuffer();
    }
    sec[ElfLayout.S_STRTAB].u8(0);
    strings.put("", 0);
  }

  private byte[] emit(DProgram p) {
    List<Statement> stmts = p.statements();
    for (int i = 0; i < stmts.size(); i++) {
      statement(stmts.get(i), i);
    }
    for (Map.Entry<String, String> o : p.options().entrySet()) {
      sec[ElfLayout.S_OPTIONS].u32(str(o.getKey())).u32(str(o.getValue()));
    }
    byte[] identity = java.util.Arrays.copyOf(p.identity(), 128);
    sec[ElfLayout.S_PROG].u32(ElfLayout.VERSION).u32(stmts.size()).u32(nactions)
        .u32(difos.size()).u32(aggs.size()).u32(p.options().size()).bytes(identity);
    return assemble();
  }

  private void statement(Statement s, int index) {
    ProbeDescription d = s.probe();
    int pred = difo(s.predicate());
    Integer first = actionLists.get(s.actions());
    if (first == null) {
      first = nactions;
      actionLists.put(s.actions(), first);
      for (ActionDescription a : s.actions()) {
        action(a);
      }
    }
    sec[ElfLayout.S_STMT].u32(str(d.target())).u32(str(d.provider())).u32(str(d.module()))
        .u32(str(d.function())).u32(str(d.name())).u32(pred).u32(first)
        .u32(s.actions().size()).u32(s.clause());
    sec[ElfLayout.S_IDNAME].u32(index).u32(str(d.toString()));
  }

  private void action(ActionDescription a) {
    int difo = difo(a.difo());
    int fmt = a.format() == null ? NONE : str(a.format());
    int agg = a.aggregation() == null ? NONE : agg(a.aggregation());
    sec[ElfLayout.S_ACT].u32(a.kind()).u32(difo).u32(a.ntuple()).u32(fmt).u64(a.arg())
        .u64(a.uarg()).u32(agg).u32(0);
    nactions++;
  }

  private int agg(AggregationDescription a) {
    Integer i = aggs.get(a);
    if (i != null) {
      return i;
    }
    // key types are stored as a run in .dtrace_types so the reader finds them by range
    int firstType = sec[ElfLayout.S_TYPES].size() / ElfLayout.TYPE_SIZE;
    for (DifType t : a.keyTypes()) {
      typeEntry(t);
    }
    int idx = aggs.size();
    aggs.put(a, idx);
    sec[ElfLayout.S_AGG].u32(a.id()).u32(str(a.name())).u32(a.function())
        .u32(a.keyTypes().size()).u32(a.keyTypes().isEmpty() ? NONE : firstType).u32(0);
    return idx;
  }

  private int difo(DifObject d) {
    if (d == null) {
      return NONE;
    }
    Integer i = difos.get(d);
    if (i != null) {
      return i;
    }
    int rtype = type(d.returnType());
    LeBuffer dif = sec[ElfLayout.S_DIF];
    LeBuffer ints = sec[ElfLayout.S_INTTAB];
    LeBuffer strs = sec[ElfLayout.S_DIFSTR];
    LeBuffer vars = sec[ElfLayout.S_VARTAB];
    LeBuffer rels = sec[ElfLayout.S_RELTAB];
    int textOff = dif.size() / 4;
    int intOff = ints.size() / 8;
    int strOff = strs.size();
    int varOff = vars.size() / ElfLayout.VAR_SIZE;
    int relOff = rels.size() / ElfLayout.REL_SIZE;
    for (int ins : d.text()) {
      dif.u32(ins);
    }
    for (long v : d.intTab()) {
      ints.u64(v);
    }
    strs.bytes(d.strTab());
    for (DifVariable v : d.varTab()) {
      vars.u32(str(v.name())).u32(v.id()).u8(v.kind()).u8(v.scope()).u16(v.flags())
          .u32(type(v.type()));
    }
    for (DifRelocation r : d.relocations()) {
      rels.u32(r.offset()).u32(r.opcode()).u32(str(r.typeName())).u32(str(r.memberPath()));
    }
    int idx = difos.size();
    difos.put(d, idx);
    sec[ElfLayout.S_DIFO].u32(textOff).u32(d.text().length).u32(intOff).u32(d.intTab().length)
        .u32(strOff).u32(d.strTab().length).u32(varOff).u32(d.varTab().size()).u32(relOff)
        .u32(d.relocations().size()).u32(rtype);
    return idx;
  }

  private int type(DifType t) {
    Integer i = types.get(t);
    if (i == null) {
      i = sec[ElfLayout.S_TYPES].size() / ElfLayout.TYPE_SIZE;
      types.put(t, i);
      typeEntry(t);
    }
    return i;
  }

  private void typeEntry(DifType t) {
    sec[ElfLayout.S_TYPES].u8(t.kind()).u8(t.ckind()).u8(t.flags()).u8(0).u32(t.size());
  }

  private int str(String s) {
    Integer off = strings.get(s);
    if (off == null) {
      LeBuffer st = sec[ElfLayout.S_STRTAB];
      off = st.size();
      st.bytes(s.getBytes(StandardCharsets.UTF_8)).u8(0);
      strings.put(s, off);
    }
    return off;
  }

  /** Joins the sections behind the ELF header and appends the section header table. */
  private byte[] assemble() {
    LeBuffer shstr = sec[ElfLayout.S_SHSTRTAB];
    int[] nameOff = new int[sec.length];
    shstr.u8(0);
    for (int i = 1; i < sec.length; i++) {
      nameOff[i] = shstr.size();
      shstr.bytes(ElfLayout.SECTIONS.get(i).getBytes(StandardCharsets.US_ASCII)).u8(0);
    }
    LeBuffer f = new LeBuffer();
    f.bytes(new byte[ElfLayout.EHDR_SIZE]);
    long[] off = new long[sec.length];
    for (int i = 1; i < sec.length; i++) {
      f.align(8);
      off[i] = f.size();
      f.bytes(sec[i].toByteArray());
    }
    f.align(8);
    long shoff = f.size();
    f.bytes(new byte[ElfLayout.SHDR_SIZE]);
    for (int i = 1; i < sec.length; i++) {
      int type = i == ElfLayout.S_SHSTRTAB || i == ElfLayout.S_STRTAB ? ElfLayout.SHT_STRTAB
          : ElfLayout.SHT_PROGBITS;
      f.u32(nameOff[i]).u32(type).u64(0).u64(0).u64(off[i]).u64(sec[i].size()).u32(0).u32(0)
          .u64(8).u64(entSize(i));
    }
    byte[] out = f.toByteArray();
    LeBuffer h = new LeBuffer();
    h.u8(0x7f).u8('E').u8('L').u8('F').u8(2).u8(1).u8(1).u8(0).u64(0);
    h.u16(ElfLayout.ET_REL).u16(ElfLayout.EM_NONE).u32(1).u64(0).u64(0).u64(shoff).u32(0)
        .u16(ElfLayout.EHDR_SIZE).u16(0).u16(0).u16(ElfLayout.SHDR_SIZE).u16(sec.length)
        .u16(ElfLayout.S_SHSTRTAB);
    System.arraycopy(h.toByteArray(), 0, out, 0, ElfLayout.EHDR_SIZE);
    return out;
  }

  static int entSize(int section) {
    switch (section) {
      case ElfLayout.S_PROG: return ElfLayout.PROG_SIZE;
      case ElfLayout.S_STMT: return ElfLayout.STMT_SIZE;
      case ElfLayout.S_ACT: return ElfLayout.ACT_SIZE;
      case ElfLayout.S_AGG: return ElfLayout.AGG_SIZE;
      case ElfLayout.S_TYPES: return ElfLayout.TYPE_SIZE;
      case ElfLayout.S_DIFO: return ElfLayout.DIFO_SIZE;
      case ElfLayout.S_DIF: return 4;
      case ElfLayout.S_INTTAB: return 8;
      case ElfLayout.S_VARTAB: return ElfLayout.VAR_SIZE;
      case ElfLayout.S_RELTAB: return ElfLayout.REL_SIZE;
      case ElfLayout.S_OPTIONS: return ElfLayout.OPT_SIZE;
      case ElfLayout.S_IDNAME: return ElfLayout.IDNAME_SIZE;
      default: return 0;
    }
  }
}

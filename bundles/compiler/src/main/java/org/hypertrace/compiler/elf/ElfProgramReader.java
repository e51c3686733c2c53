package org.hypertrace.compiler.elf;

import static org.hypertrace.compiler.elf.ElfLayout.NONE;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
import org.hypertrace.api.program.ProgramFormatException;
import org.hypertrace.api.program.Statement;

/**
 * Reads HyperTrace's ELF program container back into a {@link DProgram}, checking every offset,
 * index and size before use: a malformed file gives a {@link ProgramFormatException} naming the
 * section and field, never a runtime exception. Port of the role of HyperTrace's
 * {@code dt_elf_to_prog}.
 */
public final class ElfProgramReader {
  private final ByteBuffer file;
  private final ByteBuffer[] sec = new ByteBuffer[ElfLayout.SECTIONS.size()];
  private List<DifType> types;
  private List<DifObject> difos;
  private List<AggregationDescription> aggs;
  private List<ActionDescription> actions;

  private ElfProgramReader(byte[] bytes) {
    this.file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * @param bytes a container
   * @return the program
   * @throws ProgramFormatException naming the field at fault
   */
  public static DProgram read(byte[] bytes) throws ProgramFormatException {
    try {
      return new ElfProgramReader(bytes).parse();
    } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
      throw new ProgramFormatException("ELF container: truncated table (" + e.getMessage() + ")");
    }
  }

  private DProgram parse() throws ProgramFormatException {
    header();
    ByteBuffer p = sec[ElfLayout.S_PROG];
    need(p.remaining() == ElfLayout.PROG_SIZE, ".dtrace_prog: size " + p.remaining());
    need(p.getInt() == ElfLayout.VERSION, ".dtrace_prog: unsupported version");
    int nstmt = p.getInt();
    int nact = p.getInt();
    int ndifo = p.getInt();
    int nagg = p.getInt();
    int nopt = p.getInt();
    byte[] identity = new byte[128];
    p.get(identity);
    count(ElfLayout.S_STMT, nstmt, ElfLayout.STMT_SIZE, ".dtrace_stmt");
    count(ElfLayout.S_ACT, nact, ElfLayout.ACT_SIZE, ".dtrace_actdesc");
    count(ElfLayout.S_DIFO, ndifo, ElfLayout.DIFO_SIZE, ".dtrace_difo");
    count(ElfLayout.S_AGG, nagg, ElfLayout.AGG_SIZE, ".dtrace_agg");
    count(ElfLayout.S_OPTIONS, nopt, ElfLayout.OPT_SIZE, ".dtrace_options");
    count(ElfLayout.S_IDNAME, nstmt, ElfLayout.IDNAME_SIZE, ".dtrace_stmt_idname_table");
    need(sec[ElfLayout.S_TYPES].remaining() % ElfLayout.TYPE_SIZE == 0, ".dtrace_types: size");
    readTypes();
    readDifos(ndifo);
    readAggs(nagg);
    readActions(nact);
    List<Statement> stmts = readStatements(nstmt);
    Map<String, String> options = new LinkedHashMap<>();
    ByteBuffer o = sec[ElfLayout.S_OPTIONS];
    for (int i = 0; i < nopt; i++) {
      options.put(str(o.getInt(), ".dtrace_options[" + i + "].name"),
          str(o.getInt(), ".dtrace_options[" + i + "].value"));
    }
    if (Arrays.equals(identity, new byte[128])) {
      identity = new byte[0];
    }
    return new DProgram(stmts, options, identity);
  }

  private void header() throws ProgramFormatException {
    need(file.capacity() <= ElfLayout.MAX_SIZE, "ELF container: " + file.capacity()
        + " bytes exceeds the limit of " + ElfLayout.MAX_SIZE);
    need(file.capacity() >= ElfLayout.EHDR_SIZE, "ELF header: truncated");
    need(file.getInt(0) == 0x464c457f, "ELF header: bad magic");
    need(file.get(4) == 2, "ELF header: EI_CLASS is not ELFCLASS64");
    need(file.get(5) == 1, "ELF header: EI_DATA is not little-endian");
    need(file.getShort(16) == ElfLayout.ET_REL, "ELF header: e_type is not ET_REL");
    long shoff = file.getLong(40);
    int shentsize = file.getShort(58) & 0xffff;
    int shnum = file.getShort(60) & 0xffff;
    int shstrndx = file.getShort(62) & 0xffff;
    need(shentsize == ElfLayout.SHDR_SIZE, "ELF header: e_shentsize " + shentsize);
    need(shnum == ElfLayout.SECTIONS.size(), "ELF header: e_shnum " + shnum + ", expected "
        + ElfLayout.SECTIONS.size());
    need(shoff > 0 && shoff + (long) shnum * shentsize <= file.capacity(),
        "ELF header: e_shoff " + shoff + " out of range");
    need(shstrndx == ElfLayout.S_SHSTRTAB, "ELF header: e_shstrndx " + shstrndx);
    ByteBuffer[] raw = new ByteBuffer[shnum];
    int[] names = new int[shnum];
    for (int i = 1; i < shnum; i++) {
      int h = (int) shoff + i * shentsize;
      names[i] = file.getInt(h);
      long off = file.getLong(h + 24);
      long size = file.getLong(h + 32);
      need(off >= 0 && size >= 0 && off + size <= file.capacity(),
          "section " + i + ": sh_offset/sh_size out of range");
      raw[i] = file.slice((int) off, (int) size).order(ByteOrder.LITTLE_ENDIAN);
    }
    ByteBuffer shstr = raw[ElfLayout.S_SHSTRTAB];
    for (int i = 1; i < shnum; i++) {
      String name = cstr(shstr, names[i], "section " + i + ": sh_name");
      need(name.equals(ElfLayout.SECTIONS.get(i)), "section " + i + ": expected "
          + ElfLayout.SECTIONS.get(i) + ", found " + name);
      sec[i] = raw[i];
    }
  }

  private void readTypes() {
    ByteBuffer t = sec[ElfLayout.S_TYPES];
    types = new ArrayList<>();
    while (t.hasRemaining()) {
      int kind = t.get() & 0xff;
      int ckind = t.get() & 0xff;
      int flags = t.get() & 0xff;
      t.get();
      types.add(new DifType(kind, ckind, flags, t.getInt()));
    }
  }

  private void readDifos(int n) throws ProgramFormatException {
    ByteBuffer d = sec[ElfLayout.S_DIFO];
    difos = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String at = ".dtrace_difo[" + i + "]";
      int textOff = d.getInt();
      int textLen = d.getInt();
      need(textLen <= ElfLayout.MAX_DIF, at + ": DIF object of " + textLen
          + " instructions exceeds 256 KiB");
      // every range is checked before its array is made: lengths come from the file
      ByteBuffer dif = range(ElfLayout.S_DIF, textOff, textLen, 4, at + ".text");
      int[] text = new int[textLen];
      for (int k = 0; k < textLen; k++) {
        text[k] = dif.getInt();
      }
      int intOff = d.getInt();
      int intLen = d.getInt();
      ByteBuffer it = range(ElfLayout.S_INTTAB, intOff, intLen, 8, at + ".inttab");
      long[] ints = new long[intLen];
      for (int k = 0; k < intLen; k++) {
        ints[k] = it.getLong();
      }
      int strOff = d.getInt();
      int strLen = d.getInt();
      ByteBuffer sb = range(ElfLayout.S_DIFSTR, strOff, strLen, 1, at + ".strtab");
      byte[] strs = new byte[strLen];
      sb.get(strs);
      int varOff = d.getInt();
      int varLen = d.getInt();
      ByteBuffer vb = range(ElfLayout.S_VARTAB, varOff, varLen, ElfLayout.VAR_SIZE,
          at + ".vartab");
      List<DifVariable> vars = new ArrayList<>();
      for (int k = 0; k < varLen; k++) {
        String name = str(vb.getInt(), at + ".vartab[" + k + "].name");
        int id = vb.getInt();
        int kind = vb.get() & 0xff;
        int scope = vb.get() & 0xff;
        int flags = vb.getShort() & 0xffff;
        vars.add(new DifVariable(name, id, kind, scope, flags, type(vb.getInt(),
            at + ".vartab[" + k + "].type")));
      }
      int relOff = d.getInt();
      int relLen = d.getInt();
      ByteBuffer rb = range(ElfLayout.S_RELTAB, relOff, relLen, ElfLayout.REL_SIZE,
          at + ".reltab");
      List<DifRelocation> rels = new ArrayList<>();
      for (int k = 0; k < relLen; k++) {
        int off = rb.getInt();
        need(off >= 0 && off < textLen, at + ".reltab[" + k + "].offset " + off
            + " outside the text");
        rels.add(new DifRelocation(off, rb.getInt(), str(rb.getInt(), at + ".reltab.type"),
            str(rb.getInt(), at + ".reltab.member")));
      }
      DifType rtype = type(d.getInt(), at + ".rtype");
      difos.add(new DifObject(text, ints, strs, List.copyOf(vars), rtype, List.copyOf(rels)));
    }
  }

  private void readAggs(int n) throws ProgramFormatException {
    ByteBuffer a = sec[ElfLayout.S_AGG];
    aggs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String at = ".dtrace_agg[" + i + "]";
      int id = a.getInt();
      String name = str(a.getInt(), at + ".name");
      int fn = a.getInt();
      int nkeys = a.getInt();
      int first = a.getInt();
      a.getInt();
      List<DifType> keys = new ArrayList<>();
      for (int k = 0; k < nkeys; k++) {
        keys.add(type(first + k, at + ".keys"));
      }
      aggs.add(new AggregationDescription(id, name, fn, List.copyOf(keys)));
    }
  }

  private void readActions(int n) throws ProgramFormatException {
    ByteBuffer a = sec[ElfLayout.S_ACT];
    actions = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String at = ".dtrace_actdesc[" + i + "]";
      int kind = a.getInt();
      int difo = a.getInt();
      int ntuple = a.getInt();
      int fmt = a.getInt();
      long arg = a.getLong();
      long uarg = a.getLong();
      int agg = a.getInt();
      a.getInt();
      need(agg == NONE || agg >= 0 && agg < aggs.size(), at + ".aggregation " + agg
          + " out of range");
      actions.add(new ActionDescription(kind, difo(difo, at + ".difo"), ntuple,
          arg, uarg, fmt == NONE ? null : str(fmt, at + ".format"),
          agg == NONE ? null : aggs.get(agg)));
    }
  }

  private List<Statement> readStatements(int n) throws ProgramFormatException {
    ByteBuffer s = sec[ElfLayout.S_STMT];
    List<Statement> out = new ArrayList<>();
    Map<Long, List<ActionDescription>> lists = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String at = ".dtrace_stmt[" + i + "]";
      ProbeDescription d = new ProbeDescription(str(s.getInt(), at + ".target"),
          str(s.getInt(), at + ".provider"), str(s.getInt(), at + ".module"),
          str(s.getInt(), at + ".function"), str(s.getInt(), at + ".name"));
      DifObject pred = difo(s.getInt(), at + ".predicate");
      int first = s.getInt();
      int count = s.getInt();
      need(first >= 0 && count >= 0 && (long) first + count <= actions.size(),
          at + ": actions " + first + "+" + count + " out of range");
      // statements of one clause share one action list, as they were written
      List<ActionDescription> acts = lists.computeIfAbsent(((long) first << 32) | count,
          k -> List.copyOf(actions.subList(first, first + count)));
      out.add(new Statement(d, pred, acts, s.getInt()));
    }
    return out;
  }

  private DifObject difo(int i, String at) throws ProgramFormatException {
    if (i == NONE) {
      return null;
    }
    need(i >= 0 && i < difos.size(), at + " " + i + " out of range");
    return difos.get(i);
  }

  private DifType type(int i, String at) throws ProgramFormatException {
    need(i >= 0 && i < types.size(), at + ": type " + i + " out of range");
    return types.get(i);
  }

  private ByteBuffer range(int section, int off, int len, int unit, String at)
      throws ProgramFormatException {
    ByteBuffer b = sec[section];
    long start = (long) off * unit;
    long end = start + (long) len * unit;
    need(off >= 0 && len >= 0 && end <= b.capacity(), at + ": range " + off + "+" + len
        + " outside " + ElfLayout.SECTIONS.get(section));
    return b.slice((int) start, (int) (end - start)).order(ByteOrder.LITTLE_ENDIAN);
  }

  private void count(int section, int n, int size, String name) throws ProgramFormatException {
    need(n >= 0 && (long) n * size == sec[section].remaining(), name + ": " + n
        + " entries do not fill " + sec[section].remaining() + " bytes");
  }

  private String str(int off, String at) throws ProgramFormatException {
    return cstr(sec[ElfLayout.S_STRTAB], off, at);
  }

  private static String cstr(ByteBuffer b, int off, String at) throws ProgramFormatException {
    need(off >= 0 && off < b.capacity(), at + ": string offset " + off + " out of range");
    int end = off;
    while (end < b.capacity() && b.get(end) != 0) {
      end++;
    }
    need(end < b.capacity(), at + ": string at " + off + " is not NUL-terminated");
    byte[] s = new byte[end - off];
    b.get(off, s);
    return new String(s, StandardCharsets.UTF_8);
  }

  private static void need(boolean ok, String what) throws ProgramFormatException {
    if (!ok) {
      throw new ProgramFormatException(what);
    }
  }
}

package org.hypertrace.compiler.dof;

import static org.hypertrace.api.dof.DofConstants.*;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hypertrace.api.dif.DifConstants;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifType;
import org.hypertrace.api.dif.DifVariable;
import org.hypertrace.api.dtrace.DTraceConstants;
import org.hypertrace.api.program.ActionDescription;
import org.hypertrace.api.program.AggregationDescription;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.Statement;
import org.hypertrace.compiler.buf.LeBuffer;

/**
 * The DOF writer: port of dt_dof.c {@code dtrace_dof_create}. Layout, as libdtrace writes it:
 * the 64-byte {@code dof_hdr_t}, the array of 32-byte {@code dof_sec_t}, the loadable section
 * data in creation order (one PROBEDESC, the predicate's and actions' DIFO sections, one
 * ACTDESC and one ECBDESC per statement), the program string table, then the non-loadable
 * sections. The first section is the program string table. HyperTrace adds one non-loadable
 * COMMENTS section holding what DOF has no field for (options, aggregation names and key
 * types, clause indices) so that a program survives DOF and back; DOF consumers ignore it.
 * HyperTrace relocations are not carried in DOF.
 */
public final class DofWriter {
  /** The version comment, as libdtrace writes {@code _dtrace_version}. */
  static final String VERSION = "HyperTrace/J D 1.0";
  /** First line of HyperTrace's metadata comment. */
  static final String META = "hypertrace-dof-meta 1";

  private final LeBuffer secs = new LeBuffer();
  private final LeBuffer ldata = new LeBuffer();
  private final LeBuffer udata = new LeBuffer();
  private final LeBuffer strs = new LeBuffer();
  private int nsecs;
  private int strsec;

  private DofWriter() {}

  /** @return the DOF image of {@code p}. */
  public static byte[] write(DProgram p) {
    return new DofWriter().create(p);
  }

  private int addSect(LeBuffer buf, int type, int align, int flags, int entsize, byte[] data,
      long size) {
    int off = buf.offset(align);
    secs.align(8);
    secs.u32(type).u32(align).u32(flags).u32(entsize).u64(off).u64(size);
    if (data != null) {
      buf.align(align).bytes(data);
    }
    return nsecs++;
  }

  private int lsect(int type, int align, int entsize, byte[] data, long size) {
    return addSect(ldata, type, align, DOF_SECF_LOAD, entsize, data, size);
  }

  /** dof_add_string: no deduplication; "" is offset 0. */
  private int string(String s) {
    int i = strs.size();
    if (i != 0 && (s == null || s.isEmpty())) {
      return 0;
    }
    strs.bytes(s.getBytes(StandardCharsets.ISO_8859_1)).u8(0);
    return i;
  }

  static byte[] diftype(DifType t) {
    LeBuffer b = new LeBuffer();
    b.u8(t.kind()).u8(t.ckind()).u8(t.flags()).u8(0).u32(t.size());
    return b.toByteArray();
  }

  /** dof_add_difo. */
  private int difo(DifObject d) {
    int[] links = new int[4];
    int n = 0;
    LeBuffer b = new LeBuffer();
    for (int in : d.text()) {
      b.u32(in);
    }
    links[n++] = lsect(DOF_SECT_DIF, 4, 4, b.toByteArray(), 4L * d.text().length);
    if (d.intTab().length > 0) {
      LeBuffer ib = new LeBuffer();
      for (long v : d.intTab()) {
        ib.u64(v);
      }
      links[n++] = lsect(DOF_SECT_INTTAB, 8, 8, ib.toByteArray(), 8L * d.intTab().length);
    }
    if (d.strTab().length > 0) {
      links[n++] = lsect(DOF_SECT_STRTAB, 1, 0, d.strTab(), d.strTab().length);
    }
    if (!d.varTab().isEmpty()) {
      LeBuffer vb = new LeBuffer();
      for (DifVariable v : d.varTab()) {
        vb.u32(stringIndex(d.strTab(), v.name())).u32(v.id()).u8(v.kind()).u8(v.scope())
            .u16(v.flags()).bytes(diftype(v.type()));
      }
      links[n++] = lsect(DOF_SECT_VARTAB, 4, 20, vb.toByteArray(), 20L * d.varTab().size());
    }
    LeBuffer h = new LeBuffer();
    h.bytes(diftype(d.returnType()));
    for (int i = 0; i < n; i++) {
      h.u32(links[i]);
    }
    return lsect(DOF_SECT_DIFOHDR, 4, 0, h.toByteArray(), 8 + 4L * n);
  }

  /** @return the offset of {@code name} in a DIFO string table (dtdv_name). */
  static int stringIndex(byte[] tab, String name) {
    byte[] s = name.getBytes(StandardCharsets.ISO_8859_1);
    outer:
    for (int i = 0; i + s.length < tab.length; i++) {
      if (i > 0 && tab[i - 1] != 0) {
        continue;
      }
      for (int j = 0; j < s.length; j++) {
        if (tab[i + j] != s[j]) {
          continue outer;
        }
      }
      if (tab[i + s.length] == 0) {
        return i;
      }
    }
    return 0;
  }

  static boolean carriesFormat(ActionDescription a) {
    int k = a.kind();
    return a.format() != null && (k == DTraceConstants.DTRACEACT_PRINTF
        || k == DTraceConstants.DTRACEACT_PRINTA || k == DTraceConstants.DTRACEACT_SYSTEM
        || k == DTraceConstants.DTRACEACT_FREOPEN);
  }

  private byte[] create(DProgram p) {
    strsec = lsect(DOF_SECT_STRTAB, 1, 0, null, 0);
    string("");
    for (Statement s : p.statements()) {
      LeBuffer pd = new LeBuffer();
      int prov = string(s.probe().provider());
      int mod = string(s.probe().module());
      int fn = string(s.probe().function());
      int name = string(s.probe().name());
      pd.u32(strsec).u32(prov).u32(mod).u32(fn).u32(name).u32(0);
      int probesec = lsect(DOF_SECT_PROBEDESC, 4, 24, pd.toByteArray(), 24);
      int prdsec = s.predicate() == null ? DOF_SECIDX_NONE : difo(s.predicate());
      LeBuffer ab = new LeBuffer();
      for (ActionDescription a : s.actions()) {
        int dsec = a.difo() == null ? DOF_SECIDX_NONE : difo(a.difo());
        int strndx = carriesFormat(a) ? string(a.format()) : 0;
        ab.u32(dsec).u32(strndx != 0 ? strsec : DOF_SECIDX_NONE).u32(a.kind())
            .u32(a.ntuple()).u64(strndx != 0 ? strndx : a.arg()).u64(a.uarg());
      }
      int actsec = DOF_SECIDX_NONE;
      if (!s.actions().isEmpty()) {
        actsec = lsect(DOF_SECT_ACTDESC, 8, 32, ab.toByteArray(), 32L * s.actions().size());
      }
      LeBuffer eb = new LeBuffer();
      eb.u32(probesec).u32(prdsec).u32(actsec).u32(0).u64(0);
      lsect(DOF_SECT_ECBDESC, 8, 0, eb.toByteArray(), 24);
    }
    byte[] ver = (VERSION + "\0").getBytes(StandardCharsets.ISO_8859_1);
    addSect(udata, DOF_SECT_COMMENTS, 1, 0, 0, ver, ver.length);
    byte[] meta = (meta(p) + "\0").getBytes(StandardCharsets.UTF_8);
    addSect(udata, DOF_SECT_COMMENTS, 1, 0, 0, meta, meta.length);
    return layout();
  }

  /** HyperTrace's metadata: one line per fact, in a fixed order. */
  static String meta(DProgram p) {
    StringBuilder sb = new StringBuilder(META).append('\n');
    Map<String, String> opts = new TreeMap<>(p.options());
    for (Map.Entry<String, String> e : opts.entrySet()) {
      sb.append("option ").append(escape(e.getKey())).append(' ').append(escape(e.getValue()))
          .append('\n');
    }
    Map<Integer, AggregationDescription> aggs = new TreeMap<>();
    for (Statement s : p.statements()) {
      for (ActionDescription a : s.actions()) {
        if (a.aggregation() != null) {
          aggs.putIfAbsent(a.aggregation().id(), a.aggregation());
        }
      }
    }
    for (AggregationDescription a : aggs.values()) {
      sb.append("agg ").append(a.id()).append(' ').append(a.function()).append(' ')
          .append(escape(a.name()));
      for (DifType t : a.keyTypes()) {
        sb.append(' ').append(t.kind()).append(':').append(t.ckind()).append(':')
            .append(t.flags()).append(':').append(t.size());
      }
      sb.append('\n');
    }
    List<Statement> st = p.statements();
    for (int i = 0; i < st.size(); i++) {
      Statement s = st.get(i);
      sb.append("stmt ").append(i).append(' ').append(s.clause()).append(' ')
          .append(escape(s.probe().target())).append('\n');
    }
    StringBuilder id = new StringBuilder();
    for (byte b : p.identity()) {
      id.append(String.format("%02x", b & 0xff));
    }
    sb.append("identity ").append(id.length() == 0 ? "-" : id).append('\n');
    return sb.toString();
  }

  /** Percent-escapes spaces, newlines, percent signs and empty strings. */
  static String escape(String s) {
    if (s.isEmpty()) {
      return "%";
    }
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == ' ' || c == '\n' || c == '%' || c < 0x20 || c == 0x7f) {
        b.append(String.format("%%%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /* Header, section headers, loadable data, program strings, non-loadable data. */
  private byte[] layout() {
    int ssize = 64 + secs.size();
    long loadsz = ssize + ldata.size() + strs.size();
    long lsize;
    long filesz;
    if (udata.size() != 0) {
      lsize = (loadsz + 7) / 8 * 8;
      filesz = lsize + udata.size();
    } else {
      lsize = loadsz;
      filesz = loadsz;
    }
    for (int i = 0; i < nsecs; i++) {
      int at = i * 32;
      int flags = (int) (secs.getU64(at + 8) & 0xffffffffL);
      if (i == strsec) {
        secs.putU64(at + 16, ssize + ldata.size());
        secs.putU64(at + 24, strs.size());
      } else if ((flags & DOF_SECF_LOAD) != 0) {
        secs.putU64(at + 16, secs.getU64(at + 16) + ssize);
      } else {
        secs.putU64(at + 16, secs.getU64(at + 16) + lsize);
      }
    }
    LeBuffer out = new LeBuffer();
    out.u8(0x7f).u8('D').u8('O').u8('F').u8(DOF_MODEL_LP64).u8(DOF_ENCODE_LSB)
        .u8(DOF_VERSION_2).u8(DifConstants.DIF_VERSION).u8(DifConstants.DIF_DIR_NREGS)
        .u8(DifConstants.DIF_DTR_NREGS);
    for (int i = 10; i < 16; i++) {
      out.u8(0);
    }
    out.u32(0).u32(64).u32(32).u32(nsecs).u64(64).u64(loadsz).u64(filesz).u64(0);
    out.bytes(secs.toByteArray());
    out.align(8).bytes(ldata.toByteArray());
    out.bytes(strs.toByteArray());
    if (udata.size() != 0) {
      out.align(8).bytes(udata.toByteArray());
    }
    return out.toByteArray();
  }
}

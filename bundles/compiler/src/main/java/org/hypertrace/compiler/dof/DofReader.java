package org.hypertrace.compiler.dof;

import static org.hypertrace.api.dof.DofConstants.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hypertrace.api.dif.DifConstants;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifType;
import org.hypertrace.api.dif.DifVariable;
import org.hypertrace.api.program.ActionDescription;
import org.hypertrace.api.program.AggregationDescription;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProbeDescription;
import org.hypertrace.api.program.ProgramFormatException;
import org.hypertrace.api.program.Statement;

/**
 * The DOF reader, checking what the kernel checks before it trusts a DOF image (port of the
 * validation in dtrace.c {@code dtrace_dof_slurp}, {@code dtrace_dof_sect},
 * {@code dtrace_dof_difo}, {@code dtrace_dof_ecbdesc}): magic, model, encoding, versions,
 * register counts, header and section sizes, section bounds and alignment, section types of
 * every link, string offsets, and the 8 MiB / 256 KiB limits. Every failure is a
 * {@link ProgramFormatException} naming the field at fault.
 */
public final class DofReader {
  /** dtrace_dof_maxsize. */
  public static final int MAX_DOF = 8 * 1024 * 1024;
  /** dtrace_difo_maxsize. */
  public static final int MAX_DIFO = 256 * 1024;

  private final byte[] b;
  private int secnum;
  private final Map<Integer, DifObject> difos = new HashMap<>();

  private DofReader(byte[] b) {
    this.b = b;
  }

  /** @return the program in {@code dof}. */
  public static DProgram read(byte[] dof) throws ProgramFormatException {
    if (dof == null) {
      throw new ProgramFormatException("dof: no data");
    }
    return new DofReader(dof).parse();
  }

  private static ProgramFormatException err(String msg) {
    return new ProgramFormatException(msg);
  }

  private int u8(long at) {
    return b[(int) at] & 0xff;
  }

  private int u32(long at) {
    return (int) ((b[(int) at] & 0xff) | (b[(int) at + 1] & 0xff) << 8
        | (b[(int) at + 2] & 0xff) << 16 | (long) (b[(int) at + 3] & 0xff) << 24);
  }

  private long u64(long at) {
    return (u32(at) & 0xffffffffL) | ((long) u32(at + 4) << 32);
  }

  /** A section header. */
  private record Sec(int type, int align, int flags, int entsize, long offset, long size) {}

  private final List<Sec> secs = new ArrayList<>();

  private DProgram parse() throws ProgramFormatException {
    if (b.length < 64) {
      throw err("dof_hdr: truncated header (" + b.length + " bytes)");
    }
    if (b.length > MAX_DOF) {
      throw err("dofh_filesz: DOF exceeds maximum size of " + MAX_DOF + " bytes");
    }
    if (u8(0) != 0x7f || u8(1) != 'D' || u8(2) != 'O' || u8(3) != 'F') {
      throw err("dofh_ident[DOF_ID_MAG0..3]: bad magic");
    }
    if (u8(DOF_ID_MODEL) != DOF_MODEL_LP64 && u8(DOF_ID_MODEL) != DOF_MODEL_ILP32) {
      throw err("dofh_ident[DOF_ID_MODEL]: unknown data model " + u8(DOF_ID_MODEL));
    }
    if (u8(DOF_ID_ENCODING) != DOF_ENCODE_LSB) {
      throw err("dofh_ident[DOF_ID_ENCODING]: unsupported encoding " + u8(DOF_ID_ENCODING));
    }
    if (u8(DOF_ID_VERSION) != DOF_VERSION_1 && u8(DOF_ID_VERSION) != DOF_VERSION_2) {
      throw err("dofh_ident[DOF_ID_VERSION]: unsupported version " + u8(DOF_ID_VERSION));
    }
    if (u8(DOF_ID_DIFVERS) != DifConstants.DIF_VERSION_2) {
      throw err("dofh_ident[DOF_ID_DIFVERS]: unsupported DIF version " + u8(DOF_ID_DIFVERS));
    }
    if (u8(DOF_ID_DIFIREG) > DifConstants.DIF_DIR_NREGS) {
      throw err("dofh_ident[DOF_ID_DIFIREG]: too many integer registers");
    }
    if (u8(DOF_ID_DIFTREG) > DifConstants.DIF_DTR_NREGS) {
      throw err("dofh_ident[DOF_ID_DIFTREG]: too many tuple registers");
    }
    for (int i = DOF_ID_PAD; i < DOF_ID_SIZE; i++) {
      if (u8(i) != 0) {
        throw err("dofh_ident[" + i + "]: non-zero padding");
      }
    }
    if (u32(16) != 0) {
      throw err("dofh_flags: unknown flags 0x" + Integer.toHexString(u32(16)));
    }
    if (u32(20) != 64) {
      throw err("dofh_hdrsize: expected 64, found " + (u32(20) & 0xffffffffL));
    }
    if (u32(24) != 32) {
      throw err("dofh_secsize: expected 32, found " + (u32(24) & 0xffffffffL));
    }
    secnum = u32(28);
    long secoff = u64(32);
    long loadsz = u64(40);
    long filesz = u64(48);
    if (filesz != b.length) {
      throw err("dofh_filesz: " + filesz + " does not match the image size " + b.length);
    }
    if (loadsz < 0 || loadsz > filesz) {
      throw err("dofh_loadsz: " + loadsz + " exceeds dofh_filesz");
    }
    if (secnum < 0 || secoff < 64 || secoff + 32L * secnum > filesz) {
      throw err("dofh_secoff/dofh_secnum: section headers outside the image");
    }
    for (int i = 0; i < secnum; i++) {
      long at = secoff + 32L * i;
      Sec s = new Sec(u32(at), u32(at + 4), u32(at + 8), u32(at + 12), u64(at + 16),
          u64(at + 24));
      checkSection(i, s);
      secs.add(s);
    }
    return program();
  }

  private void checkSection(int i, Sec s) throws ProgramFormatException {
    String f = "section " + i + ": ";
    if (s.type() < 0 || s.type() > DOF_SECT_PRENOFFS) {
      throw err(f + "dofs_type: unknown section type " + s.type());
    }
    if (s.align() == 0 || (s.align() & (s.align() - 1)) != 0) {
      throw err(f + "dofs_align: " + s.align() + " is not a power of two");
    }
    if (s.offset() < 0 || s.size() < 0 || s.offset() + s.size() > b.length) {
      throw err(f + "dofs_offset/dofs_size: data outside the image");
    }
    if (s.offset() % s.align() != 0) {
      throw err(f + "dofs_offset: not aligned to " + s.align());
    }
    if (s.entsize() != 0 && s.size() % s.entsize() != 0) {
      throw err(f + "dofs_entsize: dofs_size is not a multiple of it");
    }
  }

  private Sec sect(int idx, int type, String field) throws ProgramFormatException {
    if (idx < 0 || idx >= secnum) {
      throw err(field + ": section index " + idx + " out of range");
    }
    Sec s = secs.get(idx);
    if (s.type() != type) {
      throw err(field + ": section " + idx + " has type " + s.type() + ", expected " + type);
    }
    return s;
  }

  private String string(Sec strtab, long off, String field) throws ProgramFormatException {
    if (off < 0 || off >= strtab.size()) {
      throw err(field + ": string offset " + off + " out of range of the string table");
    }
    long start = strtab.offset() + off;
    long end = start;
    long lim = strtab.offset() + strtab.size();
    while (end < lim && b[(int) end] != 0) {
      end++;
    }
    if (end >= lim) {
      throw err(field + ": string at offset " + off + " is not terminated");
    }
    return new String(b, (int) start, (int) (end - start), StandardCharsets.ISO_8859_1);
  }

  private DifType diftype(long at) {
    return new DifType(u8(at), u8(at + 1), u8(at + 2), u32(at + 4));
  }

  /** dtrace_dof_difo. */
  private DifObject difo(int idx, String field) throws ProgramFormatException {
    DifObject cached = difos.get(idx);
    if (cached != null) {
      return cached;
    }
    Sec h = sect(idx, DOF_SECT_DIFOHDR, field);
    if (h.size() < 8 || (h.size() - 8) % 4 != 0) {
      throw err(field + ": DIFOHDR size " + h.size() + " is malformed");
    }
    DifType rtype = diftype(h.offset());
    int[] text = null;
    long[] ints = new long[0];
    byte[] strtab = new byte[0];
    long varAt = -1;
    int nvars = 0;
    long total = 0;
    for (long at = h.offset() + 8; at < h.offset() + h.size(); at += 4) {
      int link = u32(at);
      if (link < 0 || link >= secnum) {
        throw err(field + ": dofd_links: section index " + link + " out of range");
      }
      Sec s = secs.get(link);
      total += s.size();
      switch (s.type()) {
        case DOF_SECT_DIF:
          if (s.entsize() != 4 || s.size() == 0) {
            throw err(field + ": DIF section " + link + " has a bad dofs_entsize or size");
          }
          text = new int[(int) (s.size() / 4)];
          for (int i = 0; i < text.length; i++) {
            text[i] = u32(s.offset() + 4L * i);
          }
          break;
        case DOF_SECT_INTTAB:
          if (s.entsize() != 8) {
            throw err(field + ": INTTAB section " + link + " has a bad dofs_entsize");
          }
          ints = new long[(int) (s.size() / 8)];
          for (int i = 0; i < ints.length; i++) {
            ints[i] = u64(s.offset() + 8L * i);
          }
          break;
        case DOF_SECT_STRTAB:
          strtab = java.util.Arrays.copyOfRange(b, (int) s.offset(),
              (int) (s.offset() + s.size()));
          if (strtab.length > 0 && strtab[strtab.length - 1] != 0) {
            throw err(field + ": STRTAB section " + link + " is not NUL-terminated");
          }
          break;
        case DOF_SECT_VARTAB:
          if (s.entsize() != 20) {
            throw err(field + ": VARTAB section " + link + " has a bad dofs_entsize");
          }
          varAt = s.offset();
          nvars = (int) (s.size() / 20);
          break;
        default:
          throw err(field + ": dofd_links: section " + link + " of type " + s.type()
              + " cannot be part of a DIFO");
      }
    }
    if (total > MAX_DIFO) {
      throw err(field + ": DIFO exceeds maximum size of " + MAX_DIFO + " bytes");
    }
    if (text == null) {
      throw err(field + ": DIFO has no DIF section");
    }
    List<DifVariable> vars = new ArrayList<>();
    for (int i = 0; i < nvars; i++) {
      long at = varAt + 20L * i;
      int name = u32(at);
      if (name < 0 || name >= strtab.length) {
        throw err(field + ": dtdv_name: string offset " + name + " out of range");
      }
      int e = name;
      while (strtab[e] != 0) {
        e++;
      }
      String n = new String(strtab, name, e - name, StandardCharsets.ISO_8859_1);
      vars.add(new DifVariable(n, u32(at + 4), u8(at + 8), u8(at + 9),
          (u8(at + 10) | u8(at + 11) << 8), diftype(at + 12)));
    }
    DifObject d = new DifObject(text, ints, strtab, List.copyOf(vars), rtype, List.of());
    difos.put(idx, d);
    return d;
  }

  private DProgram program() throws ProgramFormatException {
    Map<String, String> options = new LinkedHashMap<>();
    Map<Integer, AggregationDescription> aggs = new HashMap<>();
    Map<Integer, int[]> stmtClause = new HashMap<>();
    Map<Integer, String> stmtTarget = new HashMap<>();
    byte[][] identity = {new byte[0]};
    for (Sec s : secs) {
      if (s.type() == DOF_SECT_COMMENTS && s.size() > 0) {
        String text = new String(b, (int) s.offset(), (int) s.size() - 1,
            StandardCharsets.UTF_8);
        if (text.startsWith(DofWriter.META)) {
          meta(text, options, aggs, stmtClause, stmtTarget, identity);
        }
      }
    }
    List<Statement> stmts = new ArrayList<>();
    for (int i = 0; i < secnum; i++) {
      Sec s = secs.get(i);
      if (s.type() != DOF_SECT_ECBDESC) {
        continue;
      }
      String f = "ECBDESC section " + i;
      if (s.size() < 24) {
        throw err(f + ": truncated dof_ecbdesc_t");
      }
      int probes = u32(s.offset());
      int pred = u32(s.offset() + 4);
      int acts = u32(s.offset() + 8);
      Sec ps = sect(probes, DOF_SECT_PROBEDESC, f + ": dofe_probes");
      if (ps.size() < 24) {
        throw err(f + ": truncated dof_probedesc_t");
      }
      Sec strtab = sect(u32(ps.offset()), DOF_SECT_STRTAB, f + ": dofp_strtab");
      int n = stmts.size();
      ProbeDescription pd = new ProbeDescription(stmtTarget.getOrDefault(n, ""),
          string(strtab, u32(ps.offset() + 4) & 0xffffffffL, f + ": dofp_provider"),
          string(strtab, u32(ps.offset() + 8) & 0xffffffffL, f + ": dofp_mod"),
          string(strtab, u32(ps.offset() + 12) & 0xffffffffL, f + ": dofp_func"),
          string(strtab, u32(ps.offset() + 16) & 0xffffffffL, f + ": dofp_name"));
      DifObject pdifo = pred == DOF_SECIDX_NONE ? null : difo(pred, f + ": dofe_pred");
      List<ActionDescription> list = new ArrayList<>();
      if (acts != DOF_SECIDX_NONE) {
        Sec as = sect(acts, DOF_SECT_ACTDESC, f + ": dofe_actions");
        if (as.entsize() != 32) {
          throw err(f + ": ACTDESC section " + acts + " has a bad dofs_entsize");
        }
        for (long at = as.offset(); at < as.offset() + as.size(); at += 32) {
          list.add(action(at, f, aggs));
        }
      }
      int clause = stmtClause.containsKey(n) ? stmtClause.get(n)[0] : n;
      stmts.add(new Statement(pd, pdifo, List.copyOf(list), clause));
    }
    return new DProgram(List.copyOf(stmts), Map.copyOf(options), identity[0]);
  }

  private ActionDescription action(long at, String f, Map<Integer, AggregationDescription> aggs)
      throws ProgramFormatException {
    int dsec = u32(at);
    int strtab = u32(at + 4);
    int kind = u32(at + 8);
    int ntuple = u32(at + 12);
    long arg = u64(at + 16);
    long uarg = u64(at + 24);
    DifObject d = dsec == DOF_SECIDX_NONE ? null : difo(dsec, f + ": dofa_difo");
    String format = null;
    if (strtab != DOF_SECIDX_NONE) {
      Sec st = sect(strtab, DOF_SECT_STRTAB, f + ": dofa_strtab");
      format = string(st, arg, f + ": dofa_arg");
      arg = 0;
    }
    AggregationDescription ad = null;
    if ((kind & 0xff00) == org.hypertrace.api.dtrace.DTraceConstants.DTRACEACT_AGGREGATION) {
      ad = aggs.get((int) uarg);
      if (ad == null) {
        ad = new AggregationDescription((int) uarg, "", kind, List.of());
        aggs.put((int) uarg, ad);
      }
    }
    return new ActionDescription(kind, d, ntuple, arg, uarg, format, ad);
  }

  private static String unescape(String s) {
    if (s.equals("%")) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 3 <= s.length()) {
        out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static void meta(String text, Map<String, String> options,
      Map<Integer, AggregationDescription> aggs, Map<Integer, int[]> stmtClause,
      Map<Integer, String> stmtTarget, byte[][] identity) throws ProgramFormatException {
    try {
      for (String line : text.split("\n")) {
        String[] w = line.split(" ");
        switch (w[0]) {
          case "option":
            options.put(unescape(w[1]), unescape(w[2]));
            break;
          case "agg": {
            List<DifType> keys = new ArrayList<>();
            for (int i = 4; i < w.length; i++) {
              String[] t = w[i].split(":");
              keys.add(new DifType(Integer.parseInt(t[0]), Integer.parseInt(t[1]),
                  Integer.parseInt(t[2]), Integer.parseInt(t[3])));
            }
            int id = Integer.parseInt(w[1]);
            aggs.put(id, new AggregationDescription(id, unescape(w[3]),
                Integer.parseInt(w[2]), List.copyOf(keys)));
            break;
          }
          case "stmt":
            stmtClause.put(Integer.parseInt(w[1]), new int[] {Integer.parseInt(w[2])});
            stmtTarget.put(Integer.parseInt(w[1]), unescape(w[3]));
            break;
          case "identity":
            if (!w[1].equals("-")) {
              byte[] id = new byte[w[1].length() / 2];
              for (int i = 0; i < id.length; i++) {
                id[i] = (byte) Integer.parseInt(w[1].substring(2 * i, 2 * i + 2), 16);
              }
              identity[0] = id;
            }
            break;
          default:
            break;
        }
      }
    } catch (RuntimeException e) {
      throw err("COMMENTS: malformed HyperTrace metadata: " + e.getMessage());
    }
  }
}

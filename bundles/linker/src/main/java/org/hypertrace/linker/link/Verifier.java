package org.hypertrace.linker.link;

import static org.hypertrace.api.dif.DifConstants.*;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifRelocation;
import org.hypertrace.api.program.ActionDescription;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.Statement;
import org.hypertrace.api.types.ProgramRejectedException;
import org.hypertrace.linker.dif.DifOps;

/**
 * Checks that a program a target returned differs from the one sent only where linking may change
 * it: port of HyperTrace's {@code dt_prog_verify} / {@code dt_vprog_verify}, stricter. A guest is
 * untrusted, so every rejection is logged as a security event.
 *
 * <p>Rules, in the order they are checked:
 * <ol>
 *   <li>same statements (probe, clause), options and identity; same actions (kind, ntuple, arg,
 *       uarg, format, aggregation); a DIF object where the base has one, and only there;</li>
 *   <li>per DIF object: same length, string table, variables and return type; no relocations left;
 *       the base's integer table is a prefix of the relocated one, with at most one appended entry
 *       per usetx/typecast site;</li>
 *   <li>every instruction outside a relocation site is bit-for-bit the base's;</li>
 *   <li>every site holds one of the forms of {@link SiteForms}, with the base's registers, and its
 *       setx (if any) reads an appended entry.</li>
 * </ol>
 */
public final class Verifier {
  private static final System.Logger LOG = System.getLogger("org.hypertrace.linker.security");

  private final Consumer<String> securityLog;

  /** A verifier logging rejections at WARNING on the logger org.hypertrace.linker.security. */
  public Verifier() {
    this(line -> LOG.log(System.Logger.Level.WARNING, line));
  }

  /** @param securityLog receives one "security event: ..." line per rejection */
  public Verifier(Consumer<String> securityLog) {
    this.securityLog = securityLog;
  }

  /**
   * @param base      the program as compiled
   * @param relocated the program a target returned
   * @throws ProgramRejectedException naming statement, action and DIF offset of the difference
   */
  public void verify(DProgram base, DProgram relocated) throws ProgramRejectedException {
    if (relocated == null || relocated.statements() == null) {
      throw reject("relocated program is empty");
    }
    if (!Objects.equals(base.options(), relocated.options())
        || !Arrays.equals(base.identity(), relocated.identity())) {
      throw reject("options or program identity changed");
    }
    List<Statement> bs = base.statements();
    List<Statement> rs = relocated.statements();
    if (bs.size() != rs.size()) {
      throw reject("statement count changed from " + bs.size() + " to " + rs.size());
    }
    for (int s = 0; s < bs.size(); s++) {
      verifyStatement(s, bs.get(s), rs.get(s));
    }
  }

  private void verifyStatement(int s, Statement b, Statement r) throws ProgramRejectedException {
    Where pw = Where.of(s, b, -1);
    if (!Objects.equals(b.probe(), r.probe()) || b.clause() != r.clause()) {
      throw reject("statement " + s + " (" + pw.probe() + "): probe or clause changed to "
          + r.probe() + ", clause " + r.clause());
    }
    verifyDifo(pw, b.predicate(), r.predicate());
    if (r.actions() == null || b.actions().size() != r.actions().size()) {
      throw reject(pw.toString().replace(", predicate", "") + ": action count changed");
    }
    for (int a = 0; a < b.actions().size(); a++) {
      ActionDescription ba = b.actions().get(a);
      ActionDescription ra = r.actions().get(a);
      Where w = Where.of(s, b, a);
      if (ba.kind() != ra.kind() || ba.ntuple() != ra.ntuple() || ba.arg() != ra.arg()
          || ba.uarg() != ra.uarg() || !Objects.equals(ba.format(), ra.format())
          || !Objects.equals(ba.aggregation(), ra.aggregation())) {
        throw reject(w + ": action description changed");
      }
      verifyDifo(w, ba.difo(), ra.difo());
    }
  }

  private void verifyDifo(Where w, DifObject b, DifObject r) throws ProgramRejectedException {
    if (b == null || r == null) {
      if (b != r) {
        throw reject(w + ": DIF object " + (b == null ? "added" : "removed"));
      }
      return;
    }
    if (r.relocations() != null && !r.relocations().isEmpty()) {
      throw reject(w + ": relocated DIF object still carries " + r.relocations().size()
          + " relocations");
    }
    if (b.text().length != r.text().length) {
      throw reject(w + ": DIF length changed from " + b.text().length + " to "
          + r.text().length);
    }
    if (!Arrays.equals(b.strTab(), r.strTab()) || !Objects.equals(b.varTab(), r.varTab())
        || !Objects.equals(b.returnType(), r.returnType())) {
      throw reject(w + ": string table, variables or return type changed");
    }
    long[] bi = b.intTab();
    long[] ri = r.intTab();
    int sites = 0;
    for (DifRelocation rel : b.relocations()) {
      sites += rel.opcode() == DIF_OP_USETX || rel.opcode() == DIF_OP_TYPECAST ? 1 : 0;
    }
    if (ri.length < bi.length || ri.length - bi.length > sites) {
      throw reject(w + ": integer table grew from " + bi.length + " to " + ri.length
          + " entries for " + sites + " usetx/typecast sites");
    }
    for (int i = 0; i < bi.length; i++) {
      if (bi[i] != ri[i]) {
        throw reject(w + ": integer table entry " + i + " changed");
      }
    }
    verifyText(w, b, r);
  }

  private void verifyText(Where w, DifObject b, DifObject r) throws ProgramRejectedException {
    int n = b.text().length;
    DifRelocation[] site = new DifRelocation[n];
    for (DifRelocation rel : b.relocations()) {
      if (rel.offset() < 0 || rel.offset() >= n
          || b.text()[rel.offset()] >>> 24 != rel.opcode()) {
        throw reject(w.at(rel.offset()) + ": base relocation does not name its site");
      }
      site[rel.offset()] = rel;
    }
    for (int pc = 0; pc < n; pc++) {
      if (site[pc] == null) {
        if (b.text()[pc] != r.text()[pc]) {
          throw reject(w.at(pc) + ": instruction changed outside a relocation site: "
              + insn(b.text()[pc]) + " became " + insn(r.text()[pc]));
        }
        continue;
      }
      String bad = checkSite(site[pc].opcode(), pc, b, r);
      if (bad != null) {
        throw reject(w.at(pc) + ": " + DifOps.name(site[pc].opcode()) + " site " + bad);
      }
      if (site[pc].opcode() == DIF_OP_TYPECAST) {
        pc += SiteForms.TYPECAST_WINDOW - 1;
      }
    }
  }

  /** @return null if the site at {@code pc} holds an allowed form, else what is wrong */
  private static String checkSite(int op, int pc, DifObject b, DifObject r) {
    int bi = b.text()[pc];
    int ri = r.text()[pc];
    int rop = ri >>> 24;
    switch (op) {
      case DIF_OP_USETX: {
        int idx = (ri >>> 8) & 0xffff;
        boolean ok = rop == DIF_OP_SETX && (ri & 0xff) == (bi & 0xff)
            && idx >= b.intTab().length && idx < r.intTab().length;
        return ok ? null : "became " + insn(ri) + ", not setx of an appended entry into %r"
            + (bi & 0xff);
      }
      case DIF_OP_ULOAD:
      case DIF_OP_UULOAD: {
        boolean form = op == DIF_OP_ULOAD ? SiteForms.isLoad(rop) : SiteForms.isUnsignedLoad(rop);
        boolean ok = form && (ri & 0xffffff) == (bi & 0xffffff);
        return ok ? null : "became " + insn(ri) + ", not a kernel load with the same registers";
      }
      case DIF_OP_TYPECAST:
        return checkTypecast(pc, b, r);
      default:
        return "has unknown relocation opcode " + op;
    }
  }

  private static String checkTypecast(int pc, DifObject b, DifObject r) {
    int[] bt = b.text();
    int[] rt = r.text();
    int nop = DIF_OP_NOP << 24;
    if (pc + 2 >= bt.length || bt[pc + 1] != nop || bt[pc + 2] != nop) {
      return "in the base is not followed by two nops";
    }
    int r1 = (bt[pc] >>> 16) & 0xff;
    int r2 = (bt[pc] >>> 8) & 0xff;
    int rd = bt[pc] & 0xff;
    int x0 = rt[pc];
    int x1 = rt[pc + 1];
    int x2 = rt[pc + 2];
    if (x1 == nop && x2 == nop) {
      boolean ok = x0 == fmt(DIF_OP_MOV, r1, 0, rd) || (r1 == rd && x0 == nop);
      return ok ? null : "became " + insn(x0) + "; nop; nop, not a mov from %r" + r1 + " to %r"
          + rd;
    }
    int idx = (x0 >>> 8) & 0xffff;
    boolean setx = x0 >>> 24 == DIF_OP_SETX && (x0 & 0xff) == r2 && idx >= b.intTab().length
        && idx < r.intTab().length && SiteForms.isCastShift(r.intTab()[idx]);
    boolean sll = x1 == fmt(DIF_OP_SLL, r1, r2, rd);
    boolean shr = x2 == fmt(DIF_OP_SRA, rd, r2, rd) || x2 == fmt(DIF_OP_SRL, rd, r2, rd);
    return setx && sll && shr ? null : "became " + insn(x0) + "; " + insn(x1) + "; " + insn(x2)
        + ", not a cast's shift pair";
  }

  /** Compares what linking gave with what the target returned, instruction for instruction. */
  void compareExactly(DProgram expected, DProgram relocated, String digest)
      throws ProgramRejectedException {
    for (int s = 0; s < expected.statements().size(); s++) {
      Statement e = expected.statements().get(s);
      Statement r = relocated.statements().get(s);
      exact(Where.of(s, e, -1), e.predicate(), r.predicate(), digest);
      for (int a = 0; a < e.actions().size(); a++) {
        exact(Where.of(s, e, a), e.actions().get(a).difo(), r.actions().get(a).difo(), digest);
      }
    }
  }

  private void exact(Where w, DifObject e, DifObject r, String digest)
      throws ProgramRejectedException {
    if (e == null) {
      return;
    }
    for (int pc = 0; pc < e.text().length; pc++) {
      int ei = e.text()[pc];
      int ri = r.text()[pc];
      boolean same = ei == ri;
      if (same && ei >>> 24 == DIF_OP_SETX) {
        int idx = (ei >>> 8) & 0xffff;
        same = e.intTab()[idx] == r.intTab()[idx];
      }
      if (!same) {
        throw reject(w.at(pc) + ": holds " + insn(ri) + " but linking against target " + digest
            + " gives " + insn(ei));
      }
    }
  }

  /** Logs a security event and returns the exception to throw. */
  ProgramRejectedException reject(String message) {
    securityLog.accept("security event: relocated program rejected: " + message);
    return new ProgramRejectedException(message);
  }

  private static int fmt(int op, int r1, int r2, int rd) {
    return (op << 24) | (r1 << 16) | (r2 << 8) | rd;
  }

  private static String insn(int i) {
    return DifOps.name(i >>> 24) + String.format(" (0x%08x)", i);
  }
}

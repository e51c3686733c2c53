package org.hypertrace.linker.dif;

import static org.hypertrace.api.dif.DifConstants.*;

import java.util.ArrayList;
import java.util.List;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.dif.DifRelocation;
import org.hypertrace.api.dif.DifType;

/** Test-only: hand-assembles DIF objects with relocation sites (encodings of sys/dtrace.h). */
public final class Asm {
  private final List<Integer> text = new ArrayList<>();
  private final List<Long> ints = new ArrayList<>();
  private final List<DifRelocation> relocs = new ArrayList<>();

  public static int fmt(int op, int r1, int r2, int rd) {
    return (op << 24) | (r1 << 16) | (r2 << 8) | rd;
  }

  public Asm insn(int instr) {
    text.add(instr);
    return this;
  }

  public Asm setx(long value, int rd) {
    ints.add(value);
    return insn((DIF_OP_SETX << 24) | ((ints.size() - 1) << 8) | rd);
  }

  public Asm usetx(String type, String member, int rd) {
    relocs.add(new DifRelocation(text.size(), DIF_OP_USETX, type, member));
    return insn((DIF_OP_USETX << 24) | rd);
  }

  public Asm uload(int op, String type, String member, int r1, int rd) {
    relocs.add(new DifRelocation(text.size(), op, type, member));
    return insn(fmt(op, r1, 0, rd));
  }

  public Asm typecast(String type, int r1, int r2, int rd) {
    relocs.add(new DifRelocation(text.size(), DIF_OP_TYPECAST, type, ""));
    return insn(fmt(DIF_OP_TYPECAST, r1, r2, rd)).insn(DIF_OP_NOP << 24).insn(DIF_OP_NOP << 24);
  }

  public DifObject build() {
    return new DifObject(text.stream().mapToInt(Integer::intValue).toArray(),
        ints.stream().mapToLong(Long::longValue).toArray(), new byte[] {0}, List.of(),
        DifType.INT64, List.copyOf(relocs));
  }
}

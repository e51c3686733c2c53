package org.hypertrace.engine.vm;

import static org.hypertrace.api.dif.DifConstants.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.provider.MemoryCapture;
import org.hypertrace.api.types.LoadStep;

/**
 * Which kernel memory a DIF object reads, as chains a provider can copy at the firing: loads whose
 * address is {@code curthread} (or {@code args[i]}) plus constants, then the loaded pointer plus
 * constants, and so on. Kernel memory cannot be read later nor from the JVM, so the provider's
 * eBPF program copies each step and the engine's loads outside its heap read those copies.
 *
 * <p>A forward abstract interpretation over the text: DIF branches only go forward, so one pass
 * with register states merged at branch targets sees every path. A register holds a constant, an
 * address (a chain of loads from a root plus an addend) or anything else. Every load through an
 * address is a step to capture whichever path reaches it; an address with a non-zero addend that
 * escapes unloaded (to a tuple, a variable, a comparison or the return value) is a string
 * (a char array member such as {@code curthread->comm}).
 */
public final class MemoryCaptures {
  /** Bytes captured for a string: Linux's comm is 16; longer kernel strings are cut here. */
  public static final int STRING_MAX = 64;

  private MemoryCaptures() {}

  /** A chain: its root, then each load step. */
  private record Chain(int root, List<LoadStep> steps) {
    Chain then(long off, long size) {
      List<LoadStep> s = new ArrayList<>(steps);
      s.add(new LoadStep(off, size));
      return new Chain(root, s);
    }
  }

  /** Abstract register value: a constant, or an address = chain value + addend; null = unknown. */
  private record Val(Chain chain, long value) {
    static Val constant(long v) {
      return new Val(null, v);
    }
  }

  /**
   * @param objects DIF objects (predicates and actions of the clauses of one probe); nulls skipped
   * @return the chains they read, each once, in first-seen order
   */
  public static List<MemoryCapture> of(Iterable<DifObject> objects) {
    Set<MemoryCapture> out = new LinkedHashSet<>();
    // clause-local variables carry addresses from one DIF object of a clause to the next (the
    // predicate and actions run in order): this->cred = curthread->real_cred; this->cred->uid
    Map<Integer, Val> locals = new HashMap<>();
    for (DifObject d : objects) {
      if (d != null && d.text() != null) {
        analyse(d, out, locals);
      }
    }
    return new ArrayList<>(out);
  }

  private static void analyse(DifObject d, Set<MemoryCapture> out, Map<Integer, Val> locals) {
    int[] text = d.text();
    long[] inttab = d.intTab() == null ? new long[0] : d.intTab();
    Val[][] pending = new Val[text.length + 1][];
    Val[] r = new Val[DIF_DIR_NREGS];
    boolean live = true;
    boolean stringResult = d.returnType() != null && d.returnType().isString();
    // a by-reference result (a char array member such as curthread->comm) is read whole
    int refSize = d.returnType() != null && !stringResult && d.returnType().byRef()
        ? d.returnType().size() : 0;
    for (int pc = 0; pc < text.length; pc++) {
      if (pending[pc] != null) {
        r = live ? merge(r, pending[pc]) : pending[pc].clone();
        live = true;
      }
      if (!live) {
        continue;
      }
      int instr = text[pc];
      int op = instr >>> 24;
      int r1 = (instr >>> 16) & 0xff;
      int r2 = (instr >>> 8) & 0xff;
      int rd = instr & 0xff;
      switch (op) {
        case DIF_OP_BA:
          branch(pending, instr & 0xffffff, r);
          live = false;
          break;
        case DIF_OP_BE: case DIF_OP_BNE: case DIF_OP_BG: case DIF_OP_BGU: case DIF_OP_BGE:
        case DIF_OP_BGEU: case DIF_OP_BL: case DIF_OP_BLU: case DIF_OP_BLE: case DIF_OP_BLEU:
          branch(pending, instr & 0xffffff, r);
          break;
        case DIF_OP_SETX:
          set(r, rd, Val.constant(inttab.length > ((instr >>> 8) & 0xffff)
              ? inttab[(instr >>> 8) & 0xffff] : 0));
          break;
        case DIF_OP_MOV:
          set(r, rd, r[r1]);
          break;
        case DIF_OP_ADD:
          set(r, rd, add(r[r1], r[r2], 1));
          break;
        case DIF_OP_SUB:
          set(r, rd, r[r2] != null && r[r2].chain() == null ? add(r[r1], r[r2], -1) : null);
          break;
        case DIF_OP_LDGS: {
          int v = (instr >>> 8) & 0xffff;
          set(r, rd, v == DIF_VAR_CURTHREAD ? root(MemoryCapture.ROOT_CURTHREAD)
              : v >= DIF_VAR_ARG0 && v <= DIF_VAR_ARG0 + 9 ? root(v - DIF_VAR_ARG0) : null);
          break;
        }
        case DIF_OP_LDGA: {
          Val i = r[r2];
          boolean arg = r1 == DIF_VAR_ARGS && i != null && i.chain() == null && i.value() >= 0
              && i.value() <= 9;
          set(r, rd, arg ? root((int) i.value()) : null);
          break;
        }
        case DIF_OP_LDSB: case DIF_OP_LDUB: case DIF_OP_RLDSB: case DIF_OP_RLDUB:
          set(r, rd, load(r[r1], 1, out));
          break;
        case DIF_OP_LDSH: case DIF_OP_LDUH: case DIF_OP_RLDSH: case DIF_OP_RLDUH:
          set(r, rd, load(r[r1], 2, out));
          break;
        case DIF_OP_LDSW: case DIF_OP_LDUW: case DIF_OP_RLDSW: case DIF_OP_RLDUW:
          set(r, rd, load(r[r1], 4, out));
          break;
        case DIF_OP_LDX: case DIF_OP_RLDX:
          set(r, rd, load(r[r1], 8, out));
          break;
        case DIF_OP_RET:
          if (stringResult) {
            escape(r[rd], out);
          } else if (refSize > 0) {
            region(r[rd], refSize, out);
          }
          live = false;
          break;
        case DIF_OP_SCMP:
          escape(r[r1], out);
          escape(r[r2], out);
          break;
        case DIF_OP_STLS: {
          // a store on one path only makes the variable unknown after the join: keep it only
          // when every store agrees
          int v = (instr >>> 8) & 0xffff;
          Val old = locals.get(v);
          locals.put(v, locals.containsKey(v) && !java.util.Objects.equals(old, r[rd]) ? null
              : r[rd]);
          if (byRef(d, v, DIFV_SCOPE_LOCAL)) {
            escape(r[rd], out);
          }
          break;
        }
        case DIF_OP_LDLS:
          set(r, rd, locals.get((instr >>> 8) & 0xffff));
          break;
        case DIF_OP_PUSHTR:
        case DIF_OP_STGS: case DIF_OP_STTS: case DIF_OP_STGAA:
        case DIF_OP_STTAA:
          escape(r[rd], out);
          break;
        case DIF_OP_CMP: case DIF_OP_TST: case DIF_OP_NOP: case DIF_OP_PUSHTV: case DIF_OP_POPTS:
        case DIF_OP_FLUSHTS: case DIF_OP_STB: case DIF_OP_STH: case DIF_OP_STW: case DIF_OP_STX:
          break;
        default:
          set(r, rd, null);
          break;
      }
    }
  }

  /** Whether a variable is stored by reference (a string or struct copied at the store). */
  private static boolean byRef(DifObject d, int id, int scope) {
    if (d.varTab() != null) {
      for (org.hypertrace.api.dif.DifVariable v : d.varTab()) {
        if (v.id() == id && v.scope() == scope && v.type() != null) {
          return v.type().isString() || v.type().byRef();
        }
      }
    }
    return true;
  }

  private static Val root(int root) {
    return new Val(new Chain(root, List.of()), 0);
  }

  private static void set(Val[] r, int rd, Val v) {
    if (rd != 0 && rd < r.length) {
      r[rd] = v;
    }
  }

  private static Val add(Val a, Val b, int sign) {
    if (a == null || b == null) {
      return null;
    }
    if (a.chain() == null && b.chain() == null) {
      return Val.constant(a.value() + sign * b.value());
    }
    if (b.chain() == null) {
      return new Val(a.chain(), a.value() + sign * b.value());
    }
    if (a.chain() == null && sign > 0) {
      return new Val(b.chain(), b.value() + a.value());
    }
    return null;
  }

  /** A load through an address is a step to capture; an 8-byte value may be the next base. */
  private static Val load(Val a, int size, Set<MemoryCapture> out) {
    if (a == null || a.chain() == null) {
      return null;
    }
    Chain c = a.chain().then(a.value(), size);
    out.add(new MemoryCapture(c.root(), c.steps(), false));
    return size == 8 ? new Val(c, 0) : null;
  }

  /** An address used unloaded with an offset into its object: a char array read as a string. */
  private static void escape(Val v, Set<MemoryCapture> out) {
    if (v == null || v.chain() == null || v.value() == 0) {
      return;
    }
    Chain c = v.chain().then(v.value(), STRING_MAX);
    out.add(new MemoryCapture(c.root(), c.steps(), true));
  }

  /** A by-reference value of a known size read whole (its address escapes unloaded). */
  private static void region(Val v, int size, Set<MemoryCapture> out) {
    if (v == null || v.chain() == null) {
      return;
    }
    Chain c = v.chain().then(v.value(), size);
    out.add(new MemoryCapture(c.root(), c.steps(), false));
  }

  private static void branch(Val[][] pending, int target, Val[] r) {
    if (target < 0 || target >= pending.length) {
      return;
    }
    pending[target] = pending[target] == null ? r.clone() : merge(pending[target], r);
  }

  private static Val[] merge(Val[] a, Val[] b) {
    Val[] m = new Val[a.length];
    for (int i = 0; i < a.length; i++) {
      m[i] = a[i] != null && a[i].equals(b[i]) ? a[i] : null;
    }
    return m;
  }

  /** @return a readable list for messages: "curthread+0x9d0(8)->+0x8(4)" */
  public static String describe(MemoryCapture c) {
    StringBuilder sb = new StringBuilder(c.root() < 0 ? "curthread" : "args[" + c.root() + "]");
    String sep = "";
    for (LoadStep s : c.steps()) {
      sb.append(sep).append("+0x").append(Long.toHexString(s.offset())).append('(')
          .append(s.size()).append(')');
      sep = "->";
    }
    return c.string() ? sb.append(" string").toString() : sb.toString();
  }
}

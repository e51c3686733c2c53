package org.hypertrace.engine;

import static org.hypertrace.api.dtrace.DTraceConstants.*;

import java.util.ArrayList;
import java.util.List;
import org.hypertrace.engine.agg.Aggregation;
import org.hypertrace.engine.consume.AggregationPrinter;
import org.hypertrace.engine.consume.DPrintf;
import org.hypertrace.engine.consume.RecordPrinter;
import org.hypertrace.engine.consume.Symbolic;
import org.hypertrace.engine.consume.Value;
import org.hypertrace.engine.vars.TupleKey;
import org.hypertrace.engine.vm.Difo;
import org.hypertrace.engine.vm.MachineState;

/**
 * Runs the steps of one enabled probe and formats their records: the action loop of
 * {@code dtrace_probe} (uts/common/dtrace/dtrace.c) joined with the record handling of
 * {@code dt_consume_cpu} (dt_consume.c). Aggregating steps allocate nothing when their key
 * exists already.
 */
final class ActionRunner {
  private final Session s;
  private final MachineState ms;
  /** Speculation of the current enabled probe: 0 none, id, or -1 when its records drop. */
  long speculation;
  boolean exit;
  int exitValue;
  /** Set when the enabled probe's record was dropped (CPU_DTRACE_DROP): stop, keep nothing. */
  boolean drop;
  private Ecb ecb;
  private final StackRecorder stacks;

  ActionRunner(Session s) {
    this.s = s;
    this.ms = s.ms;
    this.stacks = new StackRecorder(s.options, s.stacks);
  }

  /**
   * @param e the enabled probe
   * @return 0, or minus the 1-based index of the faulting action
   */
  int run(Ecb e) {
    speculation = 0;
    exit = false;
    drop = false;
    ecb = e;
    for (Step st : e.steps) {
      // expressions and aggregations, the steps of hot clauses, go straight to their own small
      // methods: step()'s switch is too big for the JIT to inline here
      int r = st.type == Step.EXPR ? expression(st)
          : st.type == Step.AGG ? aggregate(st) : step(st);
      if (r != 0) {
        return -r;
      }
      if (drop) {
        break;
      }
    }
    return 0;
  }

  /** An expression statement ({@code self->ts = timestamp;}): run for its side effects. */
  private int expression(Step st) {
    eval(st.difo);
    return ms.fault != 0 ? st.action : 0;
  }

  private long eval(Difo d) {
    return d == null ? 0 : s.vm.run(d);
  }

  /** Converts a DIF result to a record as the kernel would store it. */
  private Value value(Difo d, long v) {
    if (d == null) {
      return Value.of(v, 8);
    }
    if (d.rtype.isString()) {
      String str = v == 0 ? "" : ms.string(v);
      return Value.of(str == null ? "" : str);
    }
    if (d.byRef()) {
      int n = d.rtype.size();
      byte[] b = new byte[Math.max(0, n)];
      int o = ms.check(v, n);
      if (o >= 0) {
        System.arraycopy(ms.heap, o, b, 0, n);
      }
      return new Value(0, n, null, b, false);
    }
    int size = d.rtype.size();
    boolean u = (d.rtype.flags() & org.hypertrace.api.dif.DifConstants.DIF_TF_UNSIGNED) != 0;
    return switch (size) {
      case 1 -> Value.of((byte) v, 1, u);
      case 2 -> Value.of((short) v, 2, u);
      case 4 -> Value.of((int) v, 4, u);
      default -> Value.of(v, 8, u);
    };
  }

  private int step(Step st) {
    switch (st.type) {
      case Step.EXPR:
        eval(st.difo);
        return ms.fault != 0 ? st.action : 0;
      case Step.TRACE: {
        long v = eval(st.difo);
        if (ms.fault != 0) {
          return st.action;
        }
        Value val = value(st.difo, v);
        if (val.isString() && (val.string().isEmpty() || !printable(val.string()))) {
          byte[] raw = val.string().getBytes(java.nio.charset.StandardCharsets.UTF_8);
          RecordPrinter.printRaw(s.rec, raw, s.strsize);
        } else {
          RecordPrinter.trace(s.rec, val, s.quiet);
        }
        return 0;
      }
      case Step.AGG:
        return aggregate(st);
      case Step.PRINTF:
      case Step.SYSTEM: {
        List<Value> args = new ArrayList<>(st.difos.length);
        for (int i = 0; i < st.difos.length; i++) {
          long v = eval(st.difos[i]);
          if (ms.fault != 0) {
            return st.actions[i];
          }
          Value a = value(st.difos[i], v);
          args.add(st.format == null ? a : stacks.printfArg(st.format.argConversion(i), a,
              s.fc.ctx));
        }
        if (st.type == Step.PRINTF) {
          st.format.format(s.rec, args, null);
        } else if (s.destructive) {
          StringBuilder cmd = new StringBuilder();
          st.format.format(cmd, args, null);
          system(cmd.toString());
        }
        return 0;
      }
      case Step.PRINTA:
        return printa(st);
      case Step.EXIT: {
        long v = eval(st.difo);
        if (ms.fault != 0) {
          return st.action;
        }
        exit = true;
        exitValue = (int) v;
        return 0;
      }
      case Step.SPECULATE: {
        long v = eval(st.difo);
        if (ms.fault != 0) {
          return st.action;
        }
        // an invalid or full speculation drops the rest of the enabled probe
        if (!s.specs.reserve(v, ecb.recordSize(s.strsize))) {
          speculation = -1;
          drop = true;
          exit = false;
          return 0;
        }
        speculation = v;
        return 0;
      }
      case Step.COMMIT:
      case Step.DISCARD: {
        long v = eval(st.difo);
        if (ms.fault != 0) {
          return st.action;
        }
        if (st.type == Step.COMMIT) {
          s.commit(v);
        } else {
          s.specs.discard(v);
        }
        return 0;
      }
      case Step.CLEAR: case Step.NORMALIZE: case Step.DENORMALIZE: case Step.TRUNC:
        return aggAction(st);
      case Step.SETOPT: {
        long name = eval(st.difo);
        long val = st.second == null ? 0 : eval(st.second);
        if (ms.fault != 0) {
          return st.action;
        }
        String v = st.second == null || !st.second.rtype.isString() ? "1"
            : val == 0 ? "" : ms.string(val);
        setopt(ms.string(name), v == null ? "" : v);
        return 0;
      }
      case Step.STACK:
        stacks.stack(s.rec, st, s.fc.ctx);
        return 0;
      case Step.SYM: {
        long v = eval(st.difo);
        if (ms.fault != 0) {
          return st.action;
        }
        s.stacks.print(s.rec, stacks.symbolic(st.kind, v, s.fc.ctx));
        return 0;
      }
      case Step.TRACEMEM: {
        long n = st.second == null ? st.arg : eval(st.second);
        long a = eval(st.difo);
        if (ms.fault != 0) {
          return st.action;
        }
        int size = (int) Math.max(0, Math.min(n <= 0 || n > st.arg ? st.arg : n, st.arg));
        int o = ms.check(a, size);
        if (o < 0) {
          return st.action;
        }
        byte[] b = new byte[size];
        System.arraycopy(ms.heap, o, b, 0, size);
        RecordPrinter.printRaw(s.rec, b, size);
        return 0;
      }
      default:
        if (st.difo != null) {
          eval(st.difo);
        }
        return ms.fault != 0 ? st.action : 0;
    }
  }

  private static boolean printable(String str) {
    for (int i = 0; i < str.length(); i++) {
      char c = str.charAt(i);
      if (!((c >= 0x20 && c < 0x7f) || (c >= 7 && c <= 13) || c >= 0x80)) {
        return false;
      }
    }
    return true;
  }

  /** The aggregating step: evaluate the key tuple, find the entry, apply the function. */
  private int aggregate(Step st) {
    TupleKey k = s.aggKey();
    k.reset();
    if (st.difos.length > 0) {
      int r = key(st, k);
      if (r != 0) {
        return r;
      }
    }
    long incr = 1;
    if (st.incr != null) {
      incr = eval(st.incr);
      if (ms.fault != 0) {
        return st.incrAction;
      }
    }
    long val = eval(st.difo);
    if (ms.fault != 0) {
      return st.action;
    }
    Aggregation a = st.agg;
    a.apply(a.entry(k), val, incr);
    return 0;
  }

  /**
   * Evaluates an aggregation's key tuple into {@code k}.
   *
   * @return 0, or the 1-based index of the action whose key faulted
   */
  private int key(Step st, TupleKey k) {
    Difo[] keys = st.difos;
    int[] kinds = st.agg.keyKinds;
    for (int i = 0; i < keys.length; i++) {
      Difo d = keys[i];
      long v = eval(d);
      if (ms.fault != 0) {
        return st.actions[i];
      }
      if (kinds != null && i < kinds.length && kinds[i] != DTRACEACT_DIFEXPR) {
        stacks.key(k, kinds[i], keyFrames(st)[i], v, s.fc.ctx);
      } else if (d != null && d.byRef()) {
        int len = d.rtype.isString() ? ms.strlen(v, ms.strsize) : d.rtype.size();
        int o = ms.check(v, Math.max(0, len));
        if (o < 0 || len < 0) {
          return st.actions[i];
        }
        k.addBytes(ms.heap, o, len);
      } else {
        int size = d == null ? 8 : d.rtype.size();
        size = size == 1 || size == 2 || size == 4 ? size : 8;
        if (size == 8 && v < 0 && s.printaAddr) {
          // a printa() may print it with %a: learn its kernel symbol while the firing lasts
          stacks.symbolic(DTRACEACT_SYM, v, s.fc.ctx);
        }
        k.addLong(size == 4 ? (int) v : size == 2 ? (short) v : size == 1 ? (byte) v : v, size);
      }
    }
    return 0;
  }

  private int[] keyFrames(Step st) {
    int[] f = st.keyFrames;
    if (f == null) {
      int[] kinds = st.agg.keyKinds;
      f = new int[st.difos.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = i < kinds.length && i < st.keyArgs.length && Symbolic.isStack(kinds[i])
            ? stacks.frames(kinds[i], st.keyArgs[i]) : 0;
      }
      st.keyFrames = f;
    }
    return f;
  }

  private Aggregation aggOf(Difo d) {
    long id = eval(d);
    return s.aggs.get((int) id);
  }

  private int aggAction(Step st) {
    Aggregation a = aggOf(st.difo);
    long n = st.second == null ? 0 : eval(st.second);
    if (ms.fault != 0) {
      return st.action;
    }
    if (a == null) {
      return 0;
    }
    switch (st.type) {
      case Step.CLEAR -> a.clear();
      case Step.NORMALIZE -> a.normal = n == 0 ? 1 : n;
      case Step.DENORMALIZE -> a.normal = 1;
      default -> trunc(a, n);
    }
    return 0;
  }

  private void trunc(Aggregation a, long n) {
    if (n == 0) {
      a.truncate();
      return;
    }
    List<AggregationPrinter.Entry> es = AggregationPrinter.entries(a);
    AggregationPrinter p = new AggregationPrinter();
    es.sort(p.comparator());
    int keep = (int) Math.min(Math.abs(n), es.size());
    List<AggregationPrinter.Entry> drop = n > 0 ? es.subList(0, es.size() - keep)
        : es.subList(keep, es.size());
    for (AggregationPrinter.Entry e : drop) {
      a.remove(e.off() / a.width);
    }
  }

  private int printa(Step st) {
    List<Aggregation> list = new ArrayList<>();
    for (Difo d : st.difos) {
      Aggregation a = aggOf(d);
      if (ms.fault != 0) {
        return st.action;
      }
      if (a != null) {
        list.add(a);
      }
    }
    if (list.isEmpty()) {
      return 0;
    }
    for (Aggregation a : list) {
      a.printed = true;
    }
    List<AggregationPrinter.Entry[]> rows;
    if (list.size() == 1) {
      List<AggregationPrinter.Entry> es = AggregationPrinter.entries(list.get(0), s.stacks);
      es.sort(s.aggPrinter.comparator());
      rows = new ArrayList<>(es.size());
      for (AggregationPrinter.Entry e : es) {
        rows.add(new AggregationPrinter.Entry[] {e});
      }
    } else {
      rows = s.aggPrinter.joined(list);
    }
    if (st.format == null) {
      s.rec.append('\n');
      s.aggPrinter.beginWalk();
      for (AggregationPrinter.Entry[] row : rows) {
        s.aggPrinter.printRow(s.rec, row);
      }
      return 0;
    }
    boolean addr = st.format.hasConversion('a');
    for (AggregationPrinter.Entry[] row : rows) {
      int[] which = {0};
      List<Value> keys = addr ? stacks.addressKeys(st.format, row[0].keys()) : row[0].keys();
      st.format.format(s.rec, keys, new DPrintf.AggPrinter() {
        private AggregationPrinter.Entry next() {
          AggregationPrinter.Entry e = row[Math.min(which[0], row.length - 1)];
          if (which[0] < row.length - 1) {
            which[0]++;
          }
          return e;
        }

        @Override public Value scalar() {
          AggregationPrinter.Entry e = row[Math.min(which[0], row.length - 1)];
          Aggregation a = e.agg();
          if (a.function == DTRACEAGG_QUANTIZE || a.function == DTRACEAGG_LQUANTIZE
              || a.function == DTRACEAGG_LLQUANTIZE) {
            return null;
          }
          next();
          return AggregationPrinter.scalar(a, e.data(), e.off(), a.normal);
        }

        @Override public void histogram(StringBuilder sb) {
          AggregationPrinter.Entry e = next();
          s.aggPrinter.printDatum(sb, e.agg(), e.data(), e.off(), e.agg().normal);
        }
      });
    }
    return 0;
  }

  private static final java.util.Set<String> NEGATIVE =
      java.util.Set.of("no", "disable", "disabled", "false", "off", "unset");

  /** Port of {@code dt_setopt} for the runtime options the consumer honours. */
  private void setopt(String name, String value) {
    if (name == null) {
      return;
    }
    boolean unset = value.isEmpty() || NEGATIVE.contains(value.toLowerCase(java.util.Locale.ROOT));
    s.options.set(name, unset ? null : value);
    switch (name) {
      case "quiet" -> s.quiet = !unset;
      case "aggsortkey" -> s.aggPrinter.sortKey = !unset;
      case "aggsortrev" -> s.aggPrinter.sortRev = !unset;
      case "aggsortkeypos" -> s.aggPrinter.sortKeyPos = (int) s.options.number(name, 0);
      case "aggsortpos" -> s.aggPrinter.sortPos = (int) s.options.number(name, 0);
      case "aggzoom" -> s.aggPrinter.zoom = !unset;
      case "agghist" -> s.aggPrinter.hist = !unset;
      case "aggpack" -> s.aggPrinter.pack = !unset;
      default -> { }
    }
  }

  private void system(String cmd) {
    s.rec.setLength(s.rec.length());
    try {
      Process p = new ProcessBuilder("/bin/sh", "-c", cmd).redirectErrorStream(true).start();
      byte[] outb = p.getInputStream().readAllBytes();
      p.waitFor();
      s.rec.append(new String(outb, java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      s.rec.append("");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

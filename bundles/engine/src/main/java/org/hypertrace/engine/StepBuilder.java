package org.hypertrace.engine;

import static org.hypertrace.api.dtrace.DTraceConstants.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.program.ActionDescription;
import org.hypertrace.api.program.AggregationDescription;
import org.hypertrace.engine.agg.Aggregation;
import org.hypertrace.engine.consume.DPrintf;
import org.hypertrace.engine.vm.Difo;

/**
 * Turns a statement's action descriptions into steps: the grouping libdtrace's consumer applies
 * to records (dt_consume.c) over the layout dt_cc.c builds (see bundles/compiler/CONTRACT.md):
 * printf arguments follow the action that carries the format, aggregation key tuples precede
 * the aggregating action ({@code ntuple} of them, the first being the aggregation id), and
 * normalize/trunc/setopt carry a second LIBACT record.
 */
final class StepBuilder {
  /** DT_ACT_* of the LIBACT records (dt_impl.h). */
  static final int DT_ACT_CLEAR = 64;
  static final int DT_ACT_NORMALIZE = 65;
  static final int DT_ACT_DENORMALIZE = 66;
  static final int DT_ACT_TRUNC = 67;
  static final int DT_ACT_FTRUNCATE = 70;
  static final int DT_ACT_SETOPT = 77;

  /** Whether some printa() format prints a key with {@code %a} (its kernel symbol). */
  boolean printaAddr;
  private final Function<DifObject, Difo> difos;
  private final Map<Integer, Aggregation> aggs;

  StepBuilder(Function<DifObject, Difo> difos, Map<Integer, Aggregation> aggs) {
    this.difos = difos;
    this.aggs = aggs;
  }

  private Difo d(ActionDescription a) {
    return a.difo() == null ? null : difos.apply(a.difo());
  }

  static boolean isAgg(int kind) {
    return (kind & 0xff00) == DTRACEACT_AGGREGATION && kind != DTRACEACT_AGGREGATION;
  }

  Step[] build(List<ActionDescription> acts) {
    int n = acts.size();
    boolean[] tuple = new boolean[n];
    for (int j = 0; j < n; j++) {
      ActionDescription a = acts.get(j);
      if (isAgg(a.kind())) {
        for (int k = Math.max(0, j - a.ntuple()); k < j; k++) {
          tuple[k] = true;
        }
      }
    }
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (tuple[i]) {
        continue;
      }
      ActionDescription a = acts.get(i);
      int idx = i + 1;
      int kind = a.kind();
      if (isAgg(kind)) {
        steps.add(agg(acts, i));
        continue;
      }
      switch (kind) {
        case DTRACEACT_DIFEXPR: {
          Difo x = d(a);
          boolean isVoid = x == null || (!x.rtype.isString() && x.rtype.size() == 0);
          Step s = new Step(isVoid ? Step.EXPR : Step.TRACE, idx);
          s.difo = x;
          steps.add(s);
          break;
        }
        case DTRACEACT_PRINTF:
        case DTRACEACT_SYSTEM:
        case DTRACEACT_FREOPEN: {
          Step s = new Step(kind == DTRACEACT_PRINTF ? Step.PRINTF
              : kind == DTRACEACT_SYSTEM ? Step.SYSTEM : Step.NOP, idx);
          s.format = new DPrintf(a.format() == null ? "" : a.format());
          List<Difo> args = new ArrayList<>();
          List<Integer> ai = new ArrayList<>();
          args.add(d(a));
          ai.add(idx);
          while (i + 1 < n && !tuple[i + 1] && acts.get(i + 1).kind() == kind
              && acts.get(i + 1).format() == null) {
            i++;
            args.add(d(acts.get(i)));
            ai.add(i + 1);
          }
          if (s.format.argCount() == 0 && args.size() == 1) {
            args.clear();
            ai.clear();
          }
          s.difos = args.toArray(new Difo[0]);
          s.actions = ai.stream().mapToInt(Integer::intValue).toArray();
          steps.add(s);
          break;
        }
        case DTRACEACT_PRINTA: {
          Step s = new Step(Step.PRINTA, idx);
          s.format = a.format() == null ? null : new DPrintf(a.format());
          printaAddr |= s.format != null && s.format.hasConversion('a');
          List<Difo> ids = new ArrayList<>();
          ids.add(d(a));
          if (a.arg() > 0) {
            // HyperTrace extension: the first PRINTA of a printa() may carry the number of
            // aggregations it prints, which separates printa(@a); printa(@b); from
            // printa(@a, @b) (libdtrace tells them apart by statement, our model by clause)
            for (long left = a.arg() - 1; left > 0 && i + 1 < n
                && acts.get(i + 1).kind() == DTRACEACT_PRINTA; left--) {
              i++;
              ids.add(d(acts.get(i)));
            }
          } else if (a.format() != null) {
            while (i + 1 < n && acts.get(i + 1).kind() == DTRACEACT_PRINTA
                && acts.get(i + 1).format() == null) {
              i++;
              ids.add(d(acts.get(i)));
            }
          }
          s.difos = ids.toArray(new Difo[0]);
          steps.add(s);
          break;
        }
        case DTRACEACT_EXIT: case DTRACEACT_SPECULATE: case DTRACEACT_COMMIT:
        case DTRACEACT_DISCARD: {
          Step s = new Step(kind == DTRACEACT_EXIT ? Step.EXIT : kind == DTRACEACT_SPECULATE
              ? Step.SPECULATE : kind == DTRACEACT_COMMIT ? Step.COMMIT : Step.DISCARD, idx);
          s.difo = d(a);
          steps.add(s);
          break;
        }
        case DTRACEACT_LIBACT:
          i = libact(acts, i, steps);
          break;
        case DTRACEACT_STACK: case DTRACEACT_USTACK: case DTRACEACT_JSTACK: {
          Step s = new Step(Step.STACK, idx);
          s.kind = kind;
          s.arg = a.arg();
          steps.add(s);
          break;
        }
        case DTRACEACT_SYM: case DTRACEACT_MOD: case DTRACEACT_USYM: case DTRACEACT_UMOD:
        case DTRACEACT_UADDR: {
          Step s = new Step(Step.SYM, idx);
          s.kind = kind;
          s.difo = d(a);
          steps.add(s);
          break;
        }
        case DTRACEACT_TRACEMEM_DYNSIZE: {
          if (i + 1 < n && acts.get(i + 1).kind() == DTRACEACT_TRACEMEM) {
            Step s = new Step(Step.TRACEMEM, idx + 1);
            s.second = d(a);
            i++;
            s.difo = d(acts.get(i));
            s.arg = acts.get(i).difo() == null ? 0 : acts.get(i).difo().returnType().size();
            steps.add(s);
          }
          break;
        }
        case DTRACEACT_TRACEMEM: {
          Step s = new Step(Step.TRACEMEM, idx);
          s.difo = d(a);
          s.arg = a.difo() == null ? 0 : a.difo().returnType().size();
          steps.add(s);
          break;
        }
        default: {
          Step s = new Step(Step.NOP, idx);
          s.difo = d(a);
          steps.add(s);
        }
      }
    }
    return steps.toArray(new Step[0]);
  }

  private int libact(List<ActionDescription> acts, int i, List<Step> steps) {
    ActionDescription a = acts.get(i);
    int which = (int) a.arg();
    int type = switch (which) {
      case DT_ACT_CLEAR -> Step.CLEAR;
      case DT_ACT_NORMALIZE -> Step.NORMALIZE;
      case DT_ACT_DENORMALIZE -> Step.DENORMALIZE;
      case DT_ACT_TRUNC -> Step.TRUNC;
      case DT_ACT_SETOPT -> Step.SETOPT;
      default -> Step.NOP;
    };
    Step s = new Step(type, i + 1);
    s.difo = d(a);
    if ((type == Step.NORMALIZE || type == Step.TRUNC || type == Step.SETOPT)
        && i + 1 < acts.size() && acts.get(i + 1).kind() == DTRACEACT_LIBACT
        && acts.get(i + 1).arg() == which) {
      i++;
      s.second = d(acts.get(i));
    }
    steps.add(s);
    return i;
  }

  private Step agg(List<ActionDescription> acts, int j) {
    ActionDescription a = acts.get(j);
    Step s = new Step(Step.AGG, j + 1);
    s.difo = d(a);
    int first = Math.max(0, j - a.ntuple());
    AggregationDescription desc = a.aggregation();
    int nkeys = desc != null ? desc.keyTypes().size() : Math.max(0, a.ntuple() - 1);
    List<Difo> keys = new ArrayList<>();
    List<Integer> ka = new ArrayList<>();
    List<Integer> kinds = new ArrayList<>();
    List<Long> kargs = new ArrayList<>();
    // the first tuple member is the aggregation id: skip it
    int k = first + 1;
    for (; k < j && keys.size() < nkeys; k++) {
      keys.add(d(acts.get(k)));
      ka.add(k + 1);
      kinds.add(acts.get(k).kind());
      kargs.add(acts.get(k).arg());
    }
    s.keyArgs = kargs.stream().mapToLong(Long::longValue).toArray();
    if (k < j) {
      s.incr = d(acts.get(k));
      s.incrAction = k + 1;
    }
    s.difos = keys.toArray(new Difo[0]);
    s.actions = ka.stream().mapToInt(Integer::intValue).toArray();
    int id = desc != null ? desc.id() : (int) a.uarg();
    String name = desc != null ? desc.name() : "";
    int[] sizes = new int[keys.size()];
    for (int x = 0; x < sizes.length; x++) {
      Difo kd = keys.get(x);
      sizes[x] = kd == null ? 8 : kd.byRef() ? -1 : kd.rtype.size() == 0 ? 8 : kd.rtype.size();
      if (kinds.get(x) != DTRACEACT_DIFEXPR) {
        sizes[x] = 8;
      }
    }
    int[] kk = kinds.stream().mapToInt(Integer::intValue).toArray();
    s.agg = aggs.computeIfAbsent(id, x -> new Aggregation(x, name, a.kind(), a.arg(), sizes, kk));
    return s;
  }
}

package org.hypertrace.engine;

import org.hypertrace.engine.agg.Aggregation;
import org.hypertrace.engine.consume.DPrintf;
import org.hypertrace.engine.vm.Difo;

/**
 * One executable step of an enabled probe: one action, or a group the consumer treats as one
 * (a printf with its arguments, an aggregation with its key tuple, normalize/trunc/setopt with
 * their second record). Port of the kernel's {@code dtrace_action_t} list as dtrace_probe walks
 * it, joined with the consumer's view of the records ({@code dtrace_recdesc_t}).
 */
final class Step {
  static final int EXPR = 1;
  static final int TRACE = 2;
  static final int PRINTF = 3;
  static final int PRINTA = 4;
  static final int AGG = 5;
  static final int EXIT = 6;
  static final int SPECULATE = 7;
  static final int COMMIT = 8;
  static final int DISCARD = 9;
  static final int CLEAR = 10;
  static final int NORMALIZE = 11;
  static final int DENORMALIZE = 12;
  static final int TRUNC = 13;
  static final int SETOPT = 14;
  static final int STACK = 15;
  static final int SYM = 16;
  static final int TRACEMEM = 17;
  static final int SYSTEM = 18;
  static final int NOP = 19;

  final int type;
  /** 1-based index of the (first) action, as ERROR reports it. */
  final int action;
  Difo difo;
  /** Printf arguments, aggregation keys, or the printa aggregation-id objects. */
  Difo[] difos = new Difo[0];
  /** Action index of each of {@link #difos}. */
  int[] actions = new int[0];
  Difo incr;
  int incrAction;
  Difo second;
  Aggregation agg;
  DPrintf format;
  long arg;
  int kind;
  /** Stack actions among aggregation keys: each key's {@code arg} (frames, ustack encoding). */
  long[] keyArgs = new long[0];
  /** Frames a stack step records, resolved from arg and the options on first use (0 = not). */
  int frames;
  /** Frames of each stack key, resolved on first use (null = not yet). */
  int[] keyFrames;

  Step(int type, int action) {
    this.type = type;
    this.action = action;
  }

  /** @return whether the step stores data in the principal buffer (a record) */
  boolean records() {
    switch (type) {
      case TRACE: case PRINTF: case PRINTA: case EXIT: case CLEAR: case NORMALIZE:
      case DENORMALIZE: case TRUNC: case SETOPT: case STACK: case SYM: case TRACEMEM:
      case SYSTEM:
        return true;
      default:
        return false;
    }
  }
}

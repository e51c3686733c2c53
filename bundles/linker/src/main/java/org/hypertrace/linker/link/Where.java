package org.hypertrace.linker.link;

import org.hypertrace.api.program.Statement;

/**
 * Where in a program a DIF object sits, for messages: "statement 1 (web*:syscall:::entry),
 * action 2" or "statement 0 (BEGIN), predicate".
 *
 * @param statement statement index
 * @param probe     the statement's probe description as dtrace prints it
 * @param action    action index, or -1 for the predicate
 */
record Where(int statement, String probe, int action) {
  static Where of(int index, Statement s, int action) {
    return new Where(index, s.probe() == null ? "?" : s.probe().toString(), action);
  }

  /** @return the location with a DIF offset */
  String at(int offset) {
    return this + ", DIF offset " + offset;
  }

  @Override
  public String toString() {
    return "statement " + statement + " (" + probe + "), "
        + (action < 0 ? "predicate" : "action " + action);
  }
}

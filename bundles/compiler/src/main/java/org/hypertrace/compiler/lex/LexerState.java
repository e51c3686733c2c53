package org.hypertrace.compiler.lex;

/**
 * The lexer's start conditions, as declared in dt_lex.l ({@code %s S0 S1 S2 S3 S4}).
 */
public enum LexerState {
  /** expressions, declarations and statements (YYS_EXPR, YYS_DEFINE). */
  S0,
  /** inside a comment; returns to the state saved when it began. */
  S1,
  /** the top level of a program: probe specifiers and declarations (YYS_CLAUSE). */
  S2,
  /** a control line ({@code #pragma}, {@code #line}) up to its newline. */
  S3,
  /** control lines only, everything else discarded (YYS_CONTROL). */
  S4
}

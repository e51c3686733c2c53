package org.hypertrace.compiler.lex;

/**
 * What the lexer asks the parser to tell identifiers from type names ({@code id_or_type} in
 * dt_lex.l) and to process control lines ({@code dt_pragma}).
 */
public interface Classifier {
  /** @return true if {@code s} is a known identifier (global, pcb ident). */
  boolean isIdent(String s);

  /** @return true if {@code s} names a type. */
  boolean isType(String s);

  /** @return true if a declaration in progress already has its type specifier. */
  boolean declHasSpecifier();

  /** Records {@code s} as an identifier that assignment may create. */
  void noteIdent(String s);

  /**
   * Processes one control line ({@code #pragma ...}, {@code # 12 "file"}).
   *
   * @param items the words: IDENT for words, INT for numbers, STRING for quoted strings
   * @param line  the line of the directive
   */
  void pragma(java.util.List<Token> items, int line)
      throws org.hypertrace.api.compile.DCompileException;
}

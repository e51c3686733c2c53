package org.hypertrace.compiler.lex;

/**
 * One token: its kind, the lexeme ({@code yytext}, used in "near" messages), its line, and for
 * integers the value with the suffix and radix facts dt_node_int needs.
 *
 * @param kind    the kind
 * @param text    the lexeme as written, or the decoded string for STRING/AGG/IDENT
 * @param line    the line the token starts on
 * @param value   integer value (INT)
 * @param suffix  integer suffix as written ("", "u", "UL", ...)
 * @param decimal whether the integer was written in decimal
 * @param prefix  '+', '-' or 0: sign carried by a macro argument's text
 */
public record Token(Tok kind, String text, int line, long value, String suffix,
    boolean decimal, char prefix) {

  /** @return a token without integer data. */
  public static Token of(Tok kind, String text, int line) {
    return new Token(kind, text, line, 0, "", false, (char) 0);
  }
}

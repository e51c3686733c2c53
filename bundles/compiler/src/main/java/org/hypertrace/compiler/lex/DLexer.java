package org.hypertrace.compiler.lex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DErrorTag;

/**
 * The D lexer: port of dt_lex.l. It is driven by the parser, which switches the start condition
 * ({@link LexerState}) as dt_grammar.y's actions call {@code yybegin}: S2 at the top level where
 * probe specifiers are words with globs, S0 inside clauses and declarations. Control lines are
 * handed to the {@link Classifier} as they end, like {@code dt_pragma}.
 */
public final class DLexer {
  private static final Map<String, Tok> KEYWORDS = Map.ofEntries(
      Map.entry("auto", Tok.KEY_AUTO), Map.entry("break", Tok.KEY_BREAK),
      Map.entry("case", Tok.KEY_CASE), Map.entry("char", Tok.KEY_CHAR),
      Map.entry("const", Tok.KEY_CONST), Map.entry("continue", Tok.KEY_CONTINUE),
      Map.entry("counter", Tok.KEY_COUNTER), Map.entry("default", Tok.KEY_DEFAULT),
      Map.entry("do", Tok.KEY_DO), Map.entry("double", Tok.KEY_DOUBLE),
      Map.entry("else", Tok.KEY_ELSE), Map.entry("enum", Tok.KEY_ENUM),
      Map.entry("extern", Tok.KEY_EXTERN), Map.entry("float", Tok.KEY_FLOAT),
      Map.entry("for", Tok.KEY_FOR), Map.entry("goto", Tok.KEY_GOTO),
      Map.entry("if", Tok.KEY_IF), Map.entry("import", Tok.KEY_IMPORT),
      Map.entry("inline", Tok.KEY_INLINE), Map.entry("int", Tok.KEY_INT),
      Map.entry("long", Tok.KEY_LONG), Map.entry("offsetof", Tok.OFFSETOF),
      Map.entry("probe", Tok.KEY_PROBE), Map.entry("provider", Tok.KEY_PROVIDER),
      Map.entry("register", Tok.KEY_REGISTER), Map.entry("restrict", Tok.KEY_RESTRICT),
      Map.entry("return", Tok.KEY_RETURN), Map.entry("self", Tok.KEY_SELF),
      Map.entry("short", Tok.KEY_SHORT), Map.entry("signed", Tok.KEY_SIGNED),
      Map.entry("sizeof", Tok.SIZEOF), Map.entry("static", Tok.KEY_STATIC),
      Map.entry("string", Tok.KEY_STRING), Map.entry("stringof", Tok.STRINGOF),
      Map.entry("struct", Tok.KEY_STRUCT), Map.entry("switch", Tok.KEY_SWITCH),
      Map.entry("this", Tok.KEY_THIS), Map.entry("translator", Tok.KEY_XLATOR),
      Map.entry("typedef", Tok.KEY_TYPEDEF), Map.entry("union", Tok.KEY_UNION),
      Map.entry("unsigned", Tok.KEY_UNSIGNED), Map.entry("userland", Tok.KEY_USERLAND),
      Map.entry("void", Tok.KEY_VOID), Map.entry("volatile", Tok.KEY_VOLATILE),
      Map.entry("while", Tok.KEY_WHILE), Map.entry("xlate", Tok.XLATE));

  /** Keywords S2 recognises (they switch to S0); all others are probe-specifier words there. */
  private static final java.util.Set<String> S2_KEYWORDS = java.util.Set.of("auto", "char",
      "const", "counter", "double", "enum", "extern", "float", "import", "inline", "int", "long",
      "provider", "register", "restrict", "self", "short", "signed", "static", "string", "struct",
      "this", "translator", "typedef", "union", "unsigned", "void", "volatile");

  private static final String[] OPERATORS = {
      "<<=", ">>=", "...", "&&", "^^", "||", "==", "!=", "<=", ">=", "<<", ">>", "->", "+=", "-=",
      "*=", "/=", "%=", "&=", "^=", "|=", "++", "--", "|", "^", "&", "<", ">", "+", "-", "*", "%",
      "~", "!", "?", ":", ".", "=", ",", ";", "{", "}"};
  private static final Tok[] OPERATOR_TOKS = {
      Tok.LSH_EQ, Tok.RSH_EQ, Tok.ELLIPSIS, Tok.LAND, Tok.LXOR, Tok.LOR, Tok.EQU, Tok.NEQ, Tok.LE,
      Tok.GE, Tok.LSH, Tok.RSH, Tok.PTR, Tok.ADD_EQ, Tok.SUB_EQ, Tok.MUL_EQ, Tok.DIV_EQ,
      Tok.MOD_EQ, Tok.AND_EQ, Tok.XOR_EQ, Tok.OR_EQ, Tok.ADDADD, Tok.SUBSUB, Tok.BOR, Tok.XOR,
      Tok.BAND, Tok.LT, Tok.GT, Tok.ADD, Tok.SUB, Tok.MUL, Tok.MOD, Tok.BNEG, Tok.LNEG,
      Tok.QUESTION, Tok.COLON, Tok.DOT, Tok.ASGN, Tok.COMMA, Tok.SEMI, Tok.LBRACE, Tok.RBRACE};

  private final String src;
  private final Pcb pcb;
  private final Classifier cls;
  private final List<String> macroArgs;
  private final Map<String, Long> macroVars;
  private final boolean defaultArgs;
  private final boolean[] argUsed;
  private int pos;
  private int line = 1;
  private LexerState state = LexerState.S2;
  private int parens;
  private int brackets;
  private int braces;
  private boolean pspecMode;

  /**
   * @param src         the source text
   * @param pcb         errors
   * @param cls         identifier/type classifier and pragma sink
   * @param macroArgs   $0, $1, ...
   * @param macroVars   $pid, $target, ... values
   * @param defaultArgs option defaultargs: unset macro arguments are 0 / ""
   */
  public DLexer(String src, Pcb pcb, Classifier cls, List<String> macroArgs,
      Map<String, Long> macroVars, boolean defaultArgs) {
    this.src = src;
    this.pcb = pcb;
    this.cls = cls;
    this.macroArgs = macroArgs;
    this.macroVars = macroVars;
    this.defaultArgs = defaultArgs;
    this.argUsed = new boolean[macroArgs.size()];
  }

  /** Sets the start condition. */
  public void begin(LexerState s) {
    state = s;
  }

  public LexerState state() {
    return state;
  }

  /** When set, S2 words are always probe specifiers (DTRACE_C_PSPEC, probe-only contexts). */
  public void setPspecMode(boolean on) {
    pspecMode = on;
  }

  /** @return the current position (for re-lexing after a state change). */
  public int mark() {
    return pos;
  }

  /** @return the current line. */
  public int line() {
    return line;
  }

  /** Rewinds to a position returned by {@link #mark()} with its line. */
  public void reset(int p, int l) {
    pos = p;
    line = l;
  }

  private boolean hyperTrace;

  /** Enables HyperTrace syntax (the fifth, target, field of probe descriptions). */
  public void setHyperTrace(boolean on) {
    hyperTrace = on;
  }

  /** @return whether HyperTrace syntax is enabled. */
  public boolean hyperTrace() {
    return hyperTrace;
  }

  /** Marks macro argument {@code i} referenced (probe descriptions use them too). */
  public void markArgUsed(int i) {
    if (i >= 0 && i < argUsed.length) {
      argUsed[i] = true;
    }
  }

  /** @return the macro arguments. */
  public List<String> macroArgs() {
    return macroArgs;
  }

  /** @return the macro variables. */
  public Map<String, Long> macroVars() {
    return macroVars;
  }

  /** @return whether macro argument {@code i} was referenced. */
  public boolean argUsed(int i) {
    return i < argUsed.length && argUsed[i];
  }

  private int peekc(int off) {
    int p = pos + off;
    return p < src.length() ? src.charAt(p) : -1;
  }

  private boolean atLineStart(int p) {
    int q = p - 1;
    while (q >= 0) {
      char c = src.charAt(q);
      if (c == '\n') {
        return true;
      }
      if (c != ' ' && c != '\t' && c != '\f' && c != 11) {
        return false;
      }
      q--;
    }
    return true;
  }

  /** @return the next token in the current state. */
  public Token next() throws DCompileException {
    while (true) {
      if (pos >= src.length()) {
        return Token.of(Tok.EOF, "", line);
      }
      char c = src.charAt(pos);
      if (c == '\n') {
        line++;
        pos++;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 11) {
        pos++;
        continue;
      }
      if (c == '\\' && peekc(1) == '\n' && state == LexerState.S0) {
        pos += 2;
        line++;
        continue;
      }
      if (c == '/' && peekc(1) == '*') {
        skipComment();
        continue;
      }
      if (c == '#' && atLineStart(pos)) {
        if (peekc(1) == '!') {
          while (pos < src.length() && src.charAt(pos) != '\n') {
            pos++;
          }
          continue;
        }
        pos++;
        controlLine();
        continue;
      }
      if (state == LexerState.S4) {
        pos++;
        continue;
      }
      return state == LexerState.S2 ? nextS2(c) : nextS0(c);
    }
  }

  private void skipComment() throws DCompileException {
    int startLine = line;
    pos += 2;
    while (true) {
      if (pos >= src.length()) {
        throw pcb.syntax(line, "end-of-file encountered before matching */\n", null);
      }
      char c = src.charAt(pos);
      if (c == '*' && peekc(1) == '/') {
        pos += 2;
        return;
      }
      if (c == '/' && peekc(1) == '*') {
        throw pcb.syntax(line, "/* encountered inside a comment\n", null);
      }
      if (c == '\n') {
        line++;
      }
      pos++;
    }
  }

  /* S3: collect the words of a control line and hand them over at its newline. */
  private void controlLine() throws DCompileException {
    List<Token> items = new ArrayList<>();
    while (true) {
      if (pos >= src.length()) {
        throw pcb.syntax(line, "end-of-file encountered before end of control line\n", null);
      }
      char c = src.charAt(pos);
      if (c == '\n') {
        pos++;
        line++;
        cls.pragma(items, line - 1);
        return;
      }
      if (c == ' ' || c == '\t' || c == '\f' || c == 11 || c == '\r') {
        pos++;
        continue;
      }
      if (c == '"') {
        int start = pos;
        pos++;
        while (pos < src.length() && src.charAt(pos) != '"' && src.charAt(pos) != '\n') {
          if (src.charAt(pos) == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) != '\n') {
            pos++;
          }
          pos++;
        }
        if (pos >= src.length() || src.charAt(pos) == '\n') {
          throw pcb.error(DErrorTag.D_STR_NL, line, "newline encountered in string literal");
        }
        pos++;
        items.add(Token.of(Tok.STRING, Escapes.decode(src.substring(start + 1, pos - 1)), line));
        continue;
      }
      int start = pos;
      if (Character.isDigit(c)) {
        Token t = integer();
        if (pos >= src.length() || isWordEnd(src.charAt(pos))) {
          items.add(t);
          continue;
        }
        pos = start;
      }
      while (pos < src.length() && !isWordEnd(src.charAt(pos))) {
        pos++;
      }
      items.add(Token.of(Tok.IDENT, src.substring(start, pos), line));
    }
  }

  private static boolean isWordEnd(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == 11 || c == '"' || c == '\r';
  }

  private static boolean isPspecStart(char c) {
    return Character.isLetter(c) && c < 128 || c == '-' || c == '$' || c == ':' || c == '_'
        || c == '.' || c == '?' || c == '*' || c == '\\' || c == '[' || c == ']' || c == '!';
  }

  private static boolean isPspecChar(char c) {
    return isPspecStart(c) || (c >= '0' && c <= '9') || c == '`';
  }

  private Token nextS2(char c) throws DCompileException {
    int start = pos;
    if (c >= '0' && c <= '9') {
      return integer();
    }
    if (c == '{') {
      pos++;
      braces++;
      return Token.of(Tok.LBRACE, "{", line);
    }
    if (c == '/') {
      pos++;
      return Token.of(Tok.DIV, "/", line);
    }
    if (c == ',') {
      pos++;
      return Token.of(Tok.COMMA, ",", line);
    }
    if (!isPspecStart(c)) {
      pos++;
      throw pcb.syntax(line, "syntax error near \"" + c + "\"\n", null);
    }
    while (pos < src.length() && isPspecChar(src.charAt(pos))) {
      pos++;
    }
    String text = src.substring(start, pos);
    if (S2_KEYWORDS.contains(text)) {
      state = LexerState.S0;
      return Token.of(KEYWORDS.get(text), text, line);
    }
    if (!pspecMode && text.indexOf(':') < 0) {
      int star = text.indexOf('*');
      String head = star > 0 ? text.substring(0, star) : text;
      if (cls.isType(head)) {
        if (star > 0) {
          pos = start + star;
        }
        state = LexerState.S0;
        return Token.of(Tok.TNAME, head, line);
      }
    }
    return Token.of(Tok.PSPEC, text, line);
  }

  private Token nextS0(char c) throws DCompileException {
    int start = pos;
    if (c == '$') {
      return macro();
    }
    if (Character.isLetter(c) && c < 128 || c == '_' || c == '`') {
      while (pos < src.length() && isIdentChar(src.charAt(pos))) {
        pos++;
      }
      String text = src.substring(start, pos);
      Tok kw = KEYWORDS.get(text);
      if (kw != null) {
        return Token.of(kw, text, line);
      }
      return idOrType(text);
    }
    if (c == '@') {
      pos++;
      if (pos < src.length() && (Character.isLetter(src.charAt(pos))
          && src.charAt(pos) < 128 || src.charAt(pos) == '_')) {
        while (pos < src.length() && isAggChar(src.charAt(pos))) {
          pos++;
        }
        return Token.of(Tok.AGG, src.substring(start, pos), line);
      }
      return Token.of(Tok.AGG, "@_", line);
    }
    if (c >= '0' && c <= '9' || c == '.' && peekc(1) >= '0' && peekc(1) <= '9') {
      return number();
    }
    if (c == '"') {
      return string();
    }
    if (c == '\'') {
      return character();
    }
    if (c == '/') {
      return slash();
    }
    switch (c) {
      case '(':
        pos++;
        parens++;
        return Token.of(Tok.LPAR, "(", line);
      case ')':
        pos++;
        if (--parens < 0) {
          throw pcb.syntax(line, "extra ) in input stream\n", null);
        }
        return Token.of(Tok.RPAR, ")", line);
      case '[':
        pos++;
        brackets++;
        return Token.of(Tok.LBRAC, "[", line);
      case ']':
        pos++;
        if (--brackets < 0) {
          throw pcb.syntax(line, "extra ] in input stream\n", null);
        }
        return Token.of(Tok.RBRAC, "]", line);
      default:
        break;
    }
    for (int i = 0; i < OPERATORS.length; i++) {
      if (src.startsWith(OPERATORS[i], pos)) {
        pos += OPERATORS[i].length();
        Tok t = OPERATOR_TOKS[i];
        if (t == Tok.LBRACE) {
          braces++;
        } else if (t == Tok.RBRACE && --braces < 0) {
          throw pcb.syntax(line, "extra } in input stream\n", null);
        }
        return Token.of(t, OPERATORS[i], line);
      }
    }
    pos++;
    throw pcb.syntax(line, "syntax error near \"" + c + "\"\n", null);
  }

  private static boolean isIdentChar(char c) {
    return Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '`';
  }

  private static boolean isAggChar(char c) {
    return Character.isLetterOrDigit(c) && c < 128 || c == '_';
  }

  /* The predicate's closing "/" versus division: look at the next non-blank character. */
  private Token slash() throws DCompileException {
    pos++;
    if (pos < src.length() && src.charAt(pos) == '=') {
      pos++;
      return Token.of(Tok.DIV_EQ, "/=", line);
    }
    int p = pos;
    while (p < src.length() && " \t\n\r\f\u000b".indexOf(src.charAt(p)) >= 0) {
      p++;
    }
    int c = p < src.length() ? src.charAt(p) : 0;
    if (c == 0 || c == ';' || c == '{' || c == '/') {
      if (parens != 0) {
        throw pcb.syntax(line, "closing ) expected in predicate before /\n", null);
      }
      if (brackets != 0) {
        throw pcb.syntax(line, "closing ] expected in predicate before /\n", null);
      }
      return Token.of(Tok.EPRED, "/", line);
    }
    return Token.of(Tok.DIV, "/", line);
  }

  private Token idOrType(String s) {
    if (cls.isIdent(s) || !cls.isType(s)) {
      return Token.of(Tok.IDENT, s, line);
    }
    if (cls.declHasSpecifier()) {
      return Token.of(Tok.IDENT, s, line);
    }
    if (state != LexerState.S0) {
      return Token.of(Tok.TNAME, s, line);
    }
    int p = pos;
    while (p < src.length() && " \t\n\r\f\u000b".indexOf(src.charAt(p)) >= 0) {
      p++;
    }
    int c0 = p < src.length() ? src.charAt(p) : 0;
    int c1 = p + 1 < src.length() ? src.charAt(p + 1) : 0;
    boolean ident = (c0 == '+' || c0 == '-') && c1 == c0 || c0 == '=' && c1 != '='
        || c0 == '[';
    if (ident) {
      cls.noteIdent(s);
      return Token.of(Tok.IDENT, s, line);
    }
    return Token.of(Tok.TNAME, s, line);
  }

  private Token integer() throws DCompileException {
    int start = pos;
    long v;
    int digitsEnd;
    if (src.charAt(pos) == '0' && (peekc(1) == 'x' || peekc(1) == 'X')
        && isHex(peekc(2))) {
      pos += 2;
      while (pos < src.length() && isHex(src.charAt(pos))) {
        pos++;
      }
    } else {
      while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
        pos++;
      }
    }
    digitsEnd = pos;
    if (pos < src.length() && (src.charAt(pos) == 'u' || src.charAt(pos) == 'U')) {
      pos++;
    }
    for (int i = 0; i < 2 && pos < src.length(); i++) {
      if (src.charAt(pos) == 'l' || src.charAt(pos) == 'L') {
        pos++;
      }
    }
    String text = src.substring(start, pos);
    String digits = src.substring(start, digitsEnd);
    String suffix = src.substring(digitsEnd, pos);
    v = parseC(text, digits, suffix);
    return new Token(Tok.INT, text, line, v, suffix, text.charAt(0) != '0', (char) 0);
  }

  private long parseC(String text, String digits, String suffix) throws DCompileException {
    int radix = 10;
    String d = digits;
    if (d.length() > 1 && d.charAt(0) == '0') {
      if (d.charAt(1) == 'x' || d.charAt(1) == 'X') {
        radix = 16;
        d = d.substring(2);
      } else {
        radix = 8;
        d = d.substring(1);
      }
    }
    int i = 0;
    while (i < d.length() && Character.digit(d.charAt(i), radix) >= 0) {
      i++;
    }
    java.math.BigInteger b = i == 0 ? java.math.BigInteger.ZERO
        : new java.math.BigInteger(d.substring(0, i), radix);
    if (b.bitLength() > 64) {
      throw pcb.error(DErrorTag.D_INT_OFLOW, line, "constant %s results in integer overflow\n",
          text);
    }
    if (i < d.length()) {
      throw pcb.error(DErrorTag.D_INT_DIGIT, line, "constant %s contains invalid digit %c\n",
          text, d.charAt(i));
    }
    return b.longValue();
  }

  private static boolean isHex(int c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  private Token number() throws DCompileException {
    int start = pos;
    int p = pos;
    while (p < src.length() && Character.isDigit(src.charAt(p))) {
      p++;
    }
    boolean fp = false;
    boolean hex = src.charAt(start) == '0' && p == start + 1 && p < src.length()
        && (src.charAt(p) == 'x' || src.charAt(p) == 'X');
    if (!hex && p < src.length() && (src.charAt(p) == '.' || src.charAt(p) == 'e'
        || src.charAt(p) == 'E')) {
      int q = p;
      if (src.charAt(q) == '.') {
        q++;
        while (q < src.length() && Character.isDigit(src.charAt(q))) {
          q++;
        }
        fp = true;
      }
      if (q < src.length() && (src.charAt(q) == 'e' || src.charAt(q) == 'E')) {
        int r = q + 1;
        if (r < src.length() && (src.charAt(r) == '+' || src.charAt(r) == '-')) {
          r++;
        }
        if (r < src.length() && Character.isDigit(src.charAt(r))) {
          fp = true;
        }
      }
    }
    if (fp) {
      pos = p + 1;
      throw pcb.syntax(line, "floating-point constants are not permitted\n", null);
    }
    Token t = integer();
    if (pos == start) {
      pos++;
      throw pcb.syntax(line, "syntax error near \".\"\n", null);
    }
    return t;
  }

  private Token string() throws DCompileException {
    int start = pos;
    pos++;
    while (pos < src.length() && src.charAt(pos) != '"') {
      char c = src.charAt(pos);
      if (c == '\n') {
        throw pcb.error(DErrorTag.D_STR_NL, line, "newline encountered in string literal");
      }
      if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) != '\n') {
        pos++;
      }
      pos++;
    }
    if (pos >= src.length()) {
      throw pcb.error(DErrorTag.D_STR_NL, line, "newline encountered in string literal");
    }
    pos++;
    String raw = src.substring(start + 1, pos - 1);
    return Token.of(Tok.STRING, Escapes.decode(raw), line);
  }

  private Token character() throws DCompileException {
    int start = pos;
    pos++;
    while (pos < src.length() && src.charAt(pos) != '\'') {
      char c = src.charAt(pos);
      if (c == '\n') {
        throw pcb.error(DErrorTag.D_CHR_NL, line, "newline encountered in character constant");
      }
      if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) != '\n') {
        pos++;
      }
      pos++;
    }
    if (pos >= src.length()) {
      throw pcb.error(DErrorTag.D_CHR_NL, line, "newline encountered in character constant");
    }
    pos++;
    String raw = src.substring(start + 1, pos - 1);
    if (raw.isEmpty()) {
      throw pcb.error(DErrorTag.D_CHR_NULL, line, "empty character constant");
    }
    byte[] b = Escapes.decodeBytes(raw);
    if (b.length > 8) {
      throw pcb.error(DErrorTag.D_CHR_OFLOW, line, "character constant is too long");
    }
    long v = 0;
    for (byte x : b) {
      v = (v << 8) | (x & 0xff);
    }
    if (b.length == 1) {
      v = b[0];
    }
    return new Token(Tok.INT, src.substring(start, pos), line, v, "", true, (char) 0);
  }

  /* $1, $$1, $pid, $$pid: macro arguments and macro variables. */
  private Token macro() throws DCompileException {
    int start = pos;
    boolean dbl = peekc(1) == '$';
    int p = pos + (dbl ? 2 : 1);
    if (p < src.length() && Character.isDigit(src.charAt(p))) {
      while (p < src.length() && Character.isDigit(src.charAt(p))) {
        p++;
      }
      pos = p;
      String text = src.substring(start, pos);
      int i;
      try {
        i = Integer.parseInt(text.substring(dbl ? 2 : 1));
      } catch (NumberFormatException e) {
        i = Integer.MAX_VALUE;
      }
      if (i >= macroArgs.size() && !defaultArgs) {
        throw pcb.error(DErrorTag.D_MACRO_UNDEF, line, "macro argument %s is not defined\n",
            text);
      }
      String v = dbl ? "" : "0";
      if (i < macroArgs.size()) {
        v = macroArgs.get(i);
        argUsed[i] = true;
      }
      if (dbl) {
        return Token.of(Tok.STRING, Escapes.decode(v), line);
      }
      return macroText(text, v);
    }
    if (p < src.length() && (Character.isLetter(src.charAt(p)) || src.charAt(p) == '_'
        || src.charAt(p) == '`')) {
      while (p < src.length() && isIdentChar(src.charAt(p))) {
        p++;
      }
      pos = p;
      String text = src.substring(start, pos);
      Long v = macroVars.get(text.substring(dbl ? 2 : 1));
      if (v == null) {
        throw pcb.error(DErrorTag.D_MACRO_UNDEF, line, "macro variable %s is not defined\n",
            text);
      }
      if (dbl) {
        return Token.of(Tok.STRING, Long.toString(v & 0xffffffffL), line);
      }
      return new Token(Tok.INT, text, line, (int) (long) v, "", true, (char) 0);
    }
    pos++;
    throw pcb.syntax(line, "syntax error near \"$\"\n", null);
  }

  private Token macroText(String text, String v) throws DCompileException {
    if (badIdNum(v)) {
      String s = v.length() != 1 && v.startsWith("\"") && v.endsWith("\"")
          ? v.substring(1, v.length() - 1) : v;
      return Token.of(Tok.STRING, Escapes.decode(s), line);
    }
    char c0 = v.charAt(0);
    if (Character.isDigit(c0) || c0 == '-' || c0 == '+') {
      char prefix = Character.isDigit(c0) ? 0 : c0;
      String num = prefix == 0 ? v : v.substring(1);
      int j = 0;
      boolean hex = num.length() > 1 && num.charAt(0) == '0'
          && (num.charAt(1) == 'x' || num.charAt(1) == 'X');
      j = hex ? 2 : 0;
      while (j < num.length() && (hex ? isHex(num.charAt(j)) : Character.isDigit(num.charAt(j)))) {
        j++;
      }
      String digits = num.substring(0, j);
      String suffix = num.substring(j);
      java.math.BigInteger b;
      try {
        b = digits.isEmpty() || digits.equals("0x") ? java.math.BigInteger.ZERO
            : hex ? new java.math.BigInteger(digits.substring(2), 16)
            : digits.length() > 1 && digits.charAt(0) == '0'
                ? new java.math.BigInteger(digits.substring(1), 8)
                : new java.math.BigInteger(digits);
      } catch (NumberFormatException e) {
        b = java.math.BigInteger.ZERO;
      }
      if (b.bitLength() > 64) {
        throw pcb.error(DErrorTag.D_MACRO_OFLOW, line,
            "macro argument %s constant %s results in integer overflow\n", text, num);
      }
      return new Token(Tok.INT, v, line, b.longValue(), suffix, num.isEmpty()
          || num.charAt(0) != '0', prefix);
    }
    return idOrType(v);
  }

  /* strbadidnum: true unless the text is a whole identifier or a whole C integer. */
  private static boolean badIdNum(String s) {
    if (s.isEmpty()) {
      return true;
    }
    char c = s.charAt(0);
    if (Character.isLetter(c) || c == '_' || c == '`') {
      for (int i = 1; i < s.length(); i++) {
        if (!isIdentChar(s.charAt(i))) {
          return true;
        }
      }
      return false;
    }
    int i = 0;
    if (c == '-' || c == '+') {
      i++;
    }
    if (i >= s.length() || !Character.isDigit(s.charAt(i))) {
      return true;
    }
    String num = s.substring(i);
    String body = num.replaceAll("[uUlL]+$", "");
    if (body.matches("0[xX][0-9a-fA-F]+") || body.matches("0[0-7]*")
        || body.matches("[1-9][0-9]*")) {
      return false;
    }
    return true;
  }
}

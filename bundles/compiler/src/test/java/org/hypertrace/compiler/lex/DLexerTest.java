package org.hypertrace.compiler.lex;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DErrorTag;
import org.junit.jupiter.api.Test;

class DLexerTest {
  private static final Classifier NONE = new Classifier() {
    public boolean isIdent(String s) {
      return false;
    }

    public boolean isType(String s) {
      return s.equals("int");
    }

    public boolean declHasSpecifier() {
      return false;
    }

    public void noteIdent(String s) {}

    public void pragma(List<Token> items, int line) {}
  };

  static List<Token> lex(String src, LexerState st) throws DCompileException {
    DLexer l = new DLexer(src, new Pcb("t.d", true), NONE, List.of("t.d"), Map.of(), false);
    l.begin(st);
    List<Token> out = new ArrayList<>();
    for (Token t = l.next(); t.kind() != Tok.EOF; t = l.next()) {
      out.add(t);
    }
    return out;
  }

  @Test
  void testProbeSpecifier_inS2IsOneWord() throws Exception {
    List<Token> t = lex("syscall::open*:entry /", LexerState.S2);
    assertEquals(Tok.PSPEC, t.get(0).kind());
    assertEquals("syscall::open*:entry", t.get(0).text());
    assertEquals(Tok.DIV, t.get(1).kind());
  }

  @Test
  void testSlash_endsPredicateBeforeBrace() throws Exception {
    List<Token> t = lex("a / b / {", LexerState.S0);
    assertEquals(Tok.DIV, t.get(1).kind());
    assertEquals(Tok.EPRED, t.get(3).kind());
  }

  @Test
  void testIntegers_valueSuffixRadix() throws Exception {
    List<Token> t = lex("0x1fUL 017 42", LexerState.S0);
    assertEquals(31, t.get(0).value());
    assertEquals("UL", t.get(0).suffix());
    assertEquals(15, t.get(1).value());
    assertFalse(t.get(1).decimal());
    assertTrue(t.get(2).decimal());
  }

  @Test
  void testIntegerOverflow_isIntOflow() {
    DCompileException e = assertThrows(DCompileException.class,
        () -> lex("123456789012345678901234567890", LexerState.S0));
    assertEquals(DErrorTag.D_INT_OFLOW, e.tag());
  }

  @Test
  void testOctalDigit_isIntDigit() {
    DCompileException e = assertThrows(DCompileException.class, () -> lex("09", LexerState.S0));
    assertEquals(DErrorTag.D_INT_DIGIT, e.tag());
    assertEquals("constant 09 contains invalid digit 9", e.text());
  }

  @Test
  void testStringEscapesAndNewline() throws Exception {
    assertEquals("a\tb\n", lex("\"a\\tb\\n\"", LexerState.S0).get(0).text());
    DCompileException e = assertThrows(DCompileException.class,
        () -> lex("\"abc\ndef\"", LexerState.S0));
    assertEquals(DErrorTag.D_STR_NL, e.tag());
  }

  @Test
  void testCharacterConstant_multiByte() throws Exception {
    assertEquals(0x6162, lex("'ab'", LexerState.S0).get(0).value());
    assertEquals(DErrorTag.D_CHR_NULL, assertThrows(DCompileException.class,
        () -> lex("''", LexerState.S0)).tag());
  }

  @Test
  void testUnterminatedComment_isSyntaxError() {
    DCompileException e = assertThrows(DCompileException.class,
        () -> lex("/* open", LexerState.S0));
    assertEquals(DErrorTag.D_SYNTAX, e.tag());
  }

  @Test
  void testUndefinedMacroArgument() {
    DCompileException e = assertThrows(DCompileException.class, () -> lex("$3", LexerState.S0));
    assertEquals(DErrorTag.D_MACRO_UNDEF, e.tag());
  }

  @Test
  void testRandomBytes_endInDErrorOrTokens() {
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < 300; i++) {
      byte[] b = new byte[r.nextInt(64)];
      r.nextBytes(b);
      String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
      try {
        lex(s, i % 2 == 0 ? LexerState.S0 : LexerState.S2);
      } catch (DCompileException e) {
        assertNotNull(e.tag());
      }
    }
  }
}

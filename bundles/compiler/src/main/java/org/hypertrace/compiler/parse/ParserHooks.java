package org.hypertrace.compiler.parse;

import java.util.List;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.compiler.ident.Ident;
import org.hypertrace.compiler.lex.Token;

/**
 * What the parser hands to later stages while it parses, because libdtrace does that work inside
 * grammar actions: cooking an inline's expression ({@code dt_node_inline}) and processing
 * control lines ({@code dt_pragma}).
 */
public interface ParserHooks {
  /** Cooks and records the definition of an inline. */
  void defineInline(Ident inline, List<String> params, Node.Expr expr, int line)
      throws DCompileException;

  /** One member definition of a translator. */
  record XlMember(String name, Node.Expr expr, int line) {}

  /** Defines a translator (dt_node_xlator): checks, cooks the members, records it. */
  void defineTranslator(org.hypertrace.compiler.decl.DType dst,
      org.hypertrace.compiler.decl.DType src, String arg, List<XlMember> members, int line)
      throws DCompileException;

  /** Processes a control line. */
  void pragma(List<Token> items, int line) throws DCompileException;
}

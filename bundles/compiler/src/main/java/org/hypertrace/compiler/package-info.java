/**
 * The D compiler: D source to a {@link org.hypertrace.api.program.DProgram}, port of libdtrace's
 * compiler. Passes, in dt_cc.c's order, one package per libdtrace stage:
 * <ol>
 *   <li>{@code -C}: C preprocessing with jcpp ({@link org.hypertrace.compiler.Preprocessor});</li>
 *   <li>{@code lex}: the D lexer, start conditions S0-S4 (dt_lex.l);</li>
 *   <li>{@code parse}: recursive descent over dt_grammar.y's nonterminals, node constructors
 *       with constant folding (dt_parser.c); declarations, inlines, translators and pragmas take
 *       effect while parsing ({@code decl}, {@code ident}, {@code xlate});</li>
 *   <li>{@code Sugar}: if/else into sub-clauses (dt_sugar.c);</li>
 *   <li>{@code cook}: types, identifier resolution and the D_* checks (dt_cook_*);</li>
 *   <li>{@code ClauseCompiler}: statements to actions (dt_cc.c), with {@code cg} (dt_cg.c,
 *       into a {@link org.hypertrace.compiler.as.DifVisitor}) and {@code as} (dt_as.c);</li>
 *   <li>{@code dis}: listings (dt_dis.c); {@code dof}: DOF (dt_dof.c); {@code elf}: HyperTrace's
 *       ELF container.</li>
 * </ol>
 * Errors stop at the first one with dtrace's tag, line and text.
 */
package org.hypertrace.compiler;

package org.hypertrace.compiler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.hypertrace.api.compile.CompileRequest;
import org.hypertrace.api.compile.CompileResult;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DCompiler;
import org.hypertrace.api.compile.DErrorTag;
import org.hypertrace.api.dif.DifObject;
import org.hypertrace.api.program.ActionDescription;
import org.hypertrace.api.program.AggregationDescription;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.Statement;
import org.hypertrace.api.types.TargetTypes;
import org.hypertrace.api.types.TypeRegistry;
import org.hypertrace.compiler.cook.Cooker;
import org.hypertrace.compiler.cook.ProbeCatalog;
import org.hypertrace.compiler.cook.T;
import org.hypertrace.compiler.decl.KernelTypes;
import org.hypertrace.compiler.decl.TypeTable;
import org.hypertrace.compiler.ident.Ident;
import org.hypertrace.compiler.ident.IdentTable;
import org.hypertrace.compiler.lex.Pcb;
import org.hypertrace.compiler.lex.Token;
import org.hypertrace.compiler.parse.DParser;
import org.hypertrace.compiler.parse.Node;
import org.hypertrace.compiler.parse.ParserHooks;

/**
 * The D compiler: port of dt_cc.c {@code dt_compile}. The passes, in dt_cc.c's order:
 * <ol>
 *   <li>optional C preprocessing ({@code -C}, {@link Preprocessor}, jcpp);</li>
 *   <li>lexing and parsing of the whole program ({@link DParser}); declarations, inlines and
 *       pragmas take effect while parsing;</li>
 *   <li>for each clause and each of its probe descriptions: the probe context check
 *       (D_PDESC_ZERO), cooking ({@link Cooker}), code generation and assembly of the predicate,
 *       then of each statement's actions ({@link ClauseCompiler});</li>
 *   <li>the program ({@link DProgram}) with one {@link Statement} per probe description.</li>
 * </ol>
 * Works outside OSGi: public no-arg constructor, listed in META-INF/services; the kernel's types
 * then come from the {@link TypeRegistry} that {@link ServiceLoader} finds (bundle guest-types),
 * and without one the compiler works with D's types alone. In OSGi the DS component hands over
 * the registry service instead.
 */
public class DTraceCompiler implements DCompiler {
  private final Supplier<TypeRegistry> registry;

  /** Creates a compiler whose kernel types come from a registry on the class path, if any. */
  public DTraceCompiler() {
    this(DTraceCompiler::classpathRegistry);
  }

  /**
   * @param registry gives the type registry at each compilation, or null when none is installed;
   *                 the host's types are read from it only when a program needs them
   */
  public DTraceCompiler(Supplier<TypeRegistry> registry) {
    this.registry = registry;
  }

  /**
   * @param kernel the kernel types every compilation uses (tests, tools)
   * @return a compiler
   */
  public static DTraceCompiler forTarget(TargetTypes kernel) {
    return new DTraceCompiler(() -> new FixedRegistry(kernel));
  }

  @Override
  public CompileResult compile(CompileRequest req) throws DCompileException {
    try {
      return compileChecked(req);
    } catch (StackOverflowError e) {
      throw new DCompileException(DErrorTag.D_SYNTAX, req.fileName(), 0,
          "program too complex: nesting exceeds the compiler's limit");
    } catch (KernelTypes.Unavailable e) {
      throw new DCompileException(DErrorTag.D_TYPE_ERR, req.fileName(), 0, e.getMessage());
    }
  }

  /** The registry found on the class path once per class loader (none: null). */
  private static TypeRegistry classpathRegistry() {
    return ClasspathRegistry.INSTANCE;
  }

  /** Holder: looked up on first use, so a compiler that is never used loads nothing. */
  private static final class ClasspathRegistry {
    static final TypeRegistry INSTANCE = find();

    private static TypeRegistry find() {
      try {
        return ServiceLoader.load(TypeRegistry.class, DTraceCompiler.class.getClassLoader())
            .findFirst().orElse(null);
      } catch (ServiceConfigurationError | LinkageError e) {
        return null;
      }
    }
  }

  /** A registry of one target (tests, tools): its host is that target. */
  private record FixedRegistry(TargetTypes target) implements TypeRegistry {
    @Override
    public TargetTypes host() {
      return target;
    }

    @Override
    public java.util.Optional<TargetTypes> forDigest(String digest) {
      return target.digest().equals(digest) ? java.util.Optional.of(target)
          : java.util.Optional.empty();
    }

    @Override
    public TargetTypes register(byte[] data) {
      throw new UnsupportedOperationException("fixed registry");
    }

    @Override
    public java.util.Set<String> digests() {
      return java.util.Set.of(target.digest());
    }
  }

  private CompileResult compileChecked(CompileRequest req) throws DCompileException {
    boolean fromFile = req.fileName() != null;
    Pcb pcb = new Pcb(req.fileName(), fromFile);
    Map<String, String> options = new LinkedHashMap<>();
    if (req.options() != null) {
      options.putAll(req.options());
    }
    long strsize = 256;
    if (options.containsKey("strsize")) {
      long s = Options.parseSize(options.get("strsize"));
      if (s > 0) {
        strsize = s;
      }
    }
    String src = req.source() == null ? "" : req.source();
    if (req.cpp()) {
      src = Preprocessor.run(pcb, src, req.fileName(), req.cppArgs());
    }
    TypeRegistry reg = registry == null ? null : registry.get();
    TypeTable types = new TypeTable(strsize, req.hyperTrace(), reg == null ? null : reg::host);
    IdentTable idents = new IdentTable();
    Ident nul = new Ident("NULL", org.hypertrace.compiler.ident.IdentKind.SCALAR, Ident.INLINE,
        0, types.named("long"), null, 0);
    nul.setInlineExpr(new Node.IntLit(0, 0, types.intType()));
    idents.putGlobal(nul);
    String[] faults = {"DTRACEFLT_UNKNOWN", "DTRACEFLT_BADADDR", "DTRACEFLT_BADALIGN",
        "DTRACEFLT_ILLOP", "DTRACEFLT_DIVZERO", "DTRACEFLT_NOSCRATCH", "DTRACEFLT_KPRIV",
        "DTRACEFLT_UPRIV", "DTRACEFLT_TUPOFLOW", "DTRACEFLT_BADSTACK"};
    for (int i = 0; i < faults.length; i++) {
      constant(idents, types, faults[i], i);
    }
    constant(idents, types, "AF_INET", 2);
    constant(idents, types, "AF_INET6", 26);
    for (Map.Entry<String, Integer> c : LinuxConstants.VALUES.entrySet()) {
      constant(idents, types, c.getKey(), c.getValue());
    }
    Cooker cooker = new Cooker(pcb, types, idents);
    Pragmas pragmas = new Pragmas(pcb, options, types);
    pragmas.versionSink = idents::reduce;
    if (options.containsKey("version") && Options.parseVersion(options.get("version")) > 0) {
      idents.reduce(Options.parseVersion(options.get("version")));
    }
    List<String> margs = req.macroArgs() == null ? List.of() : req.macroArgs();
    ParserHooks hooks = new ParserHooks() {
      @Override
      public void defineInline(Ident inline, List<String> params, Node.Expr expr, int line)
          throws DCompileException {
        T t = cooker.cookInline(inline, params, expr);
        if (t instanceof T.Int i && org.hypertrace.compiler.decl.TypeRules.isInteger(
            inline.type())) {
          inline.setInlineExpr(new Node.IntLit(line, i.value(), i.type()));
        } else {
          inline.setInlineExpr(t);
        }
      }

      @Override
      public void defineTranslator(org.hypertrace.compiler.decl.DType dst,
          org.hypertrace.compiler.decl.DType src, String arg, List<XlMember> members, int line)
          throws DCompileException {
        cooker.defineTranslator(dst, src, arg, members, line);
      }

      @Override
      public void pragma(List<Token> items, int line) throws DCompileException {
        pragmas.process(items, line);
      }
    };
    if (DLibrary.needed(src)) {
      DLibrary.load(types, idents, hooks, req.hyperTrace());
    }
    boolean defArgs = options.containsKey("defaultargs");
    DParser parser = new DParser(src, pcb, types, idents, hooks, margs, macroVars(options),
        defArgs, fromFile);
    parser.lexer().setHyperTrace(req.hyperTrace());
    List<Node.Clause> clauses = parser.dProgram();
    if (parser.items() == 0 && !options.containsKey("empty")) {
      throw pcb.error(DErrorTag.D_EMPTY, parser.lexer().line(),
          "empty D program translation unit\n");
    }
    for (Map.Entry<String, Object[]> e : pragmas.deferred.entrySet()) {
      if (idents.lookup(IdentTable.Space.GLOBAL, e.getKey()) == null) {
        throw pcb.error(DErrorTag.D_PRAGMA_UNUSED, (Integer) e.getValue()[1],
            "unused #pragma %s\n", e.getValue()[0]);
      }
    }
    int argc = margs.size();
    if (argc > 1 && !options.containsKey("argref") && !parser.lexer().argUsed(argc - 1)) {
      throw pcb.error(DErrorTag.D_MACRO_UNUSED, 0, "extraneous argument '%s' ($%d is not "
          + "referenced)\n", margs.get(argc - 1), argc - 1);
    }
    List<AggregationDescription> aggs = new ArrayList<>();
    ClauseCompiler cc = new ClauseCompiler(pcb, types, options, aggs);
    List<Statement> stmts = new ArrayList<>();
    boolean zdefs = options.containsKey("zdefs");
    Sugar sugar = new Sugar(types.intType());
    List<Node.Clause> sugared = new ArrayList<>();
    List<Integer> origin = new ArrayList<>();
    for (int ci = 0; ci < clauses.size(); ci++) {
      for (Node.Clause sc : sugar.desugar(clauses.get(ci))) {
        sugared.add(sc);
        origin.add(ci);
      }
    }
    for (int si = 0; si < sugared.size(); si++) {
      Node.Clause c = sugared.get(si);
      int ci = origin.get(si);
      List<Node.Expr> acts = Sugar.flatten(c);
      for (Node.PDesc pd : c.pdescs()) {
        if (!zdefs && ProbeCatalog.matchesNothing(pd.desc())) {
          throw pcb.error(DErrorTag.D_PDESC_ZERO, pd.line(), "probe description %s does not "
              + "match any probes\n", ProbeCatalog.str(pd.desc()));
        }
        cooker.setContext(pd.desc());
        Cooker.Clause k = cooker.cookClause(c, acts);
        DifObject pred = k.pred() == null ? null : cc.cg(k.pred(), null);
        List<ActionDescription> ecb = new ArrayList<>();
        for (T t : k.acts()) {
          cc.statement(t, ecb);
        }
        stmts.add(new Statement(pd.desc(), pred, List.copyOf(ecb), ci));
      }
    }
    DProgram prog = new DProgram(List.copyOf(stmts), Map.copyOf(options), new byte[0]);
    return new CompileResult(prog, List.of());
  }

  /** An integer inline of libdtrace's D library (unistd.d, net.d), illumos values. */
  private static void constant(IdentTable idents, TypeTable types, String name, int value) {
    Ident f = new Ident(name, org.hypertrace.compiler.ident.IdentKind.SCALAR, Ident.INLINE, 0,
        types.intType(), null, 0);
    f.setInlineExpr(new Node.IntLit(0, value, types.intType()));
    idents.putGlobal(f);
  }

  /** @param options the -x options: "target" is the -c/-p process ($target) */
  private static Map<String, Long> macroVars(Map<String, String> options) {
    Map<String, Long> m = new HashMap<>();
    long pid = ProcessHandle.current().pid();
    m.put("pid", pid);
    m.put("ppid", ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L));
    m.put("pgid", pid);
    m.put("sid", pid);
    m.put("projid", 0L);
    m.put("taskid", 0L);
    long target = 0;
    try {
      target = Long.parseLong(options.getOrDefault("target", "0").trim());
    } catch (NumberFormatException e) {
      target = 0;
    }
    m.put("target", target);
    m.put("uid", 0L);
    m.put("gid", 0L);
    m.put("euid", 0L);
    m.put("egid", 0L);
    return m;
  }
}

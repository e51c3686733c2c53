package org.hypertrace.compiler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.compiler.decl.TypeTable;
import org.hypertrace.compiler.ident.IdentTable;
import org.hypertrace.compiler.lex.Pcb;
import org.hypertrace.compiler.parse.DParser;
import org.hypertrace.compiler.parse.ParserHooks;

/**
 * The D library compiled before a program: the role of libdtrace's {@code dt_load_libs}, which
 * reads /usr/lib/dtrace/*.d. HyperTrace ships one file, {@code lib/procfs.d} (psinfo_t,
 * lwpsinfo_t, their Linux translators, curpsinfo and curlwpsinfo), and loads it only for
 * programs that can refer to it, so that other programs compile as fast as before.
 */
final class DLibrary {
  private static final String PROCFS = "lib/procfs.d";
  private static String procfs;

  private DLibrary() {}

  /**
   * @param src a program's source
   * @return whether it may name something of the library (its types, inlines or members)
   */
  static boolean needed(String src) {
    return src.contains("psinfo") || src.contains("pr_") || src.contains("timestruc");
  }

  private static synchronized String procfs() {
    if (procfs == null) {
      try (InputStream in = DLibrary.class.getResourceAsStream(PROCFS)) {
        if (in == null) {
          throw new IllegalStateException("D library " + PROCFS + " missing from the bundle");
        }
        procfs = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return procfs;
  }

  /**
   * Declares the library's types, translators and inlines into a compilation.
   *
   * @param types      the compilation's types
   * @param idents     its identifiers
   * @param hooks      its parser hooks (inlines and translators are cooked as the program's)
   * @param hyperTrace whether the lexer accepts HyperTrace's extensions
   * @throws DCompileException never for the shipped library (a test compiles it)
   */
  static void load(TypeTable types, IdentTable idents, ParserHooks hooks, boolean hyperTrace)
      throws DCompileException {
    Pcb pcb = new Pcb(PROCFS, true);
    DParser parser = new DParser(procfs(), pcb, types, idents, hooks, List.of(), Map.of(),
        false, true);
    parser.lexer().setHyperTrace(hyperTrace);
    parser.dProgram();
  }
}

package org.hypertrace.api.compile;

import java.util.List;
import java.util.Map;

/**
 * What to compile and how: the inputs of {@code dtrace_program_strcompile} /
 * {@code dtrace_program_fcompile}.
 *
 * @param source      the D source text
 * @param fileName    the script's file name for messages, or null for {@code -n}/{@code -P}/...
 * @param context     {@code PROGRAM} for scripts, {@code PROBES} for a probe specifier alone
 *                    ({@code -n}, {@code -P}, {@code -m}, {@code -f}, {@code -i} clauses are whole
 *                    programs too: they go in as {@code PROGRAM})
 * @param macroArgs   macro arguments: index 0 is {@code $0} (the script name), then {@code $1} ...
 * @param options     {@code -x} options in force (name to value, "" for boolean)
 * @param cpp         run the C preprocessor ({@code -C})
 * @param cppArgs     preprocessor arguments in order: {@code -DNAME[=VAL]}, {@code -UNAME},
 *                    {@code -IDIR}, {@code -H}
 * @param hyperTrace  compile for HyperTrace ({@code -E}): member accesses of kernel types become
 *                    relocations
 */
public record CompileRequest(String source, String fileName, Context context,
    List<String> macroArgs, Map<String, String> options, boolean cpp, List<String> cppArgs,
    boolean hyperTrace) {

  /** What the source holds. */
  public enum Context {
    /** a whole D program. */
    PROGRAM,
    /** probe descriptions only (dtrace -l -n). */
    PROBES
  }
}

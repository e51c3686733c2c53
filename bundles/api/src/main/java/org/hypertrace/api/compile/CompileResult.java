package org.hypertrace.api.compile;

import java.util.List;
import org.hypertrace.api.program.DProgram;

/**
 * The result of a successful compilation.
 *
 * @param program  the program
 * @param warnings warnings in the order met, each as dtrace prints it after {@code dtrace: }
 */
public record CompileResult(DProgram program, List<String> warnings) {}

package org.hypertrace.api.program;

import java.util.List;
import java.util.Map;

/**
 * A compiled D program: port of {@code dtrace_prog_t}, the unit that DOF and HyperTrace's ELF
 * container carry and that engines run.
 *
 * @param statements statements in program order (ECB order: enabled probe ids follow it)
 * @param options    options set by {@code #pragma D option} or {@code -x}, name to value
 *                   (value "" for boolean options)
 * @param identity   128-byte program identity (HyperTrace), or an empty array for local programs
 */
public record DProgram(List<Statement> statements, Map<String, String> options, byte[] identity) {}

package org.hypertrace.api.dif;

import java.util.List;

/**
 * A DIF object: port of {@code dtrace_difo_t} (sys/dtrace.h). Immutable by contract: nobody writes
 * into the arrays after construction.
 *
 * @param text        the instructions, 32 bits each (op 31–24, r1 23–16, r2 15–8, rd 7–0)
 * @param intTab      the integer table ({@code setx})
 * @param strTab      the string table ({@code sets}, variable names): NUL-terminated strings
 * @param varTab      the variable table
 * @param returnType  the type of the value left in the return register
 * @param relocations HyperTrace relocations: instruction sites whose operand only a target knows
 */
public record DifObject(int[] text, long[] intTab, byte[] strTab, List<DifVariable> varTab,
    DifType returnType, List<DifRelocation> relocations) {}

package org.hypertrace.api.dif;

/**
 * One entry of a DIF object's variable table: port of {@code dtrace_difv_t} (sys/dtrace.h).
 *
 * @param name  variable name (the string table entry, resolved)
 * @param id    variable id ({@code DIF_VAR_*} for built-ins, from {@code DIF_VAR_OTHER_UBASE} for user)
 * @param kind  {@code DIFV_KIND_ARRAY} or {@code DIFV_KIND_SCALAR}
 * @param scope {@code DIFV_SCOPE_GLOBAL}, {@code DIFV_SCOPE_THREAD}, {@code DIFV_SCOPE_LOCAL}
 * @param flags {@code DIFV_F_REF}, {@code DIFV_F_MOD}
 * @param type  the variable's type
 */
public record DifVariable(String name, int id, int kind, int scope, int flags, DifType type) {}

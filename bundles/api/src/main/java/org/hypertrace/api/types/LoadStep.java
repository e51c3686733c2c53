package org.hypertrace.api.types;

/**
 * One load of a member path: read {@code size} bytes at (address + {@code offset}), where the
 * address is the base object's for the first step and the value the previous step loaded for the
 * next ones. This is how D's {@code ->} chain becomes successive loads.
 *
 * @param offset byte offset from the address the step starts from
 * @param size   number of bytes the step reads (8 for a pointer that the next step follows)
 */
public record LoadStep(long offset, long size) {}

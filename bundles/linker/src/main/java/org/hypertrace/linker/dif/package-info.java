/**
 * DIF decoding and encoding for the linker: a per-format
 * {@link org.hypertrace.linker.dif.DifVisitor}
 * (dt_dis.c's operand formats), its {@link org.hypertrace.linker.dif.DifReader} and
 * {@link org.hypertrace.linker.dif.DifWriter}.
 */
package org.hypertrace.linker.dif;

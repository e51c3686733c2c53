package org.hypertrace.api.dif;

/**
 * A relocation site in a DIF object (HyperTrace's {@code dt_prog_link}): the instruction at
 * {@code offset} uses an offset, size or type that only the target's type data can give.
 *
 * @param offset      index of the instruction in {@link DifObject#text()}
 * @param opcode      the relocation opcode ({@code DIF_OP_USETX}, {@code DIF_OP_ULOAD}, ...)
 * @param typeName    the C type the site refers to, as written in the source (e.g. "struct task_struct")
 * @param memberPath  the member path for offsets ("real_cred.uid.val"), empty for loads and casts
 */
public record DifRelocation(int offset, int opcode, String typeName, String memberPath) {}

/**
 * BTF reading: {@link org.hypertrace.guesttypes.btf.BtfReader} (raw BTF or a vmlinux's .BTF
 * section via {@link org.hypertrace.guesttypes.btf.ElfBtfReader}) gives a checked
 * {@link org.hypertrace.guesttypes.btf.Btf}; malformed input gives a
 * {@link org.hypertrace.guesttypes.btf.BtfFormatException} naming the field. HyperTrace reads CTF
 * ({@code dt_typefile}); Linux kernels describe themselves with BTF instead.
 */
package org.hypertrace.guesttypes.btf;

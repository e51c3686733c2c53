/**
 * The linker (HyperTrace's {@code dt_prog_link}): {@link org.hypertrace.linker.link.Linker} runs
 * each DIF object through reader → {@link org.hypertrace.linker.link.RelocatingVisitor} → writer,
 * rewriting usetx/uload/uuload/typecast sites against one target's types (forms in
 * {@link org.hypertrace.linker.link.SiteForms}); {@link org.hypertrace.linker.link.Verifier}
 * ({@code dt_prog_verify}) accepts a relocated program only if nothing else changed.
 */
package org.hypertrace.linker.link;

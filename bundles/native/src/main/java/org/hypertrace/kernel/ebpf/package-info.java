/**
 * The eBPF instruction set as a visitor API, after OW2 ASM: {@code Opcodes} (uapi names),
 * {@code BpfAssembler} (writer with labels), {@code BpfReader}, {@code BpfDisassembler} and
 * {@code BpfTextParser}, which round-trip through one text syntax; {@code BpfTemplateParser},
 * {@code BpfTemplateWriter} and {@code BpfTemplateReader} turn the kernel-modules/ sources into
 * the relocatable fragments ({@code BpfTemplate}: holes, splice points) the bundle carries.
 */
package org.hypertrace.kernel.ebpf;

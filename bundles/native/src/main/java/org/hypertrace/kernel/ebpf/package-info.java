/**
 * The eBPF instruction set as a visitor API, after OW2 ASM:
 * {@link org.hypertrace.kernel.ebpf.Opcodes} (uapi names), {@link org.hypertrace.kernel.ebpf.BpfAssembler} (writer with labels),
 * {@link org.hypertrace.kernel.ebpf.BpfReader}, {@link org.hypertrace.kernel.ebpf.BpfDisassembler}
 * and {@link org.hypertrace.kernel.ebpf.BpfTextParser}, which round-trip through one text syntax.
 */
package org.hypertrace.kernel.ebpf;

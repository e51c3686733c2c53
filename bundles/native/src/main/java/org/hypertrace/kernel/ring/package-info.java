/**
 * BPF ring buffer consumption: {@link org.hypertrace.kernel.ring.BpfRingBuffer} (mmap'd, no
 * allocation per record) and {@link org.hypertrace.kernel.ring.DropCounter} (per-CPU loss counts).
 */
package org.hypertrace.kernel.ring;

/**
 * HyperTrace native: Linux kernel probes through eBPF, driven from Java through JNA.
 *
 * <p>Pipeline: {@code tracefs} discovers tracepoints and their record formats; the fixed-shape
 * capture programs come from kernel-modules/ (assembled at build time by {@code ebpf}, linked at
 * load time with the map fds, offsets and generated parts they need); {@code sys} loads them
 * with bpf(2) and attaches them with perf_event_open(2); each firing lands in a BPF ring buffer
 * that {@code ring} drains; {@code prov} turns records into
 * {@link org.hypertrace.api.provider.ProbeContext} deliveries; {@code elf} and {@code sym}
 * resolve uprobe targets and stack frames.
 */
package org.hypertrace.kernel;

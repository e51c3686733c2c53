/**
 * JNA bindings of the system calls the providers need (bpf(2), perf_event_open(2), ioctl(2),
 * mmap(2), poll(2), close/mount): one interface per family, kernel-named structures, and facades
 * ({@link org.hypertrace.kernel.sys.Bpf}, {@link org.hypertrace.kernel.sys.PerfEvents}) where errno
 * becomes {@link org.hypertrace.kernel.sys.SyscallException}.
 */
package org.hypertrace.kernel.sys;

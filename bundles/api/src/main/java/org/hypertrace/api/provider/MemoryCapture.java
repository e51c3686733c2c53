package org.hypertrace.api.provider;

import java.util.List;
import org.hypertrace.api.types.LoadStep;

/**
 * Kernel memory that a probe's clauses read (D's {@code curthread->real_cred->uid.val},
 * {@code curthread->comm}) and that the provider must therefore copy at the firing: kernel memory
 * is not readable later, nor from a JVM. The engine derives captures from the program's DIF; a
 * provider copies each step with {@code bpf_probe_read_kernel} in the probe's eBPF program and
 * answers {@link ProbeContext#read} for exactly those addresses.
 *
 * <p>The first step reads at (root value + offset); each later step at (previous step's 8-byte
 * value + offset). Every step's bytes are captured, because the clause loads each of them. When
 * {@code string} is set the last step reads a NUL-terminated string of at most its size
 * ({@code bpf_probe_read_kernel_str}).
 *
 * @param root   {@link #ROOT_CURTHREAD}, or 0..9 for args[root]
 * @param steps  the loads, at least one
 * @param string whether the last step is a string
 */
public record MemoryCapture(int root, List<LoadStep> steps, boolean string) {
  /** Root meaning the firing thread's task address ({@code curthread}). */
  public static final int ROOT_CURTHREAD = -1;

  /** Copies {@code steps} so the record stays immutable. */
  public MemoryCapture {
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a memory capture needs at least one step");
    }
    if (root < ROOT_CURTHREAD || root > 9) {
      throw new IllegalArgumentException("memory capture root " + root);
    }
  }
}

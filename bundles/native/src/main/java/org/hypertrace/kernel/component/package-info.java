/**
 * Thin DS components that register the kernel providers as
 * {@link org.hypertrace.api.provider.ProbeProvider} services; the logic lives in
 * {@code org.hypertrace.kernel.prov} and runs without OSGi too (ServiceLoader). They are immediate:
 * a delayed component would be disposed when its last user ungets it, and its deactivate (the
 * inherited {@code KernelProvider.deactivate}) disarms every enabling it made.
 */
package org.hypertrace.kernel.component;

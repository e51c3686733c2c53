/**
 * Thin DS components that register the kernel providers as
 * {@link org.hypertrace.api.provider.ProbeProvider} services; the logic lives in
 * {@code org.hypertrace.kernel.prov} and runs without OSGi too (ServiceLoader).
 */
package org.hypertrace.kernel.component;

package org.hypertrace.kernel.component;

import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.kernel.prov.SyscallProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Registers the syscall provider as a {@link ProbeProvider} service; the logic is in
 * {@link SyscallProvider}.
 */
@Component(service = ProbeProvider.class, immediate = true, property = "provider.name=syscall")
public class SyscallProviderComponent extends SyscallProvider {}

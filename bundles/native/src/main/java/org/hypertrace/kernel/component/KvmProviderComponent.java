package org.hypertrace.kernel.component;

import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.kernel.prov.KvmProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Registers the kvm provider as a {@link ProbeProvider} service; the logic is in
 * {@link KvmProvider}.
 */
@Component(service = ProbeProvider.class, immediate = true, property = "provider.name=kvm")
public class KvmProviderComponent extends KvmProvider {}

package org.hypertrace.kernel.component;

import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.kernel.prov.ProcProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Registers the proc provider as a {@link ProbeProvider} service; the logic is in
 * {@link ProcProvider}.
 */
@Component(service = ProbeProvider.class, immediate = true, property = "provider.name=proc")
public class ProcProviderComponent extends ProcProvider {}

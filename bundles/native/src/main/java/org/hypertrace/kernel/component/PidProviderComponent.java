package org.hypertrace.kernel.component;

import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.kernel.prov.PidProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Registers the pid provider as a {@link ProbeProvider} service; the logic is in
 * {@link PidProvider}.
 */
@Component(service = ProbeProvider.class, immediate = true, property = "provider.name=pid")
public class PidProviderComponent extends PidProvider {}

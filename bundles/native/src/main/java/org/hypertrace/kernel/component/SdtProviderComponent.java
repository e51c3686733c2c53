package org.hypertrace.kernel.component;

import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.kernel.prov.SdtProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Registers the sdt provider as a {@link ProbeProvider} service; the logic is in
 * {@link SdtProvider}.
 */
@Component(service = ProbeProvider.class, immediate = true, property = "provider.name=sdt")
public class SdtProviderComponent extends SdtProvider {}

package org.hypertrace.kernel.component;

import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.kernel.prov.FbtProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Registers the fbt provider as a {@link ProbeProvider} service; the logic is in
 * {@link FbtProvider}.
 */
@Component(service = ProbeProvider.class, immediate = true, property = "provider.name=fbt")
public class FbtProviderComponent extends FbtProvider {}

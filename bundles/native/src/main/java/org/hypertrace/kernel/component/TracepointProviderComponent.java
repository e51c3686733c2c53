package org.hypertrace.kernel.component;

import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.kernel.prov.TracepointProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Registers the tracepoint provider as a {@link ProbeProvider} service; the logic is in
 * {@link TracepointProvider}.
 */
@Component(service = ProbeProvider.class, immediate = true, property = "provider.name=tracepoint")
public class TracepointProviderComponent extends TracepointProvider {}

package org.hypertrace.kernel.component;

import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.kernel.prov.SchedProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Registers the sched provider as a {@link ProbeProvider} service; the logic is in
 * {@link SchedProvider}.
 */
@Component(service = ProbeProvider.class, immediate = true, property = "provider.name=sched")
public class SchedProviderComponent extends SchedProvider {}

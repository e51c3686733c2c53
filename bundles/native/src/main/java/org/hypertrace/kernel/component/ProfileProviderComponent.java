package org.hypertrace.kernel.component;

import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.kernel.prov.ProfileProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Registers the profile provider as a {@link ProbeProvider} service; the logic is in
 * {@link ProfileProvider}.
 */
@Component(service = ProbeProvider.class, immediate = true, property = "provider.name=profile")
public class ProfileProviderComponent extends ProfileProvider {}

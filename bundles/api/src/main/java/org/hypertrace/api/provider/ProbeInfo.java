package org.hypertrace.api.provider;

import java.util.List;

/**
 * A probe a provider offers: port of {@code dtrace_probedesc_t} with its id and argument types.
 *
 * @param id       probe id, unique in the provider's engine
 * @param provider provider name
 * @param module   module
 * @param function function
 * @param name     name
 * @param argTypes native argument types, C spelling ("int", "char *"), index = argN
 */
public record ProbeInfo(int id, String provider, String module, String function, String name,
    List<String> argTypes) {}

package org.hypertrace.guesttypes.component;

import java.util.Optional;
import java.util.Set;
import org.hypertrace.api.types.TargetTypes;
import org.hypertrace.api.types.TypeRegistry;
import org.hypertrace.guesttypes.registry.BtfTypeRegistry;
import org.osgi.service.component.annotations.Component;

/**
 * Registers the type registry as an OSGi service; all logic lives in {@link BtfTypeRegistry}.
 * Immediate, because the registered guest types are state worth keeping while the bundle runs.
 */
@Component(service = TypeRegistry.class, immediate = true)
public class TypeRegistryComponent implements TypeRegistry {
  private final BtfTypeRegistry registry = new BtfTypeRegistry();

  @Override
  public TargetTypes host() {
    return registry.host();
  }

  @Override
  public Optional<TargetTypes> forDigest(String digest) {
    return registry.forDigest(digest);
  }

  @Override
  public TargetTypes register(byte[] data) {
    return registry.register(data);
  }

  @Override
  public Set<String> digests() {
    return registry.digests();
  }
}

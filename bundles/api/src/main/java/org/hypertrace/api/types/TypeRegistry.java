package org.hypertrace.api.types;

import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Type data of every known target: the host's own kernel and each guest kernel, the latter keyed
 * by BTF digest (a minion announces its digest and sends the data on first use). Thread-safe.
 */
@ProviderType
public interface TypeRegistry {
  /**
   * @return the host kernel's types ({@code /sys/kernel/btf/vmlinux}), read once
   * @throws TypeResolutionException if the host has no readable BTF
   */
  TargetTypes host();

  /**
   * @param digest a BTF digest (SHA-256, lowercase hex)
   * @return the target registered under it (the host's included), or empty
   */
  Optional<TargetTypes> forDigest(String digest);

  /**
   * Registers a target's type data; registering the same bytes twice returns the same target.
   *
   * @param data raw BTF bytes, or a vmlinux ELF image holding a {@code .BTF} section
   * @return the target, whose digest is the SHA-256 of the raw BTF bytes
   * @throws IllegalArgumentException if the data is not valid BTF; the message names the field
   */
  TargetTypes register(byte[] data);

  /** @return the digests of every target loaded so far */
  Set<String> digests();
}

package org.hypertrace.guesttypes.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.hypertrace.api.types.TargetTypes;
import org.hypertrace.api.types.TypeRegistry;
import org.hypertrace.api.types.TypeResolutionException;
import org.hypertrace.guesttypes.btf.Btf;
import org.hypertrace.guesttypes.btf.BtfFormatException;
import org.hypertrace.guesttypes.btf.BtfReader;

/**
 * The type registry per target: the host's types read once from its BTF, each guest's types keyed
 * by the SHA-256 of its raw BTF bytes (the digest a minion announces). Plain Java with a public
 * no-arg constructor, so the command line loads it with {@link java.util.ServiceLoader}; the DS
 * component only wraps it.
 */
public final class BtfTypeRegistry implements TypeRegistry {
  /** where Linux exposes the running kernel's BTF. */
  public static final Path HOST_BTF = Path.of("/sys/kernel/btf/vmlinux");

  /**
   * The host's types of every registry made with the no-arg constructor: read once per class
   * loader, since on a plain class path the compiler and the command line's linker each find
   * their own registry through {@link java.util.ServiceLoader}.
   */
  private static BtfTargetTypes sharedHost;

  private final Path hostBtf;
  private final boolean shared;
  private final Map<String, BtfTargetTypes> targets = new ConcurrentHashMap<>();
  private volatile BtfTargetTypes host;

  /** A registry whose host types come from {@link #HOST_BTF}, read once per class loader. */
  public BtfTypeRegistry() {
    this(HOST_BTF, true);
  }

  /** @param hostBtf raw BTF or a vmlinux ELF file standing for the host's kernel */
  public BtfTypeRegistry(Path hostBtf) {
    this(hostBtf, false);
  }

  private BtfTypeRegistry(Path hostBtf, boolean shared) {
    this.hostBtf = hostBtf;
    this.shared = shared;
  }

  @Override
  public TargetTypes host() {
    BtfTargetTypes h = host;
    if (h != null) {
      return h;
    }
    synchronized (this) {
      if (host == null) {
        host = shared ? readShared(hostBtf) : read(hostBtf);
      }
      return host;
    }
  }

  private static synchronized BtfTargetTypes readShared(Path file) {
    if (sharedHost == null) {
      sharedHost = read(file);
    }
    return sharedHost;
  }

  private static BtfTargetTypes read(Path file) {
    try {
      return new BtfTargetTypes(BtfReader.read(file));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new TypeResolutionException("", "", "host", "host BTF " + file
          + " unreadable: no such file (a kernel built with CONFIG_DEBUG_INFO_BTF has it)");
    } catch (java.nio.file.AccessDeniedException e) {
      throw new TypeResolutionException("", "", "host", "host BTF " + file
          + " unreadable: permission denied");
    } catch (IOException | BtfFormatException e) {
      throw new TypeResolutionException("", "", "host",
          "host BTF " + file + " unreadable: " + e.getMessage());
    }
  }

  @Override
  public Optional<TargetTypes> forDigest(String digest) {
    String d = digest.toLowerCase(java.util.Locale.ROOT);
    BtfTargetTypes h = host;
    if (h != null && h.digest().equals(d)) {
      return Optional.of(h);
    }
    return Optional.ofNullable(targets.get(d));
  }

  @Override
  public TargetTypes register(byte[] data) {
    try {
      return intern(BtfReader.read(data));
    } catch (BtfFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Registers the types of a raw BTF or vmlinux file (a guest kernel image on the host).
   *
   * @param file the file
   * @return the target
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException if it holds no valid BTF; the message names the field
   */
  public TargetTypes register(Path file) throws IOException {
    try {
      return intern(BtfReader.read(file));
    } catch (BtfFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  @Override
  public Set<String> digests() {
    Set<String> all = new TreeSet<>(targets.keySet());
    BtfTargetTypes h = host;
    if (h != null) {
      all.add(h.digest());
    }
    return all;
  }

  /** The host (its digest computed now) or the one target per digest. */
  private BtfTargetTypes intern(Btf btf) {
    String digest = sha256(btf.raw());
    BtfTargetTypes h = host;
    if (h != null && h.digest().equals(digest)) {
      return h;
    }
    return targets.computeIfAbsent(digest, d -> new BtfTargetTypes(btf, d));
  }

  /** @return SHA-256 of {@code data}, lowercase hex (the digest format of dtraced's NodeFacts) */
  public static String sha256(byte[] data) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(data);
      StringBuilder sb = new StringBuilder(64);
      for (byte b : h) {
        sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}

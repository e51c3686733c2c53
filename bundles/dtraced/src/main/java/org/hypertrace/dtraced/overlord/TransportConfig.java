package org.hypertrace.dtraced.overlord;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Transport settings of dtraced (PID {@code org.hypertrace.dtraced.transport}, file
 * {@code org.hypertrace.dtraced.transport.cfg} next to the daemon's): TLS keys, limits, queue
 * sizes, minion options. Shared by the overlord and minion components.
 */
@ObjectClassDefinition(name = "HyperTrace dtraced transport")
public @interface TransportConfig {
  /** The configuration PID. */
  String PID = "org.hypertrace.dtraced.transport";

  /** @return accept tcp: without TLS (loopback tests only) */
  @AttributeDefinition(description = "allow plain tcp: (no TLS); loopback tests only")
  boolean allow_plain() default false;

  /** @return PKCS12 key store with our key and certificate chain */
  @AttributeDefinition(description = "PKCS12 key store (our key + chain)")
  String tls_keystore() default "";

  /** @return its password */
  @AttributeDefinition(description = "key store password", type =
      org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
  String tls_keystore_password() default "";

  /** @return PEM certificate chain (instead of a key store) */
  @AttributeDefinition(description = "PEM certificate chain (instead of tls.keystore)")
  String tls_cert() default "";

  /** @return PEM PKCS#8 private key */
  @AttributeDefinition(description = "PEM PKCS#8 private key, unencrypted")
  String tls_key() default "";

  /** @return trusted CA certificates: PEM or PKCS12 */
  @AttributeDefinition(description = "trusted CAs: PEM file or PKCS12 store")
  String tls_truststore() default "";

  /** @return PKCS12 trust store password */
  @AttributeDefinition(description = "trust store password (PKCS12 only)", type =
      org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
  String tls_truststore_password() default "";

  /** @return largest frame payload in bytes */
  @AttributeDefinition(description = "largest frame payload, bytes (16 MiB)")
  int max_frame() default 16 << 20;

  /** @return frames queued per peer */
  @AttributeDefinition(description = "messages queued per peer; DATA beyond 3/4 is dropped")
  int queue_capacity() default 1024;

  /** @return program bytes per ELF chunk */
  @AttributeDefinition(description = "program bytes per chunk (virtio: 2048)")
  int chunk_size() default 64 * 1024;

  /** @return minion: what target globs are matched against */
  @AttributeDefinition(description = "minion: -x resolvers= (hostname,version)")
  String resolvers() default "hostname,version";

  /** @return minion: heartbeat period of the default runner, ms */
  @AttributeDefinition(description = "minion: DATA heartbeat period of the default runner, ms")
  long heartbeat_ms() default 1000;

  /** @return minion: longest reconnect backoff, ms */
  @AttributeDefinition(description = "minion: longest wait between reconnects, ms")
  long reconnect_max_ms() default 5000;

  /** @return keepalive period, ms: a peer silent for 3 periods is dropped */
  @AttributeDefinition(description = "keepalive period, ms (silent 3 periods = link cut)")
  long keepalive_ms() default 2000;

  /** @return overlord: QEMU chardev unix sockets of guests' virtio-serial ports, to dial */
  @AttributeDefinition(description = "overlord: unix sockets of guests' virtio-serial chardevs "
      + "(QEMU server mode), dialled and redialled")
  String[] guest_sockets() default {};

  /** @return overlord: publish programs that appear in base/ (dtrace -E), kill when removed */
  @AttributeDefinition(description = "overlord: distribute base/*.elf (from dtrace -E)")
  boolean watch_base() default true;
}

package org.hypertrace.transport.channel;

import org.hypertrace.transport.frame.FrameReader;
import org.hypertrace.transport.msg.Chunker;

/**
 * Channel settings, from Config Admin in the daemon. Keys: either {@code keyStore} (PKCS12) or
 * {@code certPem} + {@code keyPem} (PEM certificate chain and unencrypted PKCS#8 key); trust:
 * {@code trustStore}, a PEM file of CA certificates or a PKCS12 store.
 *
 * @param maxPayload         largest frame payload accepted (default 16 MiB)
 * @param allowPlain         accept {@code tcp:} (no TLS); for loopback tests only
 * @param keyStore           PKCS12 key store path, "" if PEM is used
 * @param keyStorePassword   its password
 * @param certPem            PEM certificate chain path, "" if PKCS12 is used
 * @param keyPem             PEM PKCS#8 private key path
 * @param trustStore         CA certificates: PEM file or PKCS12 store
 * @param trustStorePassword PKCS12 trust store password ("" for PEM)
 * @param chunkSize          program bytes per ELF chunk
 * @param queueCapacity      frames queued per peer before DATA is dropped
 */
public record TransportOptions(int maxPayload, boolean allowPlain, String keyStore,
    String keyStorePassword, String certPem, String keyPem, String trustStore,
    String trustStorePassword, int chunkSize, int queueCapacity) {

  /** @return defaults: 16 MiB frames, no plain TCP, no keys, 64 KiB chunks, 1024 frames */
  public static TransportOptions defaults() {
    return new TransportOptions(FrameReader.DEFAULT_MAX_PAYLOAD, false, "", "", "", "", "", "",
        Chunker.DEFAULT_CHUNK, 1024);
  }

  /** @param allow whether plain TCP is allowed @return a copy */
  public TransportOptions withAllowPlain(boolean allow) {
    return new TransportOptions(maxPayload, allow, keyStore, keyStorePassword, certPem, keyPem,
        trustStore, trustStorePassword, chunkSize, queueCapacity);
  }

  /**
   * @param store    PKCS12 key store
   * @param password its password
   * @param trust    CA certificates (PEM or PKCS12)
   * @param trustPw  trust store password
   * @return a copy using these keys
   */
  public TransportOptions withPkcs12(String store, String password, String trust,
      String trustPw) {
    return new TransportOptions(maxPayload, allowPlain, store, password, "", "", trust, trustPw,
        chunkSize, queueCapacity);
  }

  /** @param cert PEM chain @param key PEM key @param trust CA PEM @return a copy using these */
  public TransportOptions withPem(String cert, String key, String trust) {
    return new TransportOptions(maxPayload, allowPlain, "", "", cert, key, trust, "", chunkSize,
        queueCapacity);
  }

  /** @param capacity frames per peer queue @return a copy */
  public TransportOptions withQueueCapacity(int capacity) {
    return new TransportOptions(maxPayload, allowPlain, keyStore, keyStorePassword, certPem,
        keyPem, trustStore, trustStorePassword, chunkSize, capacity);
  }

  /** @param size program bytes per chunk @return a copy */
  public TransportOptions withChunkSize(int size) {
    return new TransportOptions(maxPayload, allowPlain, keyStore, keyStorePassword, certPem,
        keyPem, trustStore, trustStorePassword, size, queueCapacity);
  }
}

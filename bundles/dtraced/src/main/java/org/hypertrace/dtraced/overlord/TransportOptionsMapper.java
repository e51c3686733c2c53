package org.hypertrace.dtraced.overlord;

import org.hypertrace.transport.channel.TransportOptions;

/** Turns the Config Admin view of the transport settings into {@link TransportOptions}. */
public final class TransportOptionsMapper {
  private TransportOptionsMapper() {}

  /** @param c the configuration @return the options */
  public static TransportOptions options(TransportConfig c) {
    return new TransportOptions(c.max_frame(), c.allow_plain(), c.tls_keystore(),
        c.tls_keystore_password(), c.tls_cert(), c.tls_key(), c.tls_truststore(),
        c.tls_truststore_password(), c.chunk_size(), c.queue_capacity());
  }
}

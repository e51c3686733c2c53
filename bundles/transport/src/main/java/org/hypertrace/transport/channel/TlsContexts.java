package org.hypertrace.transport.channel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS context for mutual authentication from {@link TransportOptions}: our key and
 * certificate chain (PKCS12, or PEM certificate + PKCS#8 key) and the CA certificates we accept
 * peers from (PEM or PKCS12). Peers are authenticated by their chain to these CAs, both ways.
 */
public final class TlsContexts {
  private static final char[] NO_PASSWORD = new char[0];

  private TlsContexts() {}

  /**
   * @param o the options
   * @return a TLS context with our key and the trusted CAs
   * @throws IOException naming the file that could not be used
   */
  public static SSLContext create(TransportOptions o) throws IOException {
    if (o.trustStore().isEmpty() || (o.keyStore().isEmpty() && o.certPem().isEmpty())) {
      throw new IOException("tls needs a key (tls.keystore or tls.cert + tls.key) and "
          + "tls.truststore");
    }
    try {
      KeyStore keys;
      char[] pw;
      if (!o.keyStore().isEmpty()) {
        pw = o.keyStorePassword().toCharArray();
        keys = loadPkcs12(o.keyStore(), pw);
      } else {
        pw = NO_PASSWORD;
        keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        List<Certificate> chain = readCertificates(o.certPem());
        keys.setKeyEntry("key", readPrivateKey(o.keyPem()), pw,
            chain.toArray(new Certificate[0]));
      }
      KeyStore trust = isPem(o.trustStore()) ? pemTrust(o.trustStore())
          : loadPkcs12(o.trustStore(), o.trustStorePassword().toCharArray());
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(
          KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, pw);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(
          TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException("tls: " + e.getMessage(), e);
    }
  }

  private static boolean isPem(String path) throws IOException {
    byte[] head = new byte[11];
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      int n = in.readNBytes(head, 0, head.length);
      return new String(head, 0, n, StandardCharsets.US_ASCII).startsWith("-----BEGIN");
    }
  }

  private static KeyStore loadPkcs12(String path, char[] pw)
      throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      ks.load(in, pw);
    } catch (IOException e) {
      throw new IOException("cannot read key store " + path + ": " + e.getMessage(), e);
    }
    return ks;
  }

  private static KeyStore pemTrust(String path) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    int i = 0;
    for (Certificate c : readCertificates(path)) {
      ks.setCertificateEntry("ca" + i++, c);
    }
    if (i == 0) {
      throw new IOException("no certificate in " + path);
    }
    return ks;
  }

  private static List<Certificate> readCertificates(String path)
      throws IOException, GeneralSecurityException {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      return new ArrayList<>(cf.generateCertificates(in));
    }
  }

  private static PrivateKey readPrivateKey(String path)
      throws IOException, GeneralSecurityException {
    String pem = Files.readString(Path.of(path), StandardCharsets.US_ASCII);
    int b = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int e = pem.indexOf("-----END PRIVATE KEY-----");
    if (b < 0 || e < b) {
      throw new IOException(path + ": expected an unencrypted PKCS#8 'BEGIN PRIVATE KEY' block");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(b + 27, e));
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(spec);
      } catch (GeneralSecurityException ignored) {
        // try the next algorithm
      }
    }
    throw new IOException(path + ": unsupported private key algorithm");
  }
}

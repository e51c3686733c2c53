package org.hypertrace.transport.channel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test keys made at test time with keytool (no key is ever committed): a CA, a node certificate
 * signed by it (PKCS12 and PEM), and a self-signed rogue the CA never signed.
 */
public final class TestCerts {
  /** Store password of every store here. */
  public static final String PASSWORD = "changeit";
  /** The folder holding ca.pem, node.p12, node.pem, node.key, rogue.p12. */
  public final Path dir;

  private TestCerts(Path dir) {
    this.dir = dir;
  }

  /**
   * @param dir an empty folder
   * @return the generated certificates
   * @throws Exception when keytool fails
   */
  public static TestCerts generate(Path dir) throws Exception {
    String ca = dir.resolve("ca.p12").toString();
    String node = dir.resolve("node.p12").toString();
    keytool("-genkeypair", "-keystore", ca, "-alias", "ca", "-dname", "CN=test-ca",
        "-ext", "bc:c", "-keyalg", "EC", "-groupname", "secp256r1");
    keytool("-exportcert", "-keystore", ca, "-alias", "ca", "-rfc", "-file",
        dir.resolve("ca.pem").toString());
    keytool("-genkeypair", "-keystore", node, "-alias", "node", "-dname", "CN=node",
        "-keyalg", "EC", "-groupname", "secp256r1");
    keytool("-certreq", "-keystore", node, "-alias", "node", "-file",
        dir.resolve("node.csr").toString());
    keytool("-gencert", "-keystore", ca, "-alias", "ca", "-rfc", "-infile",
        dir.resolve("node.csr").toString(), "-outfile", dir.resolve("node.crt").toString());
    // the reply is the chain node + CA, so keytool needs no CA entry in the node store
    Files.writeString(dir.resolve("chain.pem"), Files.readString(dir.resolve("node.crt"))
        + Files.readString(dir.resolve("ca.pem")));
    keytool("-importcert", "-noprompt", "-keystore", node, "-alias", "node", "-file",
        dir.resolve("chain.pem").toString());
    keytool("-genkeypair", "-keystore", dir.resolve("rogue.p12").toString(), "-alias", "rogue",
        "-dname", "CN=rogue", "-keyalg", "EC", "-groupname", "secp256r1");
    writePem(dir, node);
    return new TestCerts(dir);
  }

  private static void writePem(Path dir, String node) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(Path.of(node))) {
      ks.load(in, PASSWORD.toCharArray());
    }
    Key key = ks.getKey("node", PASSWORD.toCharArray());
    Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    Files.writeString(dir.resolve("node.key"), "-----BEGIN PRIVATE KEY-----\n"
        + b64.encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    StringBuilder chain = new StringBuilder();
    for (Certificate c : ks.getCertificateChain("node")) {
      chain.append("-----BEGIN CERTIFICATE-----\n").append(b64.encodeToString(c.getEncoded()))
          .append("\n-----END CERTIFICATE-----\n");
    }
    Files.writeString(dir.resolve("node.pem"), chain);
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12", "-validity", "2"));
    if (args[0].equals("-exportcert") || args[0].equals("-certreq")
        || args[0].equals("-gencert") || args[0].equals("-importcert")) {
      cmd.remove(cmd.size() - 1);
      cmd.remove(cmd.size() - 1);
      if (args[0].equals("-gencert")) {
        cmd.addAll(List.of("-validity", "2"));
      }
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool " + String.join(" ", args) + ": " + out);
    }
  }

  /** @return options using node.p12 and trusting ca.pem */
  public TransportOptions pkcs12() {
    return TransportOptions.defaults().withPkcs12(dir.resolve("node.p12").toString(), PASSWORD,
        dir.resolve("ca.pem").toString(), "");
  }

  /** @return options using node.pem + node.key and trusting ca.pem */
  public TransportOptions pem() {
    return TransportOptions.defaults().withPem(dir.resolve("node.pem").toString(),
        dir.resolve("node.key").toString(), dir.resolve("ca.pem").toString());
  }

  /** @return options using the rogue's self-signed key, trusting ca.pem */
  public TransportOptions rogue() {
    return TransportOptions.defaults().withPkcs12(dir.resolve("rogue.p12").toString(), PASSWORD,
        dir.resolve("ca.pem").toString(), "");
  }
}

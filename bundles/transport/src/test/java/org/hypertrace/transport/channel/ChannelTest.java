package org.hypertrace.transport.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hypertrace.transport.frame.Frame;
import org.hypertrace.transport.frame.FrameKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every channel kind carries the same frames; TLS authenticates both ends; plain TCP is opt-in. */
class ChannelTest {
  @TempDir static Path certDir;
  @TempDir Path tmp;
  private static TestCerts certs;

  @BeforeAll
  static void makeCerts() throws Exception {
    certs = TestCerts.generate(certDir);
  }

  /** Connects to the listener, sends one frame each way, checks both and the byte counters. */
  private static void exchange(Listener l, TransportOptions clientOptions) throws Exception {
    CompletableFuture<Channel> accepted = CompletableFuture.supplyAsync(() -> {
      try {
        return l.accept();
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    try (Channel c = Connector.connect(l.endpoint(), clientOptions, Path.of("/"));
        Channel s = accepted.get(20, TimeUnit.SECONDS)) {
      byte[] big = new byte[200_000];
      big[199_999] = 7;
      c.send(new Frame(FrameKind.ELF, 1, 5, big));
      Frame f = s.receive();
      assertEquals(FrameKind.ELF, f.kind());
      assertArrayEquals(big, f.payload());
      s.send(new Frame(FrameKind.ACK, 0, 5, new byte[0]));
      assertEquals(FrameKind.ACK, c.receive().kind());
      assertEquals(200_020, c.bytesOut());
      assertEquals(200_020, s.bytesIn());
      c.close();
      assertNull(s.receive());
    }
  }

  @Test
  void testChannel_unixSocket() throws Exception {
    Path sock = tmp.resolve("t.sock");
    try (Listener l = Listener.open(Endpoint.parse("unix:" + sock), TransportOptions.defaults())) {
      exchange(l, TransportOptions.defaults());
    }
    assertTrue(Files.notExists(sock));
  }

  @Test
  void testChannel_plainTcpRefusedUnlessAllowed() throws Exception {
    IOException e = assertThrows(IOException.class,
        () -> Listener.open(Endpoint.parse("tcp:127.0.0.1:0"), TransportOptions.defaults()));
    assertTrue(e.getMessage().contains("refused"), e.getMessage());
    assertThrows(IOException.class, () -> Connector.connect(Endpoint.parse("tcp:127.0.0.1:1"),
        TransportOptions.defaults(), Path.of("/")));
    TransportOptions plain = TransportOptions.defaults().withAllowPlain(true);
    try (Listener l = Listener.open(Endpoint.parse("tcp:127.0.0.1:0"), plain)) {
      exchange(l, plain);
    }
  }

  @Test
  void testChannel_mutualTlsPkcs12AndPem() throws Exception {
    try (Listener l = Listener.open(Endpoint.parse("tls:127.0.0.1:0"), certs.pkcs12())) {
      exchange(l, certs.pem());
    }
  }

  @Test
  void testChannel_tlsRefusesClientOutsideTheCa() throws Exception {
    try (Listener l = Listener.open(Endpoint.parse("tls:127.0.0.1:0"), certs.pkcs12())) {
      CompletableFuture<Throwable> server = CompletableFuture.supplyAsync(() -> {
        try {
          l.accept().close();
          return null;
        } catch (IOException e) {
          return e;
        }
      });
      try {
        Channel c = Connector.connect(l.endpoint(), certs.rogue(), Path.of("/"));
        // TLS 1.3 may report the refusal only at the first read
        assertThrows(IOException.class, () -> {
          c.send(new Frame(FrameKind.INFO, 0, 1, new byte[0]));
          c.receive();
        });
        c.close();
      } catch (IOException expected) {
        // refused during the handshake
      }
      assertTrue(server.get(20, TimeUnit.SECONDS) instanceof Listener.HandshakeException);
    }
  }

  @Test
  void testListener_silentTlsPeerDoesNotHoldUpAccept() throws Exception {
    try (Listener l = Listener.open(Endpoint.parse("tls:127.0.0.1:0"), certs.pkcs12());
        java.net.Socket silent = new java.net.Socket("127.0.0.1", l.endpoint().port())) {
      Listener.Pending first = l.acceptLater();
      CompletableFuture<Channel> client = CompletableFuture.supplyAsync(() -> {
        try {
          return Connector.connect(l.endpoint(), certs.pem(), Path.of("/"));
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      });
      try (Channel second = l.acceptLater().open(); Channel c = client.get(20, TimeUnit.SECONDS)) {
        c.send(new Frame(FrameKind.INFO, 0, 9, new byte[0]));
        assertEquals(9, second.receive().messageId());
      }
      silent.close();
      assertThrows(Listener.HandshakeException.class, first::open);
    }
  }

  @Test
  void testVirtioPorts_foundByName() throws Exception {
    Path ports = tmp.resolve("sys/class/virtio-ports");
    Files.createDirectories(ports.resolve("vport0p1"));
    Files.createDirectories(ports.resolve("vport0p2"));
    Files.writeString(ports.resolve("vport0p1/name"), "org.qemu.guest_agent.0\n");
    Files.writeString(ports.resolve("vport0p2/name"), "org.hypertrace.0\n");
    assertEquals(tmp.resolve("dev/vport0p2"), VirtioPorts.find(tmp, "org.hypertrace.0"));
    IOException e = assertThrows(IOException.class, () -> VirtioPorts.find(tmp, "nope"));
    assertTrue(e.getMessage().contains("nope"));
  }

  @Test
  void testChannel_virtioPortAsFile() throws Exception {
    // a named pipe stands in for /dev/vport0p2: a character stream opened once for both
    // directions (a second open of a real port fails with EBUSY), reads return what was written
    Path ports = tmp.resolve("sys/class/virtio-ports/vport0p2");
    Files.createDirectories(ports);
    Files.writeString(ports.resolve("name"), "org.hypertrace.0\n");
    Files.createDirectories(tmp.resolve("dev"));
    Process mk = new ProcessBuilder("mkfifo", tmp.resolve("dev/vport0p2").toString()).start();
    assertEquals(0, mk.waitFor());
    try (Channel c = Connector.connect(Endpoint.parse("virtio:org.hypertrace.0"),
        TransportOptions.defaults(), tmp)) {
      c.send(new Frame(FrameKind.HELLO, 0, 3, new byte[] {1, 2}));
      Frame f = c.receive();
      assertEquals(FrameKind.HELLO, f.kind());
      assertEquals(3, f.messageId());
    }
  }

  @Test
  void testEndpoint_parse() {
    assertEquals(new Endpoint("unix", "/run/x.sock", 0), Endpoint.parse("unix:/run/x.sock"));
    assertEquals(new Endpoint("tls", "10.0.0.1", 7000), Endpoint.parse("tls:10.0.0.1:7000"));
    assertEquals(new Endpoint("tcp", "h", 1), Endpoint.parse("h:1"));
    assertEquals(new Endpoint("virtio", "org.hypertrace.0", 0),
        Endpoint.parse("virtio:org.hypertrace.0"));
    assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("tls:nohost"));
    assertEquals("tls:h:5", Endpoint.parse("tls:h:5").toString());
    assertEquals("unix:/a", Endpoint.parse("unix:/a").toString());
  }
}

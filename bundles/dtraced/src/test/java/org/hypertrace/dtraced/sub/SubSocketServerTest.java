package org.hypertrace.dtraced.sub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hypertrace.dtraced.sub.proto.SubClient;
import org.hypertrace.dtraced.sub.proto.SubHeader;
import org.hypertrace.dtraced.sub.proto.SubHello;
import org.hypertrace.dtraced.sub.proto.SubIdentity;
import org.hypertrace.dtraced.sub.proto.SubProtocol;
import org.hypertrace.dtraced.sub.proto.SubReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubSocketServerTest {
  @TempDir Path base;
  private SubSocketServer server;
  private Path sock;

  @BeforeEach
  void start() throws Exception {
    for (String s : new String[] {"base", "outbound", "inbound"}) {
      Files.createDirectories(base.resolve(s));
    }
    server = new SubSocketServer(base, "", new ProgramStore());
    sock = base.resolve(SubSocketServer.SOCKET);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private SubClient consumer() throws Exception {
    return SubClient.connect(sock, SubProtocol.CONSUMER,
        SubProtocol.SUB_READDATA | SubProtocol.SUB_ELFWRITE, SubIdentity.named("test-consumer"));
  }

  @Test
  void testElf_publishedToSpoolBeforeAck() throws Exception {
    byte[] id = SubIdentity.random();
    try (SubClient c = consumer()) {
      SubReply r = c.sendElf(id, "ELF-BYTES".getBytes(StandardCharsets.UTF_8),
          SubProtocol.LOC_BASE, 0);
      assertTrue(r.acked(), r.reason());
      Path f = base.resolve("base").resolve(SubIdentity.hex(id) + ".elf");
      assertEquals("ELF-BYTES", Files.readString(f));
      assertEquals(1, server.clients().get(0).programs().size());
      assertFalse(c.sendElf(id, new byte[] {1}, SubProtocol.LOC_BASE, 0).acked(),
          "identities are single-use");
    }
  }

  @Test
  void testElf_checksumMismatchNaked() throws Exception {
    try (SubClient c = consumer();
        SocketChannel raw = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      raw.connect(UnixDomainSocketAddress.of(sock));
      DataOutputStream out = new DataOutputStream(Channels.newOutputStream(raw));
      DataInputStream in = new DataInputStream(Channels.newInputStream(raw));
      new SubHello(SubProtocol.CONSUMER, 0, SubIdentity.named("raw")).write(out);
      assertTrue(SubReply.read(in).acked());
      new SubHeader(SubProtocol.ELF, 32 + 3, SubIdentity.random(), 0, 0).write(out);
      out.write(new byte[32]);
      out.write(new byte[] {1, 2, 3});
      out.flush();
      SubReply r = SubReply.read(in);
      assertFalse(r.acked());
      assertEquals("SHA-256 mismatch", r.reason());
    }
  }

  @Test
  void testHeader_hundredMegabytesRefusedBeforePayload() throws Exception {
    try (SocketChannel raw = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      raw.connect(UnixDomainSocketAddress.of(sock));
      DataOutputStream out = new DataOutputStream(Channels.newOutputStream(raw));
      DataInputStream in = new DataInputStream(Channels.newInputStream(raw));
      new SubHello(SubProtocol.CONSUMER, 0, SubIdentity.named("big")).write(out);
      assertTrue(SubReply.read(in).acked());
      new SubHeader(SubProtocol.ELF, 100L << 20, SubIdentity.random(), 0, 0).write(out);
      out.flush();
      SubReply r = SubReply.read(in);
      assertFalse(r.acked());
      assertEquals("message: length 104857600 exceeds the limit of 8388608 bytes", r.reason());
    }
    try (SubClient c = consumer()) {
      assertTrue(c.request(SubProtocol.INFO, new byte[128]).acked(), "daemon still serves");
    }
  }

  @Test
  void testHello_badMagicNaked() throws Exception {
    try (SocketChannel raw = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      raw.connect(UnixDomainSocketAddress.of(sock));
      DataOutputStream out = new DataOutputStream(Channels.newOutputStream(raw));
      out.write(new byte[SubProtocol.HELLO_SIZE]);
      out.flush();
      SubReply r = SubReply.read(new DataInputStream(Channels.newInputStream(raw)));
      assertEquals("hello: bad magic 0x00000000", r.reason());
    }
  }

  @Test
  void testConsumerGone_programsRemoved() throws Exception {
    byte[] id = SubIdentity.random();
    SubClient c = consumer();
    assertTrue(c.sendElf(id, new byte[] {7}, SubProtocol.LOC_BASE, 0).acked());
    Path f = base.resolve("base").resolve(SubIdentity.hex(id) + ".elf");
    assertTrue(Files.exists(f));
    c.close();
    long end = System.nanoTime() + 2_000_000_000L;
    while (Files.exists(f) && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertFalse(Files.exists(f), "spool entry gone within 2 s");
    assertTrue(server.store().active().isEmpty());
  }

  @Test
  void testDeliver_dataReachesBlockedReader() throws Exception {
    byte[] id = SubIdentity.random();
    try (SubClient c = consumer()) {
      server.store().addListener(new ProgramStore.Listener() {
        @Override
        public void added(ProgramStore.Program p) {
          new Thread(() -> {
            try {
              Thread.sleep(200);
            } catch (InterruptedException e) {
              return;
            }
            server.deliver(p.owner(), p.identity(), "late".getBytes(StandardCharsets.UTF_8));
          }).start();
        }

        @Override
        public void removed(ProgramStore.Program p) {}
      });
      assertTrue(c.sendElf(id, new byte[] {7}, SubProtocol.LOC_BASE, 0).acked());
      assertEquals("late", new String(c.readData(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void testKillByPrefixAndInfo() throws Exception {
    byte[] id = SubIdentity.random();
    try (SubClient c = consumer();
        SubClient ctl = SubClient.connect(sock, SubProtocol.DTRACED, SubProtocol.SUB_INFO,
            SubIdentity.named("dtracedctl"))) {
      assertTrue(c.sendElf(id, new byte[] {7}, SubProtocol.LOC_BASE, 0).acked());
      String info = new String(ctl.request(SubProtocol.INFO, new byte[128]).payload(),
          StandardCharsets.UTF_8);
      assertTrue(info.contains("CONSUMER"), info);
      assertTrue(info.contains("test-consumer"), info);
      String prefix = SubIdentity.hex(id).substring(0, 8);
      SubReply k = ctl.request(SubProtocol.KILL, new byte[128],
          prefix.getBytes(StandardCharsets.US_ASCII));
      assertTrue(k.acked(), k.reason());
      assertTrue(server.store().active().isEmpty());
      assertFalse(ctl.request(SubProtocol.KILL, new byte[128],
          prefix.getBytes(StandardCharsets.US_ASCII)).acked());
    }
  }
}

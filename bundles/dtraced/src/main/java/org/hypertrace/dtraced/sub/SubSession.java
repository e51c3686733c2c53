package org.hypertrace.dtraced.sub;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.hypertrace.dtraced.log.DaemonLog;
import org.hypertrace.dtraced.sub.proto.SubHeader;
import org.hypertrace.dtraced.sub.proto.SubHello;
import org.hypertrace.dtraced.sub.proto.SubIdentity;
import org.hypertrace.dtraced.sub.proto.SubProtocol;
import org.hypertrace.dtraced.sub.proto.SubProtocolException;
import org.hypertrace.dtraced.sub.proto.SubReply;
import org.hypertrace.transport.channel.CountingStreams;

/**
 * One client connection of sub.sock: its hello, then messages until it goes. A malformed message
 * gets a NAK and one log line; the connection closes because the stream cannot be resynchronised,
 * and the daemon lives on. When a consumer goes (even by kill -9: the socket reaches EOF at once),
 * its programs are removed.
 */
final class SubSession implements Runnable {
  private final int id;
  private final SubPeer peer;
  private final InputStream rawIn;
  private final OutputStream rawOut;
  private final ProgramStore store;
  private final IntFunction<Path> spool;
  private final Supplier<String> info;
  private final Runnable onClose;
  private final Instant connectedAt = Instant.now();
  final AtomicLong bytesIn = new AtomicLong();
  final AtomicLong bytesOut = new AtomicLong();
  private final AtomicLong drops = new AtomicLong();
  /** Output waiting for the sender thread; bounded so a stuck consumer costs no more memory. */
  private final BlockingQueue<byte[][]> outbox = new ArrayBlockingQueue<>(4096);
  private Thread sender;
  private volatile SubHello hello;
  private DataOutputStream out;

  SubSession(int id, SubPeer peer, InputStream in, OutputStream out, ProgramStore store,
      IntFunction<Path> spool, Supplier<String> info, Runnable onClose) {
    this.id = id;
    this.peer = peer;
    this.rawIn = in;
    this.rawOut = out;
    this.store = store;
    this.spool = spool;
    this.info = info;
    this.onClose = onClose;
  }

  int id() {
    return id;
  }

  SubPeer peer() {
    return peer;
  }

  SubHello hello() {
    return hello;
  }

  Instant connectedAt() {
    return connectedAt;
  }

  @Override
  public void run() {
    DataInputStream in = new DataInputStream(CountingStreams.in(rawIn, bytesIn));
    out = new DataOutputStream(new java.io.BufferedOutputStream(
        CountingStreams.out(rawOut, bytesOut)));
    try {
      try {
        hello = SubHello.read(in);
      } catch (SubProtocolException e) {
        refuse(e.getMessage());
        return;
      }
      reply(SubReply.ack());
      while (true) {
        SubHeader h;
        try {
          h = SubHeader.read(in, SubProtocol.MAX_PAYLOAD);
        } catch (SubProtocolException e) {
          refuse(e.getMessage());
          return;
        }
        handle(h, in);
      }
    } catch (EOFException e) {
      // the client went away
    } catch (IOException e) {
      DaemonLog.warn("sub.sock client " + id + ": " + e);
    } finally {
      if (hello != null && hello.kind() == SubProtocol.CONSUMER) {
        for (ProgramStore.Program p : store.killOwnedBy(id)) {
          DaemonLog.info("sub.sock client " + id + " gone: program " + p.id() + " removed");
        }
      }
      synchronized (this) {
        if (sender != null) {
          sender.interrupt();
        }
      }
      onClose.run();
    }
  }

  private void handle(SubHeader h, DataInputStream in) throws IOException {
    byte[] payload = in.readNBytes((int) h.length());
    if (payload.length != h.length()) {
      throw new EOFException();
    }
    switch (h.type()) {
      case SubProtocol.ELF:
        ProgramStore.Program published = null;
        SubReply r;
        try {
          published = elf(h, payload);
          r = SubReply.ack();
        } catch (IllegalArgumentException e) {
          r = SubReply.nak(e.getMessage());
        }
        reply(r);
        if (published != null) {
          store.start(published);
        }
        break;
      case SubProtocol.KILL:
        // the payload, when present, names the program by a hex prefix (dtracedctl kill ID)
        String which = payload.length > 0 ? new String(payload, StandardCharsets.US_ASCII).trim()
            : SubIdentity.hex(h.identity());
        ProgramStore.Program p = store.kill(which);
        reply(p != null ? SubReply.ack()
            : SubReply.nak("no active program " + which + " (or the prefix is ambiguous)"));
        break;
      case SubProtocol.CLEANUP:
        int n = store.cleanup().size();
        reply(new SubReply(true, "", (n + "\n").getBytes(StandardCharsets.UTF_8)));
        break;
      case SubProtocol.INFO:
        reply(new SubReply(true, "", info.get().getBytes(StandardCharsets.UTF_8)));
        break;
      default:
        reply(SubReply.nak("message type " + h.type() + " is not accepted from clients"));
    }
  }

  /** Checks and spools a program; throws IllegalArgumentException with the NAK reason. */
  private ProgramStore.Program elf(SubHeader h, byte[] payload) throws IOException {
    if (payload.length < 32) {
      DaemonLog.warn("sub.sock client " + id + ": ELF payload of " + payload.length
          + " bytes has no SHA-256");
      throw new IllegalArgumentException("ELF payload has no SHA-256");
    }
    byte[] sum = Arrays.copyOfRange(payload, 0, 32);
    byte[] elf = Arrays.copyOfRange(payload, 32, payload.length);
    if (!Arrays.equals(sum, sha256(elf))) {
      DaemonLog.warn("sub.sock client " + id + ": ELF " + SubIdentity.hex(h.identity())
          + ": SHA-256 mismatch");
      throw new IllegalArgumentException("SHA-256 mismatch");
    }
    try {
      return store.publish(spool.apply(h.location()), h.identity(), id, elf, h.vmid());
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  private void refuse(String why) throws IOException {
    DaemonLog.warn("sub.sock client " + id + " (" + peer.user() + "): " + why);
    reply(SubReply.nak(why));
  }

  private synchronized void reply(SubReply r) throws IOException {
    r.write(out);
  }

  /**
   * Queues program output for a READDATA client. The session's own sender thread writes it: a
   * write from an engine thread that gets interrupted (as the engine's threads are when a trace
   * ends) would close the channel, and a slow consumer must not stall the engine.
   *
   * @param identity the program
   * @param data     the bytes
   * @return false when the queue stayed full for a second (the record is counted as dropped)
   */
  boolean deliver(byte[] identity, byte[] data) {
    startSender();
    try {
      if (outbox.offer(new byte[][] {identity, data}, 1, TimeUnit.SECONDS)) {
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    drops.incrementAndGet();
    return false;
  }

  private synchronized void startSender() {
    if (sender == null) {
      sender = new Thread(this::sendLoop, "dtraced-sub-send-" + id);
      sender.setDaemon(true);
      sender.start();
    }
  }

  private void sendLoop() {
    try {
      while (true) {
        byte[][] m = outbox.take();
        synchronized (this) {
          new SubHeader(SubProtocol.DATA, m[1].length, m[0], SubProtocol.LOC_BASE, 0)
              .write(out);
          out.write(m[1]);
          if (outbox.isEmpty()) {
            out.flush();
          }
        }
      }
    } catch (InterruptedException | IOException e) {
      // the session is closing or the client went away
      return;
    }
  }

  long drops() {
    return drops.get();
  }

  List<String> subscriptions() {
    SubHello h = hello;
    return h == null ? List.of() : SubProtocol.subscriptionNames(h.subscriptions());
  }

  static byte[] sha256(byte[] b) {
    return org.hypertrace.dtraced.sub.proto.SubClient.sha256(b);
  }
}

package org.hypertrace.dtraced.overlord;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hypertrace.dtraced.log.DaemonLog;
import org.hypertrace.transport.channel.Channel;
import org.hypertrace.transport.channel.SendQueue;
import org.hypertrace.transport.frame.Frame;
import org.hypertrace.transport.frame.FrameFormatException;
import org.hypertrace.transport.frame.FrameKind;
import org.hypertrace.transport.msg.Message;
import org.hypertrace.transport.msg.MessageReader;
import org.hypertrace.transport.msg.MessageWriter;

/**
 * One minion connection on the overlord: the HELLO handshake, then ACK/NAK of programs and DATA
 * going up. Programs sent and not yet acknowledged are remembered by message id; a NAK re-sends
 * (a few times), a lost connection leaves them to the re-send at the next HELLO. On a guest's
 * port (resync) the session asks for HELLO and seeks it past the rest of a cut frame, and a HELLO
 * later on the same connection is the guest's minion starting over: it is attached again.
 */
final class MinionSession implements Runnable {
  private static final int MAX_RETRIES = 3;
  /** Largest HELLO payload sought on a guest port: names, a digest and the held identities. */
  private static final int HELLO_MAX = 1 << 20;

  final Channel channel;
  final SendQueue queue;
  private final OverlordCore core;
  private final boolean resync;
  private volatile NodeRecord node;
  /** message id of an ELF sent -> its identity. */
  private final Map<Long, String> unacked = new ConcurrentHashMap<>();
  private final Map<String, Integer> retries = new ConcurrentHashMap<>();
  /** System.nanoTime() of the last frame received. */
  volatile long lastReceived = System.nanoTime();

  MinionSession(OverlordCore core, Channel channel, int queueCapacity, boolean resync) {
    this.core = core;
    this.channel = channel;
    this.resync = resync;
    this.queue = new SendQueue(channel, queueCapacity, e -> close());
  }

  @Override
  public void run() {
    try {
      Message.Hello hello = resync ? seekHello() : firstHello();
      if (hello == null) {
        return;
      }
      lastReceived = System.nanoTime();
      node = core.attach(this, hello);
      for (Frame f; (f = channel.receive()) != null; ) {
        touch();
        dispatch(MessageReader.read(f));
      }
    } catch (IOException e) {
      if (!channel.isClosed()) {
        DaemonLog.warn("minion " + name() + " (" + channel.peer() + "): " + e.getMessage());
      }
    } finally {
      close();
      core.detach(this, node);
    }
  }

  private Message.Hello firstHello() throws IOException {
    Frame first = channel.receive();
    if (first == null) {
      return null;
    }
    if (first.kind() != FrameKind.HELLO) {
      DaemonLog.warn("minion " + channel.peer() + ": expected HELLO, got " + first.kind());
      return null;
    }
    return (Message.Hello) MessageReader.read(first);
  }

  /** Asks for HELLO, then skips to the first one that decodes; null at the end of the stream. */
  private Message.Hello seekHello() throws IOException {
    sendControl(new Message.Info(Keepalive.HELLO));
    for (Frame f; (f = channel.seek(FrameKind.HELLO, HELLO_MAX)) != null; ) {
      try {
        return (Message.Hello) MessageReader.read(f);
      } catch (FrameFormatException e) {
        // bytes of a cut frame that looked like a header: seek on
      }
    }
    return null;
  }

  private void touch() {
    lastReceived = System.nanoTime();
    NodeRecord n = node;
    synchronized (n) {
      n.lastSeen = Instant.now();
    }
  }

  private void dispatch(Message m) {
    if (m instanceof Message.Data d) {
      core.data(node, d);
    } else if (m instanceof Message.Hello h) {
      // the minion started over on this connection (a guest that rebooted): attach it again
      if (!h.name().equals(node.name)) {
        core.detach(this, node);
      }
      node = core.attach(this, h);
    } else if (m instanceof Message.Ack a) {
      String id = unacked.remove(a.messageId());
      if (id != null) {
        retries.remove(id);
        core.acknowledged(node, id, true);
      } else if (!a.identity().isEmpty()) {
        // KILL/CLEANUP acknowledged: the minion no longer holds it
        core.acknowledged(node, a.identity(), false);
      }
    } else if (m instanceof Message.Nak n) {
      String id = unacked.remove(n.messageId());
      DaemonLog.warn("minion " + name() + " refused " + n.identity() + ": " + n.reason());
      if (id != null && retries.merge(id, 1, Integer::sum) <= MAX_RETRIES) {
        core.resend(this, id);
      }
    } else if (m instanceof Message.Info i) {
      if (i.text().equals(Keepalive.PING)) {
        sendControl(new Message.Info(Keepalive.PONG));
      } else {
        DaemonLog.info("minion " + name() + ": " + i.text());
      }
    }
  }

  /**
   * @param elf         a program to send
   * @param chunkSize   program bytes per frame
   * @param redelivered whether the node held it before (flagged {@link Frame#FLAG_REDELIVERED})
   * @return false when the queue is full (peer dropped)
   */
  boolean sendProgram(Message.Elf elf, int chunkSize, boolean redelivered) {
    long id = core.nextMessageId();
    java.util.List<Frame> frames = MessageWriter.frames(elf, id, chunkSize);
    if (redelivered) {
      frames = frames.stream().map(f -> new Frame(f.kind(), f.flags() | Frame.FLAG_REDELIVERED,
          f.messageId(), f.payload())).toList();
    }
    return sendProgram(elf.identity(), frames, id);
  }

  /**
   * Sends a program already in frames (encoded once for every minion).
   *
   * @param identity  the program
   * @param frames    its frames
   * @param messageId their message id
   * @return false when the queue is full (peer dropped)
   */
  boolean sendProgram(String identity, java.util.List<Frame> frames, long messageId) {
    unacked.put(messageId, identity);
    if (!queue.offer(frames)) {
      unacked.remove(messageId);
      DaemonLog.warn("minion " + name() + ": send queue full, dropping the connection");
      close();
      return false;
    }
    return true;
  }

  /** @param m KILL, CLEANUP or NODE_ID @return false when the queue is full (peer dropped) */
  boolean sendControl(Message m) {
    if (!queue.offer(java.util.List.of(MessageWriter.frame(m, core.nextMessageId())))) {
      close();
      return false;
    }
    return true;
  }

  /** @return the node this session serves, null before HELLO */
  NodeRecord node() {
    return node;
  }

  String name() {
    NodeRecord n = node;
    return n == null ? channel.peer() : n.name;
  }

  void close() {
    queue.close();
    channel.close();
  }
}

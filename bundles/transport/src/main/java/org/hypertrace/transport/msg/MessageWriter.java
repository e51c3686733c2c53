package org.hypertrace.transport.msg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hypertrace.transport.frame.Frame;

/**
 * Encodes messages into frame payloads (the writer half of {@link MessageReader}). Field layouts,
 * big-endian, strings as u16 length + UTF-8, byte blocks as u32 length + bytes:
 * <ul>
 *   <li>HELLO: node id u64, name, hostname, OS name, OS version, BTF digest, active identities
 *       (u16 count + strings);</li>
 *   <li>NODE_ID: node id u64, name;</li>
 *   <li>ELF (one chunk): identity, targets, SHA-256 (32 bytes), total u32, offset u32, bytes;</li>
 *   <li>KILL, CLEANUP: identity; INFO: text;</li>
 *   <li>DATA: identity, sequence u64, drops u64, bytes;</li>
 *   <li>ACK: message id u64, identity; NAK: message id u64, identity, reason.</li>
 * </ul>
 */
public final class MessageWriter {
  private MessageWriter() {}

  /**
   * Encodes one message into one frame. A whole {@link Message.Elf} does not fit this call: use
   * {@link #frames}.
   *
   * @param m         the message
   * @param messageId the frame's message id
   * @return the frame
   */
  public static Frame frame(Message m, long messageId) {
    return new Frame(m.kind(), 0, messageId, payload(m));
  }

  /**
   * Encodes a message into frames: a program becomes chunks of at most {@code chunkSize}
   * program bytes each, all with the same message id, every one but the last flagged
   * {@link Frame#FLAG_MORE}; any other message is one frame.
   *
   * @param m         the message
   * @param messageId the message id
   * @param chunkSize program bytes per chunk, &gt; 0
   * @return the frames, in order
   */
  public static List<Frame> frames(Message m, long messageId, int chunkSize) {
    if (!(m instanceof Message.Elf elf)) {
      return List.of(frame(m, messageId));
    }
    List<Message.ElfChunk> chunks = Chunker.split(elf, chunkSize);
    List<Frame> out = new ArrayList<>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      int flags = i + 1 < chunks.size() ? Frame.FLAG_MORE : 0;
      out.add(new Frame(m.kind(), flags, messageId, payload(chunks.get(i))));
    }
    return out;
  }

  /**
   * @param m any message but a whole {@link Message.Elf}
   * @return its payload
   */
  public static byte[] payload(Message m) {
    checkIdentity(m);
    if (m instanceof Message.Hello h) {
      return new PayloadOutput(64).u64(h.nodeId()).str(h.name()).str(h.hostname())
          .str(h.osName()).str(h.osVersion()).str(h.btfDigest()).strs(h.active()).toByteArray();
    } else if (m instanceof Message.NodeId n) {
      return new PayloadOutput(16).u64(n.nodeId()).str(n.name()).toByteArray();
    } else if (m instanceof Message.ElfChunk c) {
      if (c.sha256().length != 32) {
        throw new IllegalArgumentException("sha256 must be 32 bytes");
      }
      return new PayloadOutput(c.bytes().length + 96).str(c.identity()).strs(c.targets())
          .raw(c.sha256(), 0, 32).u32(c.total()).u32(c.offset())
          .bytes(c.bytes(), 0, c.bytes().length).toByteArray();
    } else if (m instanceof Message.Kill k) {
      return new PayloadOutput(16).str(k.identity()).toByteArray();
    } else if (m instanceof Message.Cleanup c) {
      return new PayloadOutput(16).str(c.identity()).toByteArray();
    } else if (m instanceof Message.Info i) {
      return new PayloadOutput(16).str(i.text()).toByteArray();
    } else if (m instanceof Message.Data d) {
      return new PayloadOutput(d.bytes().length + 48).str(d.identity()).u64(d.sequence())
          .u64(d.drops()).bytes(d.bytes(), 0, d.bytes().length).toByteArray();
    } else if (m instanceof Message.Ack a) {
      return new PayloadOutput(16).u64(a.messageId()).str(a.identity()).toByteArray();
    } else if (m instanceof Message.Nak n) {
      return new PayloadOutput(32).u64(n.messageId()).str(n.identity()).str(n.reason())
          .toByteArray();
    }
    throw new IllegalArgumentException("a whole program goes through frames(), not payload()");
  }

  private static void checkIdentity(Message m) {
    String id = m instanceof Message.ElfChunk c ? c.identity()
        : m instanceof Message.Kill k ? k.identity()
        : m instanceof Message.Cleanup c ? c.identity()
        : m instanceof Message.Data d ? d.identity() : "";
    if (id.getBytes(StandardCharsets.UTF_8).length > Message.IDENTITY_MAX) {
      throw new IllegalArgumentException("identity longer than " + Message.IDENTITY_MAX
          + " bytes");
    }
  }
}

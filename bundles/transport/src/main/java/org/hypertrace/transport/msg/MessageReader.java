package org.hypertrace.transport.msg;

import java.nio.charset.StandardCharsets;
import org.hypertrace.transport.frame.Frame;
import org.hypertrace.transport.frame.FrameFormatException;

/**
 * Decodes frame payloads written by {@link MessageWriter}. An ELF frame decodes to one
 * {@link Message.ElfChunk}; a {@link Reassembler} makes programs of them. Every length is checked
 * against the payload; a bad field raises a {@link FrameFormatException} naming it.
 */
public final class MessageReader {
  private MessageReader() {}

  /**
   * @param f a frame
   * @return its message
   * @throws FrameFormatException naming the field that does not decode
   */
  public static Message read(Frame f) throws FrameFormatException {
    PayloadInput in = new PayloadInput(f.payload());
    Message m;
    switch (f.kind()) {
      case HELLO:
        m = new Message.Hello(in.u64("hello.nodeId"), in.str("hello.name"),
            in.str("hello.hostname"), in.str("hello.osName"), in.str("hello.osVersion"),
            in.str("hello.btfDigest"), in.strs("hello.active"));
        break;
      case NODE_ID:
        m = new Message.NodeId(in.u64("nodeId.id"), in.str("nodeId.name"));
        break;
      case ELF:
        m = readChunk(in);
        break;
      case KILL:
        m = new Message.Kill(identity(in, "kill.identity"));
        break;
      case CLEANUP:
        m = new Message.Cleanup(identity(in, "cleanup.identity"));
        break;
      case INFO:
        m = new Message.Info(in.str("info.text"));
        break;
      case DATA:
        m = new Message.Data(identity(in, "data.identity"), in.u64("data.sequence"),
            in.u64("data.drops"), in.bytes("data.bytes"));
        break;
      case ACK:
        m = new Message.Ack(in.u64("ack.messageId"), in.str("ack.identity"));
        break;
      case NAK:
        m = new Message.Nak(in.u64("nak.messageId"), in.str("nak.identity"),
            in.str("nak.reason"));
        break;
      default:
        throw new FrameFormatException("kind", "no message for " + f.kind());
    }
    in.end(f.kind().name());
    return m;
  }

  private static Message.ElfChunk readChunk(PayloadInput in) throws FrameFormatException {
    String id = identity(in, "elf.identity");
    var targets = in.strs("elf.targets");
    byte[] sha = in.raw("elf.sha256", 32);
    int total = in.u32("elf.total");
    int offset = in.u32("elf.offset");
    byte[] bytes = in.bytes("elf.bytes");
    if (total < 0 || offset < 0 || (long) offset + bytes.length > total) {
      throw new FrameFormatException("elf.offset", "chunk " + offset + "+" + bytes.length
          + " runs past total " + total);
    }
    return new Message.ElfChunk(id, targets, sha, total, offset, bytes);
  }

  private static String identity(PayloadInput in, String field) throws FrameFormatException {
    String id = in.str(field);
    if (id.isEmpty() || id.getBytes(StandardCharsets.UTF_8).length > Message.IDENTITY_MAX) {
      throw new FrameFormatException(field, "identity must be 1.." + Message.IDENTITY_MAX
          + " bytes");
    }
    return id;
  }
}

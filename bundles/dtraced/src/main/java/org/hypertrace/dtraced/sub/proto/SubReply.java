package org.hypertrace.dtraced.sub.proto;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The daemon's answer to a hello or a message.
 *
 * @param acked   true for ACK, false for NAK
 * @param reason  why a NAK (one line), "" for ACK
 * @param payload INFO rows or other data, empty otherwise
 */
public record SubReply(boolean acked, String reason, byte[] payload) {
  /** Largest reply payload a client accepts. */
  public static final int MAX_PAYLOAD = 16 << 20;

  /** @return an ACK without payload */
  public static SubReply ack() {
    return new SubReply(true, "", new byte[0]);
  }

  /** @param reason the one-line reason @return a NAK */
  public static SubReply nak(String reason) {
    return new SubReply(false, reason, new byte[0]);
  }

  /**
   * @param out the stream
   * @throws IOException when writing fails
   */
  public void write(DataOutputStream out) throws IOException {
    byte[] r = reason.getBytes(StandardCharsets.UTF_8);
    int rl = Math.min(r.length, 0xffff);
    out.writeByte(acked ? 1 : 0);
    out.writeByte(0);
    out.writeShort(rl);
    out.write(r, 0, rl);
    out.writeInt(payload.length);
    out.write(payload);
    out.flush();
  }

  /**
   * @param in the stream
   * @return the reply
   * @throws IOException when the stream fails, ends, or announces too much
   */
  public static SubReply read(DataInputStream in) throws IOException {
    int status = in.readUnsignedByte();
    in.readUnsignedByte();
    byte[] r = in.readNBytes(in.readUnsignedShort());
    int len = in.readInt();
    if (len < 0 || len > MAX_PAYLOAD) {
      throw new IOException("reply: payload length " + len + " out of range");
    }
    byte[] p = in.readNBytes(len);
    if (p.length != len) {
      throw new IOException("reply: truncated payload");
    }
    return new SubReply(status == 1, new String(r, StandardCharsets.UTF_8), p);
  }
}

package org.hypertrace.dtraced.sub.proto;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A client's hello: kind, subscriptions and identity.
 *
 * @param kind          {@link SubProtocol#CONSUMER}, {@link SubProtocol#FORWARDER} or
 *                      {@link SubProtocol#DTRACED}
 * @param subscriptions {@code SUB_*} bits
 * @param identity      128 bytes
 */
public record SubHello(int kind, long subscriptions, byte[] identity) {

  /**
   * @param out the stream
   * @throws IOException when writing fails
   */
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(SubProtocol.HELLO_MAGIC);
    out.writeByte(SubProtocol.VERSION);
    out.writeByte(kind);
    out.writeShort(0);
    out.writeLong(subscriptions);
    out.write(SubIdentity.fit(identity));
    out.flush();
  }

  /**
   * @param in the stream
   * @return the hello
   * @throws IOException when reading fails or the stream ends
   * @throws SubProtocolException when a field is invalid
   */
  public static SubHello read(DataInputStream in) throws IOException, SubProtocolException {
    int magic = in.readInt();
    if (magic != SubProtocol.HELLO_MAGIC) {
      throw new SubProtocolException(String.format("hello: bad magic 0x%08x", magic));
    }
    int version = in.readUnsignedByte();
    if (version != SubProtocol.VERSION) {
      throw new SubProtocolException("hello: unsupported version " + version);
    }
    int kind = in.readUnsignedByte();
    if (kind < SubProtocol.CONSUMER || kind > SubProtocol.DTRACED) {
      throw new SubProtocolException("hello: bad client kind " + kind);
    }
    in.readShort();
    long subs = in.readLong();
    if ((subs & ~31L) != 0) {
      throw new SubProtocolException("hello: unknown subscription bits 0x"
          + Long.toHexString(subs & ~31L));
    }
    byte[] id = in.readNBytes(SubProtocol.IDENTITY_SIZE);
    if (id.length != SubProtocol.IDENTITY_SIZE) {
      throw new IOException("hello: truncated identity");
    }
    return new SubHello(kind, subs, id);
  }
}

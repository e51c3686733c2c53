package org.hypertrace.dtraced.sub.proto;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A message header (port of HyperTrace's dtraced fixed header).
 *
 * @param type     {@code ELF}, {@code KILL}, {@code CLEANUP}, {@code INFO} or {@code DATA}
 * @param length   payload length
 * @param identity the program identity, 128 bytes
 * @param location spool location ({@code LOC_*})
 * @param vmid     VM filter, 0 for all
 */
public record SubHeader(int type, long length, byte[] identity, int location, int vmid) {

  /**
   * @param out the stream
   * @throws IOException when writing fails
   */
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(SubProtocol.MSG_MAGIC);
    out.writeInt(type);
    out.writeLong(length);
    out.write(SubIdentity.fit(identity));
    out.writeInt(location);
    out.writeShort(vmid);
    out.writeShort(0);
  }

  /**
   * Reads and checks a header; a payload over the limit is refused before it is read.
   *
   * @param in         the stream
   * @param maxPayload the largest payload accepted
   * @return the header
   * @throws IOException when the stream fails or ends
   * @throws SubProtocolException naming the bad field
   */
  public static SubHeader read(DataInputStream in, long maxPayload)
      throws IOException, SubProtocolException {
    int magic = in.readInt();
    if (magic != SubProtocol.MSG_MAGIC) {
      throw new SubProtocolException(String.format("message: bad magic 0x%08x", magic));
    }
    int type = in.readInt();
    long length = in.readLong();
    byte[] id = in.readNBytes(SubProtocol.IDENTITY_SIZE);
    if (id.length != SubProtocol.IDENTITY_SIZE) {
      throw new IOException("message: truncated identity");
    }
    int location = in.readInt();
    int vmid = in.readUnsignedShort();
    in.readShort();
    if (type != SubProtocol.ELF && type != SubProtocol.KILL && type != SubProtocol.CLEANUP
        && type != SubProtocol.INFO && type != SubProtocol.DATA) {
      throw new SubProtocolException("message: bad type " + type);
    }
    if (length < 0 || length > maxPayload) {
      throw new SubProtocolException("message: length " + Long.toUnsignedString(length)
          + " exceeds the limit of " + maxPayload + " bytes");
    }
    if (location < SubProtocol.LOC_BASE || location > SubProtocol.LOC_INBOUND) {
      throw new SubProtocolException("message: bad spool location " + location);
    }
    return new SubHeader(type, length, id, location, vmid);
  }
}

package org.hypertrace.dtraced.sub.proto;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.hypertrace.transport.channel.SocketChannelStreams;

/**
 * A client of sub.sock: dtrace(1) -E sends programs with it, dtracedctl asks for INFO, KILL and
 * CLEANUP. Not thread-safe: one request at a time.
 */
public final class SubClient implements AutoCloseable {
  private final SocketChannel channel;
  private final DataInputStream in;
  private final DataOutputStream out;

  private SubClient(SocketChannel channel) {
    this.channel = channel;
    this.in = new DataInputStream(SocketChannelStreams.in(channel));
    this.out = new DataOutputStream(new java.io.BufferedOutputStream(
        SocketChannelStreams.out(channel)));
  }

  /**
   * Connects and says hello.
   *
   * @param socket        the daemon's sub.sock
   * @param kind          the client kind
   * @param subscriptions {@code SUB_*} bits
   * @param identity      the client identity
   * @return the client
   * @throws IOException when the daemon cannot be reached or refuses (message says why)
   */
  public static SubClient connect(Path socket, int kind, long subscriptions, byte[] identity)
      throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      ch.connect(UnixDomainSocketAddress.of(socket));
      SubClient c = new SubClient(ch);
      new SubHello(kind, subscriptions, identity).write(c.out);
      SubReply r = SubReply.read(c.in);
      if (!r.acked()) {
        throw new IOException(r.reason());
      }
      return c;
    } catch (IOException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Sends a program, prefixed by its SHA-256.
   *
   * @param identity the program identity
   * @param elf      the program container
   * @param location spool location
   * @param vmid     VM filter, 0 for all
   * @return the daemon's reply
   * @throws IOException when the connection fails
   */
  public SubReply sendElf(byte[] identity, byte[] elf, int location, int vmid)
      throws IOException {
    new SubHeader(SubProtocol.ELF, 32L + elf.length, identity, location, vmid).write(out);
    out.write(sha256(elf));
    out.write(elf);
    out.flush();
    return SubReply.read(in);
  }

  /**
   * @param type     KILL, CLEANUP or INFO
   * @param identity the program identity for KILL, else ignored
   * @return the daemon's reply
   * @throws IOException when the connection fails
   */
  public SubReply request(int type, byte[] identity) throws IOException {
    return request(type, identity, new byte[0]);
  }

  /**
   * @param type     KILL, CLEANUP or INFO
   * @param identity the program identity for KILL, else ignored
   * @param payload  the message payload (KILL: a hex prefix naming the program)
   * @return the daemon's reply
   * @throws IOException when the connection fails
   */
  public SubReply request(int type, byte[] identity, byte[] payload) throws IOException {
    new SubHeader(type, payload.length, identity, SubProtocol.LOC_BASE, 0).write(out);
    out.write(payload);
    out.flush();
    return SubReply.read(in);
  }

  /**
   * Reads the next DATA message (READDATA subscribers).
   *
   * @return its payload
   * @throws IOException when the connection fails or the message is malformed
   */
  public byte[] readData() throws IOException {
    try {
      SubHeader h = SubHeader.read(in, SubReply.MAX_PAYLOAD);
      return in.readNBytes((int) h.length());
    } catch (SubProtocolException e) {
      throw new IOException(e.getMessage());
    }
  }

  /** @param b bytes @return their SHA-256 */
  public static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}

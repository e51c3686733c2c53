package org.hypertrace.dtraced.sub.proto;

/**
 * Constants of the {@code sub.sock} protocol between dtrace(1), dtracedctl, forwarders and
 * dtraced: HyperTrace's client kinds, subscriptions and message types, with its fixed headers.
 *
 * <p>Layouts, big-endian:
 * <ol>
 *   <li>hello, client to daemon, {@value #HELLO_SIZE} bytes: u32 {@link #HELLO_MAGIC}, u8 version,
 *       u8 kind, u16 0, u64 subscriptions, 128-byte client identity;</li>
 *   <li>message header, {@value #HEADER_SIZE} bytes: u32 {@link #MSG_MAGIC}, u32 type, u64 payload
 *       length, 128-byte program identity, u32 spool location, u16 vmid filter (0 = all), u16 0;
 *       an ELF payload starts with the SHA-256 of the ELF bytes that follow;</li>
 *   <li>reply, daemon to client: u8 ACK(1)/NAK(0), u8 0, u16 reason length, reason (UTF-8),
 *       u32 payload length, payload (INFO rows; empty otherwise);</li>
 *   <li>data, daemon to a READDATA client: a message header of type {@link #DATA} and its payload.</li>
 * </ol>
 */
public final class SubProtocol {
  private SubProtocol() {}

  /** "DTSB": a hello. */
  public static final int HELLO_MAGIC = 0x44545342;
  /** "DTMS": a message header. */
  public static final int MSG_MAGIC = 0x44544d53;
  /** Protocol version. */
  public static final int VERSION = 1;
  /** Size of a hello. */
  public static final int HELLO_SIZE = 4 + 1 + 1 + 2 + 8 + 128;
  /** Size of a message header. */
  public static final int HEADER_SIZE = 4 + 4 + 8 + 128 + 4 + 2 + 2;
  /** Size of identities. */
  public static final int IDENTITY_SIZE = 128;
  /** Largest payload accepted: DTrace's DOF limit. */
  public static final long MAX_PAYLOAD = 8L << 20;

  /** Client kind: dtrace(1). */
  public static final int CONSUMER = 1;
  /** Client kind: a VMM or transport thread. */
  public static final int FORWARDER = 2;
  /** Client kind: another dtraced or dtracedctl. */
  public static final int DTRACED = 3;

  /** Subscription: probe data of the client's programs. */
  public static final long SUB_READDATA = 1;
  /** Subscription: new programs. */
  public static final long SUB_ELFWRITE = 2;
  /** Subscription: kills. */
  public static final long SUB_KILL = 4;
  /** Subscription: cleanups. */
  public static final long SUB_CLEANUP = 8;
  /** Subscription: information requests. */
  public static final long SUB_INFO = 16;

  /** Message: a program. */
  public static final int ELF = 1;
  /** Message: kill a program. */
  public static final int KILL = 2;
  /** Message: remove every program. */
  public static final int CLEANUP = 3;
  /** Message: list clients. */
  public static final int INFO = 4;
  /** Message, daemon to client: output of a program. */
  public static final int DATA = 16;

  /** Spool location: base/. */
  public static final int LOC_BASE = 0;
  /** Spool location: outbound/. */
  public static final int LOC_OUTBOUND = 1;
  /** Spool location: inbound/. */
  public static final int LOC_INBOUND = 2;

  /** @param kind a client kind @return its name */
  public static String kindName(int kind) {
    switch (kind) {
      case CONSUMER: return "CONSUMER";
      case FORWARDER: return "FORWARDER";
      case DTRACED: return "DTRACED";
      default: return "UNKNOWN(" + kind + ")";
    }
  }

  /** @param subs a subscription mask @return the names of its bits */
  public static java.util.List<String> subscriptionNames(long subs) {
    String[] names = {"READDATA", "ELFWRITE", "KILL", "CLEANUP", "INFO"};
    java.util.List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      if ((subs & (1L << i)) != 0) {
        out.add(names[i]);
      }
    }
    return out;
  }
}

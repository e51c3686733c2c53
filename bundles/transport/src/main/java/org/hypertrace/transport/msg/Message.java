package org.hypertrace.transport.msg;

import java.util.Arrays;
import java.util.List;
import org.hypertrace.transport.frame.FrameKind;

/**
 * The messages between dtrace(1), an overlord and its minions: HyperTrace's ELF, KILL, CLEANUP,
 * INFO and NODE_ID plus HELLO, DATA, ACK and NAK. A program is a {@link Elf} on the sender's side
 * and travels as {@link ElfChunk}s ({@link Chunker}, {@link Reassembler}).
 */
public sealed interface Message {
  /** Largest identity in UTF-8 bytes: HyperTrace's 128-byte identity field, written in hex. */
  int IDENTITY_MAX = 256;

  /** @return the frame kind that carries this message */
  FrameKind kind();

  /**
   * A minion announces itself, first thing on a connection.
   *
   * @param nodeId    the id the overlord gave it before, 0 when it has none
   * @param name      node name (vmname for guests)
   * @param hostname  host name
   * @param osName    operating system name (Linux)
   * @param osVersion kernel release
   * @param btfDigest SHA-256 of /sys/kernel/btf/vmlinux in hex, "" when unreadable
   * @param active    identities of the programs the minion holds, so the overlord can send KILL
   *                  for those that ended while it was away
   */
  record Hello(long nodeId, String name, String hostname, String osName, String osVersion,
      String btfDigest, List<String> active) implements Message {
    /** Copies the list. */
    public Hello {
      active = List.copyOf(active);
    }

    @Override
    public FrameKind kind() {
      return FrameKind.HELLO;
    }
  }

  /**
   * The overlord tells a minion its node id.
   *
   * @param nodeId the id, never 0
   * @param name   the name the overlord registered
   */
  record NodeId(long nodeId, String name) implements Message {
    @Override
    public FrameKind kind() {
      return FrameKind.NODE_ID;
    }
  }

  /**
   * A whole program, as published.
   *
   * @param identity single-use program identity
   * @param targets  target globs of its probe descriptions ("" or empty list = every node)
   * @param sha256   SHA-256 of {@code program}
   * @param program  the program bytes (ELF container, opaque to transport)
   */
  record Elf(String identity, List<String> targets, byte[] sha256, byte[] program)
      implements Message {
    /** Copies the list. */
    public Elf {
      targets = List.copyOf(targets);
    }

    /**
     * @param identity program identity
     * @param targets  target globs
     * @param program  the program bytes
     * @return the program with its digest computed
     */
    public static Elf of(String identity, List<String> targets, byte[] program) {
      return new Elf(identity, targets, Digests.sha256(program), program);
    }

    @Override
    public FrameKind kind() {
      return FrameKind.ELF;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Elf e && identity.equals(e.identity) && targets.equals(e.targets)
          && Arrays.equals(sha256, e.sha256) && Arrays.equals(program, e.program);
    }

    @Override
    public int hashCode() {
      return identity.hashCode() * 31 + Arrays.hashCode(program);
    }

    @Override
    public String toString() {
      return "Elf[" + identity + ", " + targets + ", " + program.length + " bytes]";
    }
  }

  /**
   * One piece of a program on the wire.
   *
   * @param identity program identity (reassembly key)
   * @param targets  target globs
   * @param sha256   SHA-256 of the whole program
   * @param total    whole program length
   * @param offset   where {@code bytes} go
   * @param bytes    this piece
   */
  record ElfChunk(String identity, List<String> targets, byte[] sha256, int total, int offset,
      byte[] bytes) implements Message {
    /** Copies the list. */
    public ElfChunk {
      targets = List.copyOf(targets);
    }

    @Override
    public FrameKind kind() {
      return FrameKind.ELF;
    }
  }

  /** @param identity the program to stop */
  record Kill(String identity) implements Message {
    @Override
    public FrameKind kind() {
      return FrameKind.KILL;
    }
  }

  /** @param identity the program to stop and forget (spool entries removed) */
  record Cleanup(String identity) implements Message {
    @Override
    public FrameKind kind() {
      return FrameKind.CLEANUP;
    }
  }

  /** @param text free text */
  record Info(String text) implements Message {
    @Override
    public FrameKind kind() {
      return FrameKind.INFO;
    }
  }

  /**
   * Probe firings or an aggregation snapshot of one program, going up.
   *
   * @param identity program identity
   * @param sequence per-program sequence number of the sender
   * @param drops    records the sender dropped for this program so far (cumulative)
   * @param bytes    the records (opaque to transport)
   */
  record Data(String identity, long sequence, long drops, byte[] bytes) implements Message {
    @Override
    public FrameKind kind() {
      return FrameKind.DATA;
    }
  }

  /**
   * Positive answer.
   *
   * @param messageId the id of the answered message
   * @param identity  the program concerned, "" if none
   */
  record Ack(long messageId, String identity) implements Message {
    @Override
    public FrameKind kind() {
      return FrameKind.ACK;
    }
  }

  /**
   * Negative answer.
   *
   * @param messageId the id of the answered message
   * @param identity  the program concerned, "" if none
   * @param reason    why
   */
  record Nak(long messageId, String identity, String reason) implements Message {
    @Override
    public FrameKind kind() {
      return FrameKind.NAK;
    }
  }
}

package org.hypertrace.transport.msg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.hypertrace.transport.frame.Frame;
import org.hypertrace.transport.frame.FrameFormatException;
import org.hypertrace.transport.frame.FrameKind;
import org.junit.jupiter.api.Test;

/** Message round trips, chunking and reassembly, and the message-level negative corpus. */
class MessageReaderTest {

  private static Message roundTrip(Message m) throws FrameFormatException {
    return MessageReader.read(MessageWriter.frame(m, 7));
  }

  @Test
  void testMessages_roundTrip() throws Exception {
    List<Message> all = List.of(
        new Message.Hello(42, "web1", "web1.example", "Linux", "6.1.0-13-amd64", "ab".repeat(32),
            List.of("p1", "p2")),
        new Message.NodeId(3, "web1"),
        new Message.Kill("prog-1"),
        new Message.Cleanup("prog-1"),
        new Message.Info("status"),
        new Message.Ack(99, "prog-1"),
        new Message.Nak(99, "prog-1", "SHA-256 mismatch"));
    for (Message m : all) {
      assertEquals(m, roundTrip(m));
    }
    Message.Data d = (Message.Data) roundTrip(new Message.Data("p", 5, 2, new byte[] {1, 2, 3}));
    assertEquals("p", d.identity());
    assertEquals(5, d.sequence());
    assertEquals(2, d.drops());
    assertArrayEquals(new byte[] {1, 2, 3}, d.bytes());
  }

  @Test
  void testElf_chunkedAndReassembled() throws Exception {
    byte[] program = new byte[10_000];
    new Random(1).nextBytes(program);
    Message.Elf elf = Message.Elf.of("prog-9", List.of("web*", ""), program);
    List<Frame> frames = MessageWriter.frames(elf, 11, 2048);
    assertEquals(5, frames.size());
    for (int i = 0; i < 4; i++) {
      assertEquals(Frame.FLAG_MORE, frames.get(i).flags());
    }
    assertEquals(0, frames.get(4).flags());
    Reassembler r = new Reassembler(1 << 20, 4);
    Message.Elf out = null;
    for (Frame f : frames) {
      assertEquals(FrameKind.ELF, f.kind());
      assertNull(out);
      out = r.accept((Message.ElfChunk) MessageReader.read(f));
    }
    assertEquals(elf, out);
    assertEquals(0, r.pending());
  }

  @Test
  void testElf_emptyProgramIsOneChunk() throws Exception {
    Message.Elf elf = Message.Elf.of("empty", List.of(), new byte[0]);
    List<Frame> frames = MessageWriter.frames(elf, 512, 512);
    assertEquals(1, frames.size());
    assertEquals(elf, new Reassembler(10, 1).accept(
        (Message.ElfChunk) MessageReader.read(frames.get(0))));
  }

  @Test
  void testReassembler_checksumMismatch() throws Exception {
    byte[] program = new byte[3000];
    Message.Elf elf = Message.Elf.of("bad", List.of(), program);
    List<Message.ElfChunk> chunks = new ArrayList<>(Chunker.split(elf, 1000));
    Message.ElfChunk last = chunks.remove(2);
    byte[] flipped = last.bytes().clone();
    flipped[0] ^= 1;
    chunks.add(new Message.ElfChunk("bad", List.of(), last.sha256(), last.total(), last.offset(),
        flipped));
    Reassembler r = new Reassembler(1 << 20, 4);
    r.accept(chunks.get(0));
    r.accept(chunks.get(1));
    ChecksumException e = assertThrows(ChecksumException.class, () -> r.accept(chunks.get(2)));
    assertEquals("bad", e.identity());
    assertEquals(0, r.pending());
  }

  @Test
  void testReassembler_resendStartsOver() throws Exception {
    byte[] program = new byte[3000];
    new Random(2).nextBytes(program);
    Message.Elf elf = Message.Elf.of("again", List.of(), program);
    List<Message.ElfChunk> chunks = Chunker.split(elf, 1000);
    Reassembler r = new Reassembler(1 << 20, 4);
    r.accept(chunks.get(0));
    r.accept(chunks.get(1));
    // the link broke; the sender starts over
    assertNull(r.accept(chunks.get(0)));
    assertNull(r.accept(chunks.get(1)));
    assertEquals(elf, r.accept(chunks.get(2)));
  }

  @Test
  void testReassembler_outOfSequenceAndOversize() throws Exception {
    Message.Elf elf = Message.Elf.of("gap", List.of(), new byte[3000]);
    List<Message.ElfChunk> chunks = Chunker.split(elf, 1000);
    Reassembler r = new Reassembler(2000, 4);
    assertThrows(ChecksumException.class, () -> r.accept(chunks.get(0)));
    Reassembler r2 = new Reassembler(1 << 20, 4);
    r2.accept(chunks.get(0));
    assertThrows(ChecksumException.class, () -> r2.accept(chunks.get(2)));
  }

  @Test
  void testMessageReader_truncatedField() {
    byte[] p = MessageWriter.payload(new Message.Kill("prog-1"));
    Frame cut = new Frame(FrameKind.KILL, 0, 1, Arrays.copyOf(p, p.length - 2));
    FrameFormatException e = assertThrows(FrameFormatException.class,
        () -> MessageReader.read(cut));
    assertEquals("kill.identity", e.field());
  }

  @Test
  void testMessageReader_trailingBytes() {
    byte[] p = MessageWriter.payload(new Message.Info("x"));
    Frame longer = new Frame(FrameKind.INFO, 0, 1, Arrays.copyOf(p, p.length + 1));
    assertEquals("payload", assertThrows(FrameFormatException.class,
        () -> MessageReader.read(longer)).field());
  }

  @Test
  void testMessageReader_chunkPastTotal() {
    byte[] p = MessageWriter.payload(new Message.ElfChunk("x", List.of(), new byte[32], 10, 8,
        new byte[4]));
    assertEquals("elf.offset", assertThrows(FrameFormatException.class,
        () -> MessageReader.read(new Frame(FrameKind.ELF, 0, 1, p))).field());
  }

  @Test
  void testMessageReader_emptyIdentityRefused() {
    byte[] p = {0, 0};
    assertEquals("cleanup.identity", assertThrows(FrameFormatException.class,
        () -> MessageReader.read(new Frame(FrameKind.CLEANUP, 0, 1, p))).field());
  }

  @Test
  void testMessageWriter_identityTooLong() {
    assertThrows(IllegalArgumentException.class,
        () -> MessageWriter.payload(new Message.Kill("x".repeat(257))));
  }
}

package org.hypertrace.dtraced.overlord;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.hypertrace.transport.frame.Frame;
import org.hypertrace.transport.frame.FrameFormatException;
import org.hypertrace.transport.frame.FrameKind;
import org.hypertrace.transport.msg.Message;
import org.hypertrace.transport.msg.MessageReader;
import org.hypertrace.transport.msg.MessageWriter;

/**
 * A program as the overlord keeps it in {@code outbound/}: one file {@code HEX.prog} holding the
 * program as a single ELF chunk (identity, targets, SHA-256, bytes), so one atomic rename
 * publishes all of it and the digest is checked again when it is read back after a restart.
 */
final class ProgramFile {
  /** File name suffix in outbound/. */
  static final String SUFFIX = ".prog";

  private ProgramFile() {}

  /** @param identity a program identity @return its file name stem (UTF-8 in hex) */
  static String stem(String identity) {
    return HexFormat.of().formatHex(identity.getBytes(StandardCharsets.UTF_8));
  }

  /** @param stem a file name stem @return the identity it encodes */
  static String identity(String stem) {
    return new String(HexFormat.of().parseHex(stem), StandardCharsets.UTF_8);
  }

  static byte[] encode(Message.Elf elf) {
    return MessageWriter.payload(new Message.ElfChunk(elf.identity(), elf.targets(), elf.sha256(),
        elf.program().length, 0, elf.program()));
  }

  static Message.Elf decode(byte[] bytes) throws FrameFormatException {
    Message m = MessageReader.read(new Frame(FrameKind.ELF, 0, 0, bytes));
    Message.ElfChunk c = (Message.ElfChunk) m;
    if (c.offset() != 0 || c.bytes().length != c.total()) {
      throw new FrameFormatException("elf.total", "program file is not whole");
    }
    Message.Elf elf = Message.Elf.of(c.identity(), c.targets(), c.bytes());
    if (!java.util.Arrays.equals(elf.sha256(), c.sha256())) {
      throw new FrameFormatException("elf.sha256", "program file digest mismatch");
    }
    return elf;
  }
}

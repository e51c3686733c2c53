package org.hypertrace.kernel.ebpf;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes {@link BpfTemplate}s as the object files the native bundle carries (read back by
 * {@link BpfTemplateReader}); its {@link #main} is the build step that assembles kernel-modules/
 * (the role clang -target bpf plays for C sources). Format, big-endian:
 *
 * <pre>
 * u32 magic "HTBO"   u16 version 1   u16 fragment count
 * per fragment: utf name; u16 n, n x utf parameter; u32 n, n x 8 bytes of code;
 *   u32 n holes {u32 slot, u8 field, utf name, s64 addend};
 *   u32 n marks {u32 slot, u8 splice, utf name, u16 n, n x utf label};
 *   u32 n jumps {u32 slot, utf label}
 * </pre>
 */
public final class BpfTemplateWriter {
  static final int MAGIC = 0x4854424f;
  static final int VERSION = 1;
  /** Object file suffix. */
  public static final String SUFFIX = ".bpfo";
  /** The file listing a directory's objects, one name (without suffix) a line. */
  public static final String INDEX = "index";

  private BpfTemplateWriter() {}

  /** @return the object holding the fragments */
  public static byte[] write(List<BpfTemplate> fragments) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream o = new DataOutputStream(bytes)) {
      o.writeInt(MAGIC);
      o.writeShort(VERSION);
      o.writeShort(fragments.size());
      for (BpfTemplate t : fragments) {
        o.writeUTF(t.name());
        o.writeShort(t.params().size());
        for (String p : t.params()) {
          o.writeUTF(p);
        }
        byte[] code = t.code();
        o.writeInt(code.length / 8);
        o.write(code);
        o.writeInt(t.holes().size());
        for (BpfTemplate.Hole h : t.holes()) {
          o.writeInt(h.insn());
          o.writeByte(h.field());
          o.writeUTF(h.name());
          o.writeLong(h.addend());
        }
        o.writeInt(t.marks().size());
        for (BpfTemplate.Mark m : t.marks()) {
          o.writeInt(m.insn());
          o.writeBoolean(m.splice());
          o.writeUTF(m.name());
          o.writeShort(m.args().size());
          for (String a : m.args()) {
            o.writeUTF(a);
          }
        }
        o.writeInt(t.jumps().size());
        for (BpfTemplate.Jump j : t.jumps()) {
          o.writeInt(j.insn());
          o.writeUTF(j.label());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The build step: assembles every {@code *.s} of a directory into {@code *.bpfo} objects.
   * Prints "file:line: message" and exits with 1 at the first bad source.
   *
   * @param args source directory, output directory
   */
  public static void main(String[] args) throws IOException {
    Path src = Path.of(args[0]);
    Path dst = Path.of(args[1]);
    Files.createDirectories(dst);
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> s = Files.list(src)) {
      s.filter(p -> p.toString().endsWith(".s")).sorted().forEach(sources::add);
    }
    StringBuilder names = new StringBuilder();
    for (Path p : sources) {
      List<BpfTemplate> fragments;
      try {
        fragments = BpfTemplateParser.parse(src.getFileName().resolve(p.getFileName())
            .toString(), Files.readString(p, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        System.err.println(e.getMessage());
        System.exit(1);
        return;
      }
      String base = p.getFileName().toString();
      base = base.substring(0, base.length() - 2);
      Files.write(dst.resolve(base + SUFFIX), write(fragments));
      names.append(base).append('\n');
    }
    Files.writeString(dst.resolve(INDEX), names, StandardCharsets.UTF_8);
    System.out.println("kernel-modules: " + sources.size() + " sources assembled into " + dst);
  }
}

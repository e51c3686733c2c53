package org.hypertrace.kernel.ebpf;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the objects {@link BpfTemplateWriter} writes. */
public final class BpfTemplateReader {
  private BpfTemplateReader() {}

  /**
   * @return the fragments of an object
   * @throws IllegalArgumentException naming what is malformed
   */
  public static List<BpfTemplate> read(byte[] object) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(object))) {
      if (in.readInt() != BpfTemplateWriter.MAGIC) {
        throw new IllegalArgumentException("not a kernel-modules object: bad magic");
      }
      int version = in.readUnsignedShort();
      if (version != BpfTemplateWriter.VERSION) {
        throw new IllegalArgumentException("kernel-modules object version " + version);
      }
      int n = in.readUnsignedShort();
      List<BpfTemplate> out = new ArrayList<>();
      for (int f = 0; f < n; f++) {
        String name = in.readUTF();
        List<String> params = strings(in, in.readUnsignedShort());
        int slots = in.readInt();
        if (slots < 0 || slots > 1 << 20) {
          throw new IllegalArgumentException(name + ": code of " + slots + " slots");
        }
        byte[] code = new byte[8 * slots];
        in.readFully(code);
        List<BpfTemplate.Hole> holes = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
          holes.add(new BpfTemplate.Hole(slot(in, slots, name), in.readUnsignedByte(),
              in.readUTF(), in.readLong()));
        }
        List<BpfTemplate.Mark> marks = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
          int at = slot(in, slots + 1, name);
          boolean splice = in.readBoolean();
          String m = in.readUTF();
          marks.add(new BpfTemplate.Mark(at, splice, m, strings(in, in.readUnsignedShort())));
        }
        List<BpfTemplate.Jump> jumps = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
          jumps.add(new BpfTemplate.Jump(slot(in, slots, name), in.readUTF()));
        }
        out.add(new BpfTemplate(name, params, code, holes, marks, jumps));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated kernel-modules object", e);
    }
  }

  private static int slot(DataInputStream in, int limit, String name) throws IOException {
    int s = in.readInt();
    if (s < 0 || s >= limit) {
      throw new IllegalArgumentException(name + ": slot " + s + " outside its code");
    }
    return s;
  }

  private static List<String> strings(DataInputStream in, int n) throws IOException {
    List<String> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(in.readUTF());
    }
    return l;
  }
}

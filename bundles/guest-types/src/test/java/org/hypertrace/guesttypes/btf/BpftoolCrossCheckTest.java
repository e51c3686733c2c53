package org.hypertrace.guesttypes.btf;

import static org.hypertrace.guesttypes.btf.BtfKind.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks the reader against an independent dumper, bpftool's {@code btf dump ... format raw}:
 * every type's kind and name, the size of every INT/STRUCT/UNION/ENUM, and every struct/union
 * member's name, type id, bit offset and bitfield size. Skipped when bpftool is not installed.
 */
class BpftoolCrossCheckTest {
  private static final Pattern TYPE =
      Pattern.compile("^\\[(\\d+)\\] (\\w+) '([^']*)'(?: size=(\\d+))?(?: vlen=(\\d+))?.*");
  private static final Pattern MEMBER = Pattern.compile(
      "^\\t'([^']*)' type_id=(\\d+) bits_offset=(\\d+)(?: bitfield_size=(\\d+))?$");

  private static String bpftool() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String d : new String[] {dir, "/usr/sbin", "/sbin"}) {
        Path p = Path.of(d, "bpftool");
        if (Files.isExecutable(p)) {
          return p.toString();
        }
      }
    }
    return null;
  }

  private static int check(Path file) throws Exception {
    String tool = bpftool();
    assumeTrue(tool != null, "bpftool not installed");
    assumeTrue(Files.isReadable(file), "no " + file);
    Btf btf = BtfReader.read(file);
    Process p = new ProcessBuilder(tool, "btf", "dump", "file", file.toString(), "format", "raw")
        .redirectErrorStream(true).start();
    int types = 0;
    int members = 0;
    int owner = 0;
    int index = 0;
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.ISO_8859_1))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        Matcher t = TYPE.matcher(line);
        if (t.matches()) {
          owner = Integer.parseInt(t.group(1));
          index = 0;
          types++;
          String kind = t.group(2);
          assertEquals(kind, BtfKind.name(btf.kind(owner)), line);
          String name = t.group(3).equals("(anon)") ? "" : t.group(3);
          assertEquals(name, btf.name(owner), line);
          int k = btf.kind(owner);
          if (t.group(4) != null && (k == BTF_KIND_INT || k == BTF_KIND_STRUCT
              || k == BTF_KIND_UNION || k == BTF_KIND_ENUM)) {
            assertEquals(Long.parseLong(t.group(4)), btf.sizeField(owner) & 0xffffffffL, line);
          }
          if (t.group(5) != null) {
            assertEquals(Integer.parseInt(t.group(5)), btf.vlen(owner), line);
          }
          continue;
        }
        Matcher m = MEMBER.matcher(line);
        if (m.matches()) {
          String name = m.group(1).equals("(anon)") ? "" : m.group(1);
          assertEquals(name, btf.memberName(owner, index), line);
          assertEquals(Integer.parseInt(m.group(2)), btf.memberType(owner, index), line);
          assertEquals(Long.parseLong(m.group(3)), btf.memberBitOffset(owner, index), line);
          int bits = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
          assertEquals(bits, btf.memberBitfieldSize(owner, index), line);
          index++;
          members++;
        }
      }
    }
    assertEquals(0, p.waitFor());
    assertEquals(btf.count(), types);
    assertTrue(members > 10_000, "members compared: " + members);
    return types;
  }

  @Test
  void testCrossCheck_hostAgainstBpftool() throws Exception {
    check(Path.of("/sys/kernel/btf/vmlinux"));
  }

  @Test
  void testCrossCheck_guestVmlinuxAgainstBpftool() throws Exception {
    check(Path.of("/var/cache/hypertrace/vm-lab/vmlinux"));
  }
}

package org.hypertrace.guesttypes.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.hypertrace.guesttypes.btf.Btf;
import org.hypertrace.guesttypes.btf.BtfReader;
import org.hypertrace.guesttypes.registry.BtfTargetTypes;
import org.hypertrace.guesttypes.registry.BtfTypeRegistry;

/**
 * Warm timing of the host BTF: parse from bytes, read+parse from the file, digest, and the first
 * name lookup (which builds the name index). Run with
 * {@code java -cp target/classes:target/test-classes:API_JAR
 * org.hypertrace.guesttypes.bench.BtfParseBench [FILE]}.
 */
public final class BtfParseBench {
  private BtfParseBench() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args.length > 0 ? args[0] : "/sys/kernel/btf/vmlinux");
    int warm = 20;
    int runs = 30;
    byte[] raw = Files.readAllBytes(file);
    long[] parse = new long[runs];
    long[] readParse = new long[runs];
    long[] digest = new long[runs];
    long[] index = new long[runs];
    int count = 0;
    long size = 0;
    for (int i = -warm; i < runs; i++) {
      long t0 = System.nanoTime();
      Btf btf = BtfReader.read(raw);
      long t1 = System.nanoTime();
      BtfReader.read(file);
      long t2 = System.nanoTime();
      String d = BtfTypeRegistry.sha256(btf.raw());
      long t3 = System.nanoTime();
      BtfTargetTypes types = new BtfTargetTypes(btf, d);
      size = types.sizeOf("struct task_struct").getAsLong();
      long t4 = System.nanoTime();
      count = btf.count();
      if (i >= 0) {
        parse[i] = t1 - t0;
        readParse[i] = t2 - t1;
        digest[i] = t3 - t2;
        index[i] = t4 - t3;
      }
    }
    System.out.printf("%s: %d types, %d bytes, sizeof(struct task_struct) = %d%n", file, count,
        raw.length, size);
    report("parse (from bytes)", parse);
    report("read file + parse", readParse);
    report("SHA-256 digest", digest);
    report("name index + first lookup", index);
  }

  private static void report(String what, long[] ns) {
    long[] s = ns.clone();
    Arrays.sort(s);
    System.out.printf("  %-28s median %6.2f ms  min %6.2f ms  max %6.2f ms%n", what,
        s[s.length / 2] / 1e6, s[0] / 1e6, s[s.length - 1] / 1e6);
  }
}

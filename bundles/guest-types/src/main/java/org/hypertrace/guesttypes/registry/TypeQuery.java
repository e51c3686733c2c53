package org.hypertrace.guesttypes.registry;

import java.io.PrintStream;
import java.nio.file.Path;
import org.hypertrace.api.types.LoadStep;
import org.hypertrace.api.types.MemberAccess;
import org.hypertrace.api.types.TargetTypes;
import org.hypertrace.api.types.TypeResolutionException;

/**
 * A small command for looking at a target's types, like {@code pahole -C} for one member path:
 * <pre>
 * java -cp org.hypertrace.api.jar:org.hypertrace.guest-types.jar \
 *     org.hypertrace.guesttypes.registry.TypeQuery [--btf FILE] TYPE [MEMBER_PATH...]
 * </pre>
 * FILE is raw BTF or a vmlinux (default: the host's /sys/kernel/btf/vmlinux). Prints the digest,
 * the type's size, and for each path its offset, size, signedness, bitfield and load steps.
 */
public final class TypeQuery {
  private TypeQuery() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    int i = 0;
    Path file = BtfTypeRegistry.HOST_BTF;
    if (args.length >= 2 && args[0].equals("--btf")) {
      file = Path.of(args[1]);
      i = 2;
    }
    if (i >= args.length) {
      err.println("usage: TypeQuery [--btf FILE] TYPE [MEMBER_PATH...]");
      return 2;
    }
    long t0 = System.nanoTime();
    TargetTypes t;
    try {
      t = new BtfTypeRegistry().register(file);
    } catch (IllegalArgumentException e) {
      err.println("TypeQuery: " + file + ": " + e.getMessage());
      return 1;
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    out.printf("%s: %d types, digest %s (%d ms)%n", file, t.typeCount(), t.digest(), ms);
    String type = args[i];
    try {
      MemberAccess whole = t.require(type, "");
      out.printf("%s: %s, size %d%n", type, whole.type().kind(), whole.size());
      for (int k = i + 1; k < args.length; k++) {
        MemberAccess a = t.require(type, args[k]);
        StringBuilder steps = new StringBuilder();
        for (LoadStep s : a.steps()) {
          steps.append(steps.length() == 0 ? "" : " -> ").append('+').append(s.offset())
              .append(':').append(s.size());
        }
        out.printf("%s: %s, offset %d, size %d, %s%s, loads %s%n", args[k], a.type().name(),
            a.offset(), a.size(), a.signed() ? "signed" : "unsigned",
            a.isBitfield() ? ", bits " + a.bitOffset() + "+" + a.bitSize() : "", steps);
      }
    } catch (TypeResolutionException e) {
      err.println("TypeQuery: " + e.getMessage());
      return 1;
    }
    return 0;
  }
}

package org.hypertrace.kernel.prov;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this process may load and attach eBPF programs: root, or CAP_BPF with CAP_PERFMON
 * (or CAP_SYS_ADMIN) in its effective set (/proc/self/status CapEff). Gives the one line a user
 * sees instead of a stack trace.
 */
public final class Privileges {
  private static final int CAP_SYS_ADMIN = 21;
  private static final int CAP_PERFMON = 38;
  private static final int CAP_BPF = 39;

  private Privileges() {}

  static long effective() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("CapEff:")) {
          return Long.parseUnsignedLong(line.substring(7).strip(), 16);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  private static boolean has(long caps, int cap) {
    return (caps >>> cap & 1) != 0;
  }

  /** @return null when eBPF tracing is allowed, else what is missing, in one line */
  public static String missing() {
    long caps = effective();
    if (has(caps, CAP_SYS_ADMIN) || has(caps, CAP_BPF) && has(caps, CAP_PERFMON)) {
      return null;
    }
    String lacks = has(caps, CAP_BPF) ? "CAP_PERFMON" : has(caps, CAP_PERFMON) ? "CAP_BPF"
        : "CAP_BPF and CAP_PERFMON";
    return "kernel probes need root or " + lacks + " (this process runs as uid "
        + org.hypertrace.kernel.sys.UnistdLibrary.INSTANCE.geteuid() + " without them)";
  }

  /** @throws IllegalStateException naming what is missing */
  public static void require(String provider) {
    String m = missing();
    if (m != null) {
      throw new IllegalStateException(provider + " provider: " + m);
    }
  }
}

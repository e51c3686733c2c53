package org.hypertrace.kernel.prov;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hypertrace.kernel.sys.UnistdLibrary;
import org.junit.jupiter.api.Assumptions;

/** Shared test conditions: root, and the current thread's comm. */
public final class TestSupport {
  private TestSupport() {}

  /** Skips the test unless eBPF tracing is allowed. */
  public static void assumeRoot() {
    Assumptions.assumeTrue(Privileges.missing() == null, "needs root or CAP_BPF+CAP_PERFMON");
  }

  /** @return the comm of the calling thread */
  public static String comm() {
    try {
      return Files.readString(Path.of("/proc/self/task/" + UnistdLibrary.INSTANCE.gettid()
          + "/comm")).strip();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

package org.hypertrace.kernel.sym;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command lines of processes as psinfo_t's {@code pr_psargs} holds them (procfs.h PRARGSZ
 * 80, the NUL included): /proc/PID/cmdline with its NUL separators turned into spaces, cut to 79
 * bytes. A process whose command line cannot be read (gone, or a kernel thread, which has none)
 * gets its executable name, as the kernel's own processes show theirs on illumos. Entries are
 * kept per pid with the name they were read under, so that an exec (which changes the name)
 * reads the new image's arguments; a bounded number of processes is remembered.
 */
public final class ProcessArgs {
  /** Bytes of pr_psargs before its terminating NUL. */
  public static final int PSARGS = 79;
  private static final int KEEP = 512;
  private final Map<Integer, String[]> byPid = new LinkedHashMap<>(64, 0.75f, true) {
    @Override protected boolean removeEldestEntry(Map.Entry<Integer, String[]> e) {
      return size() > KEEP;
    }
  };
  private final Path proc;

  /** Reads the host's /proc. */
  public ProcessArgs() {
    this(Path.of("/proc"));
  }

  /** @param proc a procfs mount (tests use a folder laid out like one) */
  public ProcessArgs(Path proc) {
    this.proc = proc;
  }

  /**
   * @param pid      the process
   * @param execname its executable name at the firing (comm)
   * @return its pr_psargs
   */
  public synchronized String psargs(int pid, String execname) {
    String[] e = byPid.get(pid);
    if (e != null && e[0].equals(execname)) {
      return e[1];
    }
    String args = read(pid);
    if (args == null || args.isEmpty()) {
      args = execname;
    }
    byPid.put(pid, new String[] {execname, args});
    return args;
  }

  private String read(int pid) {
    byte[] b;
    try {
      b = Files.readAllBytes(proc.resolve(Integer.toString(pid)).resolve("cmdline"));
    } catch (IOException | RuntimeException e) {
      return null;
    }
    int n = b.length;
    while (n > 0 && b[n - 1] == 0) {
      n--;
    }
    n = Math.min(n, PSARGS);
    for (int i = 0; i < n; i++) {
      if (b[i] == 0) {
        b[i] = ' ';
      }
    }
    return new String(b, 0, n, StandardCharsets.UTF_8);
  }
}

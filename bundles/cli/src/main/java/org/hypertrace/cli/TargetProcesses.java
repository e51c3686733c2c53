package org.hypertrace.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The processes of {@code -c CMD} and {@code -p PID}: dtrace.c's third pass and its proc handler.
 * A created command is held stopped (it stops itself before exec, so its pid is already
 * {@code $target}) until tracing is armed, then continued; when every target has exited, tracing
 * ends as dtrace's loop does.
 */
final class TargetProcesses {
  private final List<Target> targets = new ArrayList<>();

  /** One grabbed or created process. */
  private record Target(long pid, Process created, ProcessHandle grabbed) {}

  /**
   * Starts a command held stopped, as {@code dtrace_proc_create} does.
   *
   * @param command the {@code -c} argument, split on blanks
   * @throws CliException if it cannot be started
   */
  void create(String command) throws CliException {
    String[] argv = command.trim().split("[ \t]+");
    if (argv.length == 0 || argv[0].isEmpty()) {
      throw new CliException("failed to execute : No such file or directory");
    }
    if (!executable(argv[0])) {
      throw new CliException("failed to execute " + argv[0] + ": No such file or directory");
    }
    List<String> words = new ArrayList<>();
    words.add("/bin/sh");
    words.add("-c");
    words.add("kill -STOP $$; exec \"$0\" \"$@\"");
    words.addAll(List.of(argv));
    try {
      Process p = new ProcessBuilder(words).inheritIO().start();
      waitStopped(p.pid());
      targets.add(new Target(p.pid(), p, null));
    } catch (IOException e) {
      throw new CliException("failed to execute " + argv[0] + ": " + e.getMessage());
    }
  }

  /**
   * Grabs a running process, as {@code dtrace_proc_grab} does.
   *
   * @param arg the {@code -p} argument
   * @throws CliException if it is not a pid or no such process exists
   */
  void grab(String arg) throws CliException {
    long pid;
    try {
      pid = Long.parseLong(arg);
    } catch (NumberFormatException e) {
      throw new CliException("invalid pid: " + arg);
    }
    ProcessHandle h = ProcessHandle.of(pid).orElse(null);
    if (h == null || !h.isAlive()) {
      throw new CliException("failed to grab pid " + pid + ": No such process");
    }
    targets.add(new Target(pid, null, h));
  }

  /** @return the first target's pid ({@code $target}), or -1 */
  long first() {
    return targets.isEmpty() ? -1 : targets.get(0).pid();
  }

  /** @return whether there is any target */
  boolean any() {
    return !targets.isEmpty();
  }

  /**
   * Lets the created processes run and calls back, with dtrace's notice, when the last target
   * has exited.
   *
   * @param notice receives each "pid N has exited" style notice
   * @param allGone called once every target has exited
   */
  void continueAll(Consumer<String> notice, Runnable allGone) {
    List<CompletableFuture<?>> exits = new ArrayList<>();
    for (Target t : targets) {
      if (t.created() != null) {
        signal("-CONT", t.pid());
        exits.add(t.created().onExit().thenAccept(p -> notice.accept(exitNotice(p))));
      } else {
        exits.add(t.grabbed().onExit()
            .thenAccept(p -> notice.accept("pid " + p.pid() + " has exited")));
      }
    }
    if (!exits.isEmpty()) {
      CompletableFuture.allOf(exits.toArray(new CompletableFuture<?>[0]))
          .thenRun(allGone);
    }
  }

  /** Kills the created processes that still run (dtrace's close releases them). */
  void release() {
    for (Target t : targets) {
      if (t.created() != null && t.created().isAlive()) {
        signal("-CONT", t.pid());
        t.created().destroy();
      }
    }
  }

  private static String exitNotice(Process p) {
    int status = p.exitValue();
    if (status > 128) {
      return "pid " + p.pid() + " terminated by " + Signals.name(status - 128);
    }
    return status != 0 ? "pid " + p.pid() + " exited with status " + status
        : "pid " + p.pid() + " has exited";
  }

  private static boolean executable(String name) {
    if (name.contains("/")) {
      return Files.isExecutable(Path.of(name));
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return true;
      }
    }
    return false;
  }

  private static void waitStopped(long pid) throws CliException {
    Path stat = Path.of("/proc/" + pid + "/stat");
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        String s = Files.readString(stat);
        int close = s.lastIndexOf(')');
        if (close > 0 && close + 2 < s.length() && s.charAt(close + 2) == 'T') {
          return;
        }
      } catch (IOException e) {
        throw new CliException("failed to create process " + pid + ": it exited at once");
      }
      Thread.onSpinWait();
    }
    throw new CliException("failed to create process " + pid + ": it did not stop before exec");
  }

  private static void signal(String sig, long pid) {
    try {
      new ProcessBuilder("kill", sig, Long.toString(pid)).start().waitFor();
    } catch (IOException e) {
      // the process is gone or kill(1) is missing: nothing to continue
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

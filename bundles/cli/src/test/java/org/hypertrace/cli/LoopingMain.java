package org.hypertrace.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hypertrace.api.engine.DTraceEngine;
import org.hypertrace.api.engine.TraceOutput;
import org.hypertrace.api.engine.TraceSession;
import org.hypertrace.api.engine.TraceStats;
import org.hypertrace.api.program.DProgram;

/**
 * A dtrace whose engine traces "tick" lines until stopped, then prints "END" and exits with
 * status 4: run in a child JVM by {@link InterruptsTest} to send it real signals.
 */
public final class LoopingMain {
  private LoopingMain() {}

  public static void main(String[] args) {
    Fakes.Svc svc = new Fakes.Svc() {
      @Override
      public DTraceEngine engine() {
        return new Looping();
      }
    };
    int status = new DTraceCommand(svc, new FileOutputStream(FileDescriptor.out),
        new FileOutputStream(FileDescriptor.err), Path.of("."), "dtrace").run(args);
    System.exit(status);
  }

  static final class Looping implements DTraceEngine {
    @Override
    public List<org.hypertrace.api.provider.ProbeInfo> probes(
        org.hypertrace.api.program.ProbeDescription p) {
      return new Fakes.Engine().probes(p);
    }

    @Override
    public TraceSession open(DProgram program, Map<String, String> options, TraceOutput out) {
      return new TraceSession() {
        private volatile boolean ended;

        @Override
        public void go() {
          Thread t = new Thread(() -> {
            while (!ended) {
              out.out("tick\n");
              try {
                Thread.sleep(50);
              } catch (InterruptedException e) {
                return;
              }
            }
          });
          t.setDaemon(true);
          t.start();
        }

        @Override
        public synchronized void stop() {
          if (!ended) {
            ended = true;
            out.out("END\n");
          }
        }

        @Override
        public boolean awaitEnd(long millis) throws InterruptedException {
          Thread.sleep(millis);
          return ended;
        }

        @Override
        public int exitStatus() {
          return 4;
        }

        @Override
        public TraceStats stats() {
          return new TraceStats(0, 0, 0, 0);
        }

        @Override
        public void close() {
          stop();
        }
      };
    }
  }
}

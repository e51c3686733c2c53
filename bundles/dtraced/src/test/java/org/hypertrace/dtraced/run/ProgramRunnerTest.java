package org.hypertrace.dtraced.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hypertrace.api.engine.DTraceEngine;
import org.hypertrace.api.engine.TraceOutput;
import org.hypertrace.api.engine.TraceSession;
import org.hypertrace.api.engine.TraceStats;
import org.hypertrace.api.program.DProgram;
import org.hypertrace.api.program.ProgramContainer;
import org.hypertrace.api.program.ProgramFormatException;
import org.hypertrace.dtraced.sub.ProgramStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's logic above the engine: output framing, exit, kill, and missing services. */
class ProgramRunnerTest {
  @TempDir Path spool;
  private final List<byte[]> sent = new CopyOnWriteArrayList<>();

  /** A container whose "program" is the file text: its options carry it to the engine. */
  private static final ProgramContainer TEXT = new ProgramContainer() {
    @Override
    public String format() {
      return "elf";
    }

    @Override
    public byte[] write(DProgram program) {
      return program.options().get("text").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public DProgram read(byte[] bytes) throws ProgramFormatException {
      String t = new String(bytes, StandardCharsets.UTF_8);
      if (t.startsWith("bad")) {
        throw new ProgramFormatException(".dtrace_prog: unsupported version");
      }
      return new DProgram(List.of(), Map.of("text", t), new byte[0]);
    }
  };

  /** An engine that prints the program text, then ends with status 3 unless told to wait. */
  private static final class FakeEngine implements DTraceEngine {
    final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public TraceSession open(DProgram program, Map<String, String> options, TraceOutput out) {
      String text = options.get("text");
      CountDownLatch end = new CountDownLatch(1);
      return new TraceSession() {
        int status;

        @Override
        public void go() {
          out.out(text + "\n");
          if (!text.equals("wait")) {
            status = 3;
            end.countDown();
          }
        }

        @Override
        public void stop() {
          out.out("END\n");
          stopped.countDown();
          end.countDown();
        }

        @Override
        public boolean awaitEnd(long millis) throws InterruptedException {
          end.await();
          return true;
        }

        @Override
        public int exitStatus() {
          return status;
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

  private ProgramStore.Program publish(ProgramStore store, String text) throws Exception {
    ProgramStore.Program p = store.publish(spool,
        org.hypertrace.dtraced.sub.proto.SubIdentity.random(), 7,
        text.getBytes(StandardCharsets.UTF_8), 0);
    store.start(p);
    return p;
  }

  private String channel(int i) {
    byte[] b = sent.get(i);
    return b[0] + ":" + (b[0] == DataChannel.EXIT ? String.valueOf(ByteBuffer.wrap(b, 1, 4)
        .getInt()) : new String(b, 1, b.length - 1, StandardCharsets.UTF_8));
  }

  private void awaitSent(int n) throws InterruptedException {
    long end = System.nanoTime() + 5_000_000_000L;
    while (sent.size() < n && System.nanoTime() < end) {
      Thread.sleep(5);
    }
  }

  @Test
  void testRun_outputThenExitStatus() throws Exception {
    ProgramStore store = new ProgramStore();
    store.addListener(new ProgramRunner(() -> TEXT, FakeEngine::new,
        (owner, id, p) -> sent.add(p), null));
    publish(store, "hello");
    awaitSent(2);
    assertEquals("1:hello\n", channel(0));
    assertEquals("3:3", channel(1));
  }

  @Test
  void testKill_runsEndAndReportsExit() throws Exception {
    ProgramStore store = new ProgramStore();
    FakeEngine engine = new FakeEngine();
    ProgramRunner runner = new ProgramRunner(() -> TEXT, () -> engine,
        (owner, id, p) -> sent.add(p), null);
    store.addListener(runner);
    ProgramStore.Program p = publish(store, "wait");
    awaitSent(1);
    assertEquals(1, runner.size());
    store.kill(p.id());
    assertTrue(engine.stopped.await(2, TimeUnit.SECONDS));
    awaitSent(3);
    assertEquals("1:END\n", channel(1));
    assertEquals("3:0", channel(2));
    assertEquals(0, runner.size());
    assertTrue(!Files.exists(p.file()));
  }

  @Test
  void testMissingEngine_oneLineAndStatus1() throws Exception {
    ProgramStore store = new ProgramStore();
    store.addListener(new ProgramRunner(() -> TEXT, () -> null, (owner, id, p) -> sent.add(p), null));
    publish(store, "x");
    assertEquals("2:dtrace: dtraced cannot run programs: bundle org.hypertrace.engine is not "
        + "active\n", channel(0));
    assertEquals("3:1", channel(1));
  }

  @Test
  void testMalformedProgram_namesTheField() throws Exception {
    ProgramStore store = new ProgramStore();
    store.addListener(new ProgramRunner(() -> TEXT, FakeEngine::new,
        (owner, id, p) -> sent.add(p), null));
    ProgramStore.Program p = publish(store, "bad");
    assertEquals("2:dtrace: invalid program " + p.id()
        + ": .dtrace_prog: unsupported version\n", channel(0));
  }
}

package org.hypertrace.transport.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.hypertrace.transport.frame.Frame;
import org.hypertrace.transport.frame.FrameKind;
import org.junit.jupiter.api.Test;

/** A stalled peer: DATA is dropped and counted, control is refused, memory stays bounded. */
class SendQueueTest {

  @Test
  void testSendQueue_stalledPeerDropsDataAndRefusesControl() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    OutputStream stalled = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
      }
    };
    Channel ch = new Channel("stalled", new ByteArrayInputStream(new byte[0]), stalled, () -> {},
        1 << 20);
    SendQueue q = new SendQueue(ch, 16, e -> {});
    Frame data = new Frame(FrameKind.DATA, 0, 1, new byte[100_000]);
    int queued = 0;
    for (int i = 0; i < 1000; i++) {
      if (q.offerData(data)) {
        queued++;
      }
    }
    // at most 12 queued (3/4 of 16) plus one in the writer's hands (a 100 KB frame fills the
    // 64 KiB buffer, so the writer blocks)
    assertTrue(queued <= 13, "queued " + queued);
    assertEquals(1000 - queued, q.drops());
    Frame ctl = new Frame(FrameKind.KILL, 0, 2, new byte[4]);
    int accepted = 0;
    while (q.offer(List.of(ctl))) {
      accepted++;
    }
    // the queue never holds more than its capacity (16), one more may be in the writer's hands
    assertTrue(queued - 1 + accepted <= 16, "queued " + queued + " accepted " + accepted);
    assertFalse(q.offer(List.of(ctl)));
    release.countDown();
    assertTrue(q.awaitEmpty(5000));
    assertTrue(q.offer(List.of(ctl)));
    q.close();
  }
}

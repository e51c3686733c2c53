package org.hypertrace.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.hypertrace.api.engine.TraceOutput;

/**
 * Standard output and standard error of one dtrace(1) run as the engine writes them: each char up
 * to U+00FF is one byte (ISO-8859-1, so D's byte strings pass unchanged) and a char above it, which
 * only the consumer itself produces (the UTF-8 bars of {@code aggencoding}), is written in UTF-8.
 *
 * <p>Standard output streams as it is produced without a write(2) per record: pieces are gathered
 * and written when 20 ms have passed since the last write (a flusher thread writes what a quiet
 * spell leaves), when 64 KiB are pending, before anything goes to standard error, and at the end
 * ({@link #finish}); dtrace likewise flushes after each pass over its buffers. A write error is
 * remembered, not thrown (dtrace keeps tracing when its output goes away).
 */
final class StreamOutput implements TraceOutput {
  private static final long FLUSH_NANOS = 20_000_000L;
  private static final int FLUSH_BYTES = 1 << 16;
  private OutputStream out;
  private final OutputStream err;
  private boolean outFailed;
  private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
  private long lastWrite = System.nanoTime();
  private Thread flusher;
  private boolean finished;
  private OutputStream owned;

  StreamOutput(OutputStream out, OutputStream err) {
    this.out = out;
    this.err = err;
  }

  /** Sends standard output to a file ({@code -o}), which {@link #finish} closes. */
  synchronized void redirect(OutputStream file) {
    flush();
    this.out = file;
    this.owned = file;
  }

  @Override
  public synchronized void out(CharSequence text) {
    if (outFailed) {
      return;
    }
    pending.writeBytes(bytes(text));
    if (pending.size() >= FLUSH_BYTES || System.nanoTime() - lastWrite >= FLUSH_NANOS) {
      drain();
    } else if (flusher == null && !finished) {
      flusher = new Thread(this::flushLoop, "dtrace-output");
      flusher.setDaemon(true);
      flusher.start();
    }
  }

  /** Writes what is pending to standard output. */
  private void drain() {
    lastWrite = System.nanoTime();
    if (pending.size() == 0 || outFailed) {
      pending.reset();
      return;
    }
    try {
      pending.writeTo(out);
      out.flush();
    } catch (IOException e) {
      outFailed = true;
    }
    pending.reset();
  }

  private void flushLoop() {
    while (true) {
      try {
        Thread.sleep(FLUSH_NANOS / 1_000_000);
      } catch (InterruptedException e) {
        return;
      }
      synchronized (this) {
        if (finished) {
          return;
        }
        if (pending.size() > 0 && System.nanoTime() - lastWrite >= FLUSH_NANOS) {
          drain();
        }
      }
    }
  }

  /** Writes everything and stops the flusher: the end of a run. */
  synchronized void finish() {
    finished = true;
    flush();
    if (flusher != null) {
      flusher.interrupt();
      flusher = null;
    }
    if (owned != null) {
      try {
        owned.close();
      } catch (IOException e) {
        outFailed = true;
      }
      owned = null;
    }
  }

  @Override
  public synchronized void err(CharSequence text) {
    drain();
    try {
      err.write(bytes(text));
      err.flush();
    } catch (IOException e) {
      // standard error is gone: nothing left to report to
      return;
    }
  }

  /** Flushes both streams. */
  synchronized void flush() {
    drain();
    try {
      err.flush();
    } catch (IOException e) {
      // see err()
      return;
    }
  }

  /** @return the bytes of text: chars up to U+00FF as one byte each, others as UTF-8 */
  static byte[] bytes(CharSequence text) {
    String s = text.toString();
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xff) {
        return mixed(s);
      }
    }
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] mixed(String s) {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(s.length() + 16);
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c <= 0xff) {
        b.write(c);
        i++;
        continue;
      }
      int end = i + 1;
      while (end < s.length() && s.charAt(end) > 0xff) {
        end++;
      }
      b.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
      i = end;
    }
    return b.toByteArray();
  }
}

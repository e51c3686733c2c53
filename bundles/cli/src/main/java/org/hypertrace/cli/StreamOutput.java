package org.hypertrace.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.hypertrace.api.engine.TraceOutput;

/**
 * Standard output and standard error of one dtrace(1) run as the engine writes them: each char is
 * one byte (ISO-8859-1, so D's byte strings pass unchanged), standard output is flushed after each
 * piece so output streams as it is produced, and a write error is remembered, not thrown (dtrace
 * keeps tracing when its output goes away).
 */
final class StreamOutput implements TraceOutput {
  private OutputStream out;
  private final OutputStream err;
  private boolean outFailed;

  StreamOutput(OutputStream out, OutputStream err) {
    this.out = out;
    this.err = err;
  }

  /** Sends standard output to a file ({@code -o}). */
  synchronized void redirect(OutputStream file) {
    flush();
    this.out = file;
  }

  @Override
  public synchronized void out(CharSequence text) {
    if (outFailed) {
      return;
    }
    try {
      out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    } catch (IOException e) {
      outFailed = true;
    }
  }

  @Override
  public synchronized void err(CharSequence text) {
    try {
      out.flush();
      err.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
      err.flush();
    } catch (IOException e) {
      // standard error is gone: nothing left to report to
      return;
    }
  }

  /** Flushes both streams. */
  synchronized void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      outFailed = true;
    }
    try {
      err.flush();
    } catch (IOException e) {
      // see err()
      return;
    }
  }
}

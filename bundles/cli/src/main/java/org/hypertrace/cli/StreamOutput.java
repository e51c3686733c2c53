package org.hypertrace.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.hypertrace.api.engine.TraceOutput;

/**
 * Standard output and standard error of one dtrace(1) run as the engine writes them: each char up
 * to U+00FF is one byte (ISO-8859-1, so D's byte strings pass unchanged) and a char above it, which
 * only the consumer itself produces (the UTF-8 bars of {@code aggencoding}), is written in UTF-8;
 * standard output is flushed after each
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
      out.write(bytes(text));
      out.flush();
    } catch (IOException e) {
      outFailed = true;
    }
  }

  @Override
  public synchronized void err(CharSequence text) {
    try {
      out.flush();
      err.write(bytes(text));
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

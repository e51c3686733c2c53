package org.hypertrace.shell.remote;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/** Runs command lines in a Gogo session of the daemon's framework, streaming their output. */
public final class GogoCommandRunner implements CommandRunner {
  private final CommandProcessor processor;

  /** @param processor Gogo's command processor service */
  public GogoCommandRunner(CommandProcessor processor) {
    this.processor = processor;
  }

  @Override
  public Session open() {
    SwitchingOutput sink = new SwitchingOutput();
    PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
    CommandSession s = processor.createSession(new ByteArrayInputStream(new byte[0]), ps, ps);
    return new Session() {
      @Override
      public synchronized int execute(String line, OutputStream out) {
        sink.target = out;
        int status = 0;
        try {
          Object r = s.execute(line);
          if (r != null) {
            ps.println(s.format(r, Converter.INSPECT));
          }
        } catch (Exception e) {
          status = 1;
          ps.println(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        ps.flush();
        sink.target = OutputStream.nullOutputStream();
        return status;
      }

      @Override
      public void close() {
        s.close();
      }
    };
  }

  /** The session's output stream, pointed at the running command's client. */
  private static final class SwitchingOutput extends OutputStream {
    volatile OutputStream target = OutputStream.nullOutputStream();

    @Override
    public void write(int b) throws java.io.IOException {
      target.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws java.io.IOException {
      target.write(b, off, len);
    }

    @Override
    public void flush() throws java.io.IOException {
      target.flush();
    }
  }
}

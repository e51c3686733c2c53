package org.hypertrace.shell.remote;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/** Runs command lines in a Gogo session of the daemon's framework. */
public final class GogoCommandRunner implements CommandRunner {
  private final CommandProcessor processor;

  /** @param processor Gogo's command processor service */
  public GogoCommandRunner(CommandProcessor processor) {
    this.processor = processor;
  }

  @Override
  public Session open() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
    CommandSession s = processor.createSession(new ByteArrayInputStream(new byte[0]), ps, ps);
    return new Session() {
      @Override
      public Result execute(String line) {
        int status = 0;
        synchronized (buf) {
          buf.reset();
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
          return new Result(status, buf.toString(StandardCharsets.UTF_8));
        }
      }

      @Override
      public void close() {
        s.close();
      }
    };
  }
}

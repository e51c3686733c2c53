package org.hypertrace.shell.component;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.felix.service.command.CommandProcessor;
import org.hypertrace.api.daemon.DaemonInfo;
import org.hypertrace.shell.remote.CommandSocketServer;
import org.hypertrace.shell.remote.GogoCommandRunner;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Opens {@code BASE/shell.sock} for {@code scripts/dtraced exec|shell} once the daemon is
 * configured. When the base directory changes, DS re-binds DaemonInfo (static reference) and the
 * socket moves with it.
 */
@Component(immediate = true)
public final class CommandSocketComponent {
  /** The socket's file name in the base directory. */
  public static final String SOCKET = "shell.sock";

  @Reference
  private CommandProcessor processor;

  @Reference
  private DaemonInfo daemon;

  private CommandSocketServer server;

  @Activate
  void activate() {
    Path p = daemon.baseDirectory().resolve(SOCKET);
    try {
      server = new CommandSocketServer(p, new GogoCommandRunner(processor));
    } catch (IOException e) {
      System.err.println("dtraced: cannot open command socket " + p + ": " + e.getMessage());
    }
  }

  @Deactivate
  void deactivate() {
    if (server != null) {
      server.close();
    }
  }
}

package org.hypertrace.dtraced.component;

import java.io.IOException;
import org.hypertrace.api.daemon.DaemonInfo;
import org.hypertrace.api.daemon.SessionRegistry;
import org.hypertrace.dtraced.log.DaemonLog;
import org.hypertrace.dtraced.sub.ProgramStore;
import org.hypertrace.dtraced.sub.SubSocketServer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Opens {@code BASE/sub.sock} once the daemon is configured and offers its sessions as
 * {@link SessionRegistry} for the shell's commands.
 */
@Component(immediate = true, service = {})
public final class SubSocketComponent {
  @Reference
  private DaemonInfo daemon;

  private SubSocketServer server;
  private ServiceRegistration<SessionRegistry> registration;

  @Activate
  void activate(BundleContext ctx) {
    try {
      server = new SubSocketServer(daemon.baseDirectory(), daemon.socketGroup(),
          new ProgramStore());
      registration = ctx.registerService(SessionRegistry.class, server, null);
    } catch (IOException e) {
      DaemonLog.error("cannot open " + daemon.baseDirectory().resolve(SubSocketServer.SOCKET)
          + ": " + e.getMessage());
    }
  }

  @Deactivate
  void deactivate() {
    if (registration != null) {
      registration.unregister();
    }
    if (server != null) {
      server.close();
    }
  }
}

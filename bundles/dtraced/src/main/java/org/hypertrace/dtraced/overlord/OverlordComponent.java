package org.hypertrace.dtraced.overlord;

import java.io.IOException;
import java.nio.file.Path;
import org.hypertrace.api.daemon.DaemonInfo;
import org.hypertrace.api.transport.Overlord;
import org.hypertrace.dtraced.log.DaemonLog;
import org.hypertrace.dtraced.role.RoleFollower;
import org.hypertrace.transport.channel.Endpoint;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Runs an {@link OverlordCore} while the daemon's role is overlord, listening on the daemon's
 * address, and registers it as the {@link Overlord} service; a {@link RoleFollower} restarts the
 * core when role, base or address change.
 */
@Component(immediate = true, service = {}, configurationPid = TransportConfig.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = TransportConfig.class)
public final class OverlordComponent {
  @Reference
  DaemonInfo daemon;

  private BundleContext context;
  private volatile TransportConfig config;
  private RoleFollower follower;
  private OverlordCore core;
  private BaseWatcher baseWatcher;
  private final java.util.List<GuestDialer> dialers = new java.util.ArrayList<>();
  private ServiceRegistration<Overlord> registration;

  @Activate
  void activate(BundleContext ctx, TransportConfig cfg) {
    this.context = ctx;
    this.config = cfg;
    follower = new RoleFollower("overlord", new RoleFollower.Part() {
      @Override
      public String key() {
        return daemon.role() == DaemonInfo.Role.OVERLORD
            ? daemon.baseDirectory() + "|" + daemon.address() : null;
      }

      @Override
      public boolean start() {
        startCore(daemon.baseDirectory(), daemon.address());
        return core != null;
      }

      @Override
      public void stop() {
        stopCore();
      }
    });
  }

  @Modified
  void modified(TransportConfig cfg) {
    this.config = cfg;
    follower.restart();
  }

  @Deactivate
  void deactivate() {
    follower.close();
  }

  private void startCore(Path base, String address) {
    TransportConfig c = config;
    try {
      core = new OverlordCore(base, TransportOptionsMapper.options(c));
      core.setKeepalive(c.keepalive_ms());
      // a .cfg file gives one string: accept "a,b" there as well as a .config array
      for (String sock : String.join(",", c.guest_sockets()).split(",")) {
        if (!sock.isBlank()) {
          GuestDialer d = new GuestDialer(core, sock.trim(), TransportOptionsMapper.options(c),
              c.reconnect_max_ms());
          dialers.add(d);
          d.start();
        }
      }
      if (!address.isEmpty()) {
        core.listen(Endpoint.parse(address));
      }
    } catch (IOException | IllegalArgumentException e) {
      DaemonLog.error("overlord: cannot listen on " + address + ": " + e.getMessage());
      if (core == null) {
        return;
      }
    }
    if (c.watch_base()) {
      baseWatcher = new BaseWatcher(base, core);
      Thread t = new Thread(baseWatcher, "overlord base/ watcher");
      t.setDaemon(true);
      t.start();
    }
    registration = context.registerService(Overlord.class, core, null);
  }

  private synchronized void stopCore() {
    if (registration != null) {
      try {
        registration.unregister();
      } catch (IllegalStateException e) {
        // already gone with the bundle
      }
      registration = null;
    }
    if (baseWatcher != null) {
      baseWatcher.close();
      baseWatcher = null;
    }
    dialers.forEach(GuestDialer::close);
    dialers.clear();
    if (core != null) {
      core.close();
      core = null;
    }
  }
}

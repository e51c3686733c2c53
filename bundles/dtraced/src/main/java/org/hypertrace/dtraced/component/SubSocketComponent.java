package org.hypertrace.dtraced.component;

import java.io.IOException;
import java.util.List;
import org.hypertrace.api.daemon.DaemonInfo;
import org.hypertrace.api.daemon.SessionRegistry;
import org.hypertrace.api.engine.DTraceEngine;
import org.hypertrace.api.program.ProgramContainer;
import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.api.transport.Overlord;
import org.hypertrace.api.types.ProgramLinker;
import org.hypertrace.api.types.TypeRegistry;
import org.hypertrace.dtraced.minion.TargetMatcher;
import org.hypertrace.dtraced.remote.FiringCollector;
import org.hypertrace.dtraced.remote.NodeLinking;
import org.hypertrace.dtraced.remote.RemoteProvider;
import org.hypertrace.dtraced.log.DaemonLog;
import org.hypertrace.dtraced.run.ProgramRunner;
import org.hypertrace.dtraced.sub.ProgramStore;
import org.hypertrace.dtraced.sub.SubSocketServer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Opens {@code BASE/sub.sock} once the daemon is configured, runs the programs consumers publish
 * there in the engine, and offers its sessions as {@link SessionRegistry} for the shell's commands.
 */
@Component(immediate = true, service = {})
public final class SubSocketComponent {
  @Reference
  private DaemonInfo daemon;

  // dynamic: a live upgrade of the compiler or engine bundle must not close sub.sock
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY, target = "(format=elf)")
  private volatile ProgramContainer container;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile DTraceEngine engine;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile ProgramLinker linker;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile TypeRegistry types;

  /** Binds -E programs to the minions' firings; a ProbeProvider service for the engine. */
  private final RemoteProvider remote = new RemoteProvider();
  private volatile Overlord overlord;

  // the host's own providers, for the host's part of -E programs (dynamic: upgrades are harmless)
  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private final List<ProbeProvider> providers = new java.util.concurrent.CopyOnWriteArrayList<>();
  private FiringCollector hostCollector;
  private SubSocketServer server;
  private ServiceRegistration<ProbeProvider> remoteRegistration;
  private ServiceRegistration<SessionRegistry> registration;

  @Activate
  void activate(BundleContext ctx) {
    try {
      ProgramStore store = new ProgramStore();
      server = new SubSocketServer(daemon.baseDirectory(), daemon.socketGroup(), store);
      SubSocketServer srv = server;
      ProgramRunner runner = new ProgramRunner(() -> container, () -> engine, srv::deliver,
          remote);
      TargetMatcher self = new TargetMatcher("hostname,version", hostName(), daemon.nodeName(),
          "", System.getProperty("os.version"));
      remote.setVerification(() -> container, () -> linker, () -> types);
      hostCollector = new FiringCollector(() -> container, () -> providers.stream()
          .filter(pp -> pp != remote).toList(), self,
          new NodeLinking(() -> linker, () -> types, () -> engine));
      runner.setLocalNode(hostCollector, daemon.nodeName(), self);
      runner.setMinions(() -> {
        Overlord o = overlord;
        return o == null ? List.of() : o.minions();
      });
      store.addListener(runner);
      server.setStats(runner::stats);
      remoteRegistration = ctx.registerService(ProbeProvider.class, remote, null);
      registration = ctx.registerService(SessionRegistry.class, server, null);
    } catch (IOException e) {
      DaemonLog.error("cannot open " + daemon.baseDirectory().resolve(SubSocketServer.SOCKET)
          + ": " + e.getMessage());
    }
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      unbind = "unbindOverlord")
  void bindOverlord(Overlord o) {
    o.addDataListener(remote);
    overlord = o;
  }

  void unbindOverlord(Overlord o) {
    o.removeDataListener(remote);
    if (overlord == o) {
      overlord = null;
    }
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }

  @Deactivate
  void deactivate() {
    if (hostCollector != null) {
      hostCollector.close();
    }
    if (remoteRegistration != null) {
      remoteRegistration.unregister();
    }
    if (registration != null) {
      registration.unregister();
    }
    if (server != null) {
      server.close();
    }
  }
}

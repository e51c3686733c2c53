package org.hypertrace.dtraced.minion;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hypertrace.api.program.ProgramContainer;
import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.dtraced.remote.FiringCollector;
import org.hypertrace.dtraced.remote.MinionRunner;
import org.hypertrace.dtraced.role.RoleFollower;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import java.io.IOException;
import java.nio.file.Path;
import org.hypertrace.api.daemon.DaemonInfo;
import org.hypertrace.dtraced.log.DaemonLog;
import org.hypertrace.dtraced.overlord.TransportConfig;
import org.hypertrace.dtraced.overlord.TransportOptionsMapper;
import org.hypertrace.transport.channel.Endpoint;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.hypertrace.api.engine.DTraceEngine;
import org.hypertrace.api.types.ProgramLinker;
import org.hypertrace.api.types.TypeRegistry;
import org.hypertrace.dtraced.remote.NodeLinking;
import org.osgi.service.component.annotations.Reference;

/**
 * Runs a {@link MinionCore} while the daemon's role is minion, connected to the daemon's address,
 * with a {@link MinionRunner}: ELF programs go to a {@link FiringCollector} that arms their probes
 * here and sends firings up, other payloads to the {@link HeartbeatRunner}. Follows role and address changes like the
 * overlord component does.
 */
@Component(immediate = true, service = {}, configurationPid = TransportConfig.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class MinionComponent {
  @Reference
  DaemonInfo daemon;

  // dynamic: programs look these up when they start, so upgrades of those bundles are harmless
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY, target = "(format=elf)")
  volatile ProgramContainer container;

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  final List<ProbeProvider> providers = new CopyOnWriteArrayList<>();

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile ProgramLinker linker;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile TypeRegistry types;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile DTraceEngine engine;

  private volatile TransportConfig config;
  private RoleFollower follower;
  private MinionCore core;

  @Activate
  void activate(TransportConfig cfg) {
    this.config = cfg;
    follower = new RoleFollower("minion", new RoleFollower.Part() {
      @Override
      public String key() {
        return daemon.role() == DaemonInfo.Role.MINION && !daemon.address().isEmpty()
            ? daemon.baseDirectory() + "|" + daemon.address() + "|" + daemon.nodeName() : null;
      }

      @Override
      public boolean start() {
        startCore(daemon.baseDirectory(), daemon.address(), daemon.nodeName());
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

  private void startCore(Path base, String address, String node) {
    TransportConfig c = config;
    try {
      NodeFacts facts = NodeFacts.probe(Path.of("/"));
      TargetMatcher matcher = new TargetMatcher(c.resolvers(), facts.hostname(), node,
          facts.osName(), facts.osVersion());
      // HyperTrace mode: ELF programs arm what their statements need here and send firings up;
      // opaque payloads (transport tests) get the heartbeat runner
      Path journal = base.resolve("minion-runner.log");
      ProgramRunner runner = new MinionRunner(
          new FiringCollector(() -> container, () -> List.copyOf(providers), matcher,
              new NodeLinking(() -> linker, () -> types, () -> engine)),
          new HeartbeatRunner(node, c.heartbeat_ms(), journal), journal);
      core = new MinionCore(base, node, Endpoint.parse(address),
          TransportOptionsMapper.options(c), runner, facts, matcher, Path.of("/"),
          c.reconnect_max_ms());
      core.setKeepalive(c.keepalive_ms());
      core.start();
      DaemonLog.info("minion: " + node + " connecting to " + address);
    } catch (IOException | IllegalArgumentException e) {
      DaemonLog.error("minion: cannot start: " + e.getMessage());
      core = null;
    }
  }

  private synchronized void stopCore() {
    if (core != null) {
      core.close();
      core = null;
    }
  }
}

package org.hypertrace.dtraced.minion;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
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
import org.osgi.service.component.annotations.Reference;

/**
 * Runs a {@link MinionCore} while the daemon's role is minion, connected to the daemon's address,
 * with the default {@link HeartbeatRunner} (journal {@code minion-runner.log} in the base
 * directory) until the engine provides a runner. Follows role and address changes like the
 * overlord component does.
 */
@Component(immediate = true, service = {}, configurationPid = TransportConfig.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class MinionComponent {
  private static final long POLL_MS = 500;

  @Reference
  DaemonInfo daemon;

  private volatile TransportConfig config;
  private volatile boolean stopped;
  private Thread watcher;
  private String runningKey;
  private MinionCore core;

  @Activate
  void activate(TransportConfig cfg) {
    this.config = cfg;
    watcher = new Thread(this::watch, "minion role watcher");
    watcher.setDaemon(true);
    watcher.start();
  }

  @Modified
  void modified(TransportConfig cfg) {
    this.config = cfg;
    synchronized (this) {
      runningKey = null;
    }
  }

  @Deactivate
  void deactivate() {
    stopped = true;
    watcher.interrupt();
    try {
      watcher.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stopCore();
  }

  private void watch() {
    while (!stopped) {
      try {
        follow();
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        DaemonLog.warn("minion: " + e);
      }
    }
  }

  private synchronized void follow() {
    String key;
    try {
      key = daemon.role() == DaemonInfo.Role.MINION && !daemon.address().isEmpty()
          ? daemon.baseDirectory() + "|" + daemon.address() + "|" + daemon.nodeName() : null;
    } catch (RuntimeException e) {
      return;
    }
    if (Objects.equals(key, runningKey) && (key == null || core != null)) {
      return;
    }
    stopCore();
    runningKey = key;
    if (key != null && !stopped) {
      startCore(daemon.baseDirectory(), daemon.address(), daemon.nodeName());
    }
  }

  private void startCore(Path base, String address, String node) {
    TransportConfig c = config;
    try {
      NodeFacts facts = NodeFacts.probe(Path.of("/"));
      TargetMatcher matcher = new TargetMatcher(c.resolvers(), facts.hostname(), node,
          facts.osName(), facts.osVersion());
      HeartbeatRunner runner = new HeartbeatRunner(node, c.heartbeat_ms(),
          base.resolve("minion-runner.log"));
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

package org.hypertrace.dtraced.component;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.hypertrace.api.daemon.DaemonInfo;
import org.hypertrace.dtraced.config.DaemonConfig;
import org.hypertrace.dtraced.log.DaemonLog;
import org.hypertrace.dtraced.config.DaemonConfigParser;
import org.hypertrace.dtraced.config.InvalidConfigException;
import org.hypertrace.dtraced.spool.BaseDirectory;
import org.hypertrace.dtraced.spool.BaseDirectoryException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The dtraced daemon component: takes role, node name, base directory and addresses from Config
 * Admin (PID {@code org.hypertrace.dtraced}), claims the base directory, and offers
 * {@link DaemonInfo}. A configuration edited while running is applied in place ({@code @Modified});
 * a bad value is logged with its key and the last good configuration stays. The service is
 * registered by hand, only once a configuration is good: DS would register it before activate
 * could refuse, and an activate that throws leaves a stack trace in the log.
 */
@Component(immediate = true, configurationPid = DaemonConfigParser.PID, service = {})
@Designate(ocd = DaemonComponent.Config.class)
public final class DaemonComponent implements DaemonInfo {

  /** The configuration the daemon reads (the .cfg files under config/ROLE). */
  @ObjectClassDefinition(name = "HyperTrace dtraced")
  public @interface Config {
    /** @return overlord or minion */
    @AttributeDefinition(description = "overlord (host) or minion (guest)")
    String role() default "overlord";

    /** @return node name; empty means the host name */
    @AttributeDefinition(description = "node name (vmname); empty = host name")
    String node_name() default "";

    /** @return base directory; empty means the default for the user */
    @AttributeDefinition(description = "base directory; empty = /var/ddtrace for root")
    String base_dir() default "";

    /** @return overlord listen address */
    @AttributeDefinition(description = "overlord: unix:PATH, tcp:HOST:PORT or tls:HOST:PORT")
    String listen() default "";

    /** @return group admitted to sub.sock besides root */
    @AttributeDefinition(description = "group admitted to sub.sock besides root; empty = root only")
    String socket_group() default "";

    /** @return minion connect address */
    @AttributeDefinition(description = "minion: the overlord's address, or virtio:PORTNAME")
    String connect() default "";
  }

  /** Framework property: stop the framework when the first configuration is unusable. */
  static final String FAIL_FAST = "org.hypertrace.launcher.failfast";
  /** System property the launcher reads for its exit status after a fail-fast stop. */
  static final String EXIT_STATUS = "org.hypertrace.launcher.exit";

  private final DaemonConfigParser parser =
      new DaemonConfigParser(hostName(), DaemonConfigParser.defaultBaseDirectory());
  private final Instant startedAt = Instant.now();
  private volatile DaemonConfig config;
  private volatile BaseDirectory base;
  private volatile Instant configuredAt;
  private BundleContext context;
  private volatile ServiceRegistration<DaemonInfo> registration;

  @Activate
  void activate(BundleContext ctx, Map<String, Object> props) {
    this.context = ctx;
    try {
      apply(parser.parse(props));
    } catch (InvalidConfigException | BaseDirectoryException e) {
      DaemonLog.error(e.getMessage());
      failStartup();
    }
  }

  @Modified
  void modified(Map<String, Object> props) {
    try {
      apply(parser.parse(props));
    } catch (InvalidConfigException | BaseDirectoryException e) {
      DaemonLog.warn(e.getMessage() + "; keeping the last good configuration");
    }
  }

  @Deactivate
  void deactivate() {
    ServiceRegistration<DaemonInfo> r = registration;
    if (r != null) {
      try {
        r.unregister();
      } catch (IllegalStateException e) {
        // already gone with the bundle
      }
      registration = null;
    }
    BaseDirectory b = base;
    if (b != null) {
      b.close();
      base = null;
    }
    DaemonLog.info("stopped");
  }

  private synchronized void apply(DaemonConfig next) throws BaseDirectoryException {
    DaemonConfig prev = config;
    if (next.equals(prev)) {
      return;
    }
    if (prev == null || !prev.baseDirectory().equals(next.baseDirectory())) {
      // claim the new base before letting go of the old one, so a refusal changes nothing
      BaseDirectory claimed = BaseDirectory.claim(next.baseDirectory());
      BaseDirectory old = base;
      base = claimed;
      if (old != null) {
        old.close();
      }
    }
    boolean moved = prev != null && !prev.baseDirectory().equals(next.baseDirectory());
    config = next;
    configuredAt = Instant.now();
    if (moved && registration != null) {
      // sockets live in the base directory: re-register so their components rebind and move
      registration.unregister();
      registration = null;
      DaemonLog.info("base directory moved from " + prev.baseDirectory() + "; sockets reopen");
    }
    if (registration == null) {
      registration = context.registerService(DaemonInfo.class, this, null);
    }
    DaemonLog.info("configured: role=" + next.role().name().toLowerCase() + " node.name="
        + next.nodeName() + " base.dir=" + next.baseDirectory()
        + (next.address().isEmpty() ? "" : " address=" + next.address()));
  }

  /** With no good configuration yet, tell the launcher (which polls this property) to give up. */
  private void failStartup() {
    if (config == null && Boolean.parseBoolean(context.getProperty(FAIL_FAST))) {
      System.setProperty(EXIT_STATUS, "1");
    }
  }

  private static String hostName() {
    try {
      String h = InetAddress.getLocalHost().getHostName();
      int dot = h.indexOf('.');
      return dot > 0 ? h.substring(0, dot) : h;
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  @Override
  public Role role() {
    return config.role();
  }

  @Override
  public String nodeName() {
    return config.nodeName();
  }

  @Override
  public Path baseDirectory() {
    return config.baseDirectory();
  }

  @Override
  public String address() {
    return config.address();
  }

  @Override
  public String socketGroup() {
    return config.socketGroup();
  }

  @Override
  public Instant configuredAt() {
    return configuredAt;
  }

  @Override
  public Instant startedAt() {
    return startedAt;
  }
}

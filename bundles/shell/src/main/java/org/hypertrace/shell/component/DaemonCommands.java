package org.hypertrace.shell.component;

import java.time.Instant;
import org.hypertrace.api.daemon.DaemonInfo;
import org.hypertrace.shell.status.StatusReport;
import org.hypertrace.shell.upgrade.BundleUpgrader;
import org.hypertrace.shell.upgrade.UpgradeException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Gogo commands of scope {@code dtraced}: {@code status} and {@code upgrade}. */
@Component(service = DaemonCommands.class, immediate = true, property = {
    "osgi.command.scope=dtraced", "osgi.command.function=status",
    "osgi.command.function=upgrade"})
public final class DaemonCommands {
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  private volatile DaemonInfo daemon;

  private BundleContext context;

  @Activate
  void activate(BundleContext ctx) {
    this.context = ctx;
  }

  /** @return role, node name, base directory, uptime and every bundle with version and state */
  public String status() {
    return StatusReport.format(daemon, context.getBundles(), Instant.now());
  }

  /**
   * Updates one bundle in the running daemon and refreshes its dependents.
   *
   * @param symbolicName the bundle
   * @param location     jar path or URL
   * @return the old and new version
   * @throws UpgradeException when refused or failed (the command exits 1)
   */
  public String upgrade(String symbolicName, String location) throws UpgradeException {
    return new BundleUpgrader(context).upgrade(symbolicName, location);
  }
}

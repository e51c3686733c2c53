package org.hypertrace.shell.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.hypertrace.api.daemon.DaemonInfo;
import org.hypertrace.shell.upgrade.BundleUpgrader;
import org.osgi.framework.Bundle;

/** Formats {@code dtraced:status}: the daemon's identity, uptime, and every bundle. */
public final class StatusReport {
  private StatusReport() {}

  /**
   * @param info    the daemon, or null when its component is not active
   * @param bundles the framework's bundles
   * @param now     the current time
   * @return the report text
   */
  public static String format(DaemonInfo info, Bundle[] bundles, Instant now) {
    StringBuilder sb = new StringBuilder();
    if (info == null) {
      sb.append("dtraced:   not active (no valid configuration)\n");
    } else {
      sb.append(String.format("role:      %s%n", info.role().name().toLowerCase(Locale.ROOT)));
      sb.append(String.format("node name: %s%n", info.nodeName()));
      sb.append(String.format("base dir:  %s%n", info.baseDirectory()));
      if (!info.address().isEmpty()) {
        sb.append(String.format("address:   %s%n", info.address()));
      }
      sb.append(String.format("uptime:    %s%n", uptime(Duration.between(info.startedAt(), now))));
    }
    sb.append(String.format("bundles:%n%4s  %-11s %-28s %s%n", "ID", "STATE", "VERSION",
        "SYMBOLIC NAME"));
    for (Bundle b : bundles) {
      sb.append(String.format("%4d  %-11s %-28s %s%n", b.getBundleId(),
          BundleUpgrader.stateName(b.getState()), b.getVersion(), b.getSymbolicName()));
    }
    return sb.toString();
  }

  /** @param d a duration @return it as {@code Nd HH:MM:SS} */
  public static String uptime(Duration d) {
    long s = Math.max(0, d.getSeconds());
    return String.format("%dd %02d:%02d:%02d", s / 86400, (s / 3600) % 24, (s / 60) % 60, s % 60);
  }
}

package org.hypertrace.shell.component;

import java.time.Duration;
import java.time.Instant;
import org.hypertrace.api.daemon.ClientInfo;
import org.hypertrace.api.daemon.SessionRegistry;
import org.hypertrace.shell.status.StatusReport;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands over dtraced's sub.sock sessions: {@code dtraced:clients},
 * {@code dtraced:sessions}, {@code dtraced:kill ID}, {@code dtraced:cleanup}.
 */
@Component(service = SessionCommands.class, property = {"osgi.command.scope=dtraced",
    "osgi.command.function=clients", "osgi.command.function=sessions",
    "osgi.command.function=kill", "osgi.command.function=cleanup"})
public final class SessionCommands {
  @Reference
  private SessionRegistry registry;

  /** @return every client: id, kind, user, identity, subscriptions, programs, bytes */
  public String clients() {
    StringBuilder sb = new StringBuilder(String.format(
        "%4s %-10s %-10s %-32s %-28s %8s %10s %8s %10s %10s%n", "ID", "KIND", "USER", "IDENTITY",
        "SUBSCRIPTIONS", "PROGRAMS", "FIRINGS", "DROPS", "BYTES-IN", "BYTES-OUT"));
    for (ClientInfo c : registry.clients()) {
      sb.append(String.format("%4d %-10s %-10s %-32s %-28s %8d %10d %8d %10d %10d%n", c.id(),
          c.kind(), c.user(), c.identity(), String.join(",", c.subscriptions()),
          c.programs().size(), c.firings(), c.drops(), c.bytesIn(), c.bytesOut()));
    }
    return sb.toString();
  }

  /** @return one row per active program: identity, owning client, age */
  public String sessions() {
    StringBuilder sb = new StringBuilder(String.format("%-32s %4s %-10s %-12s %10s %8s%n",
        "PROGRAM", "CLIENT", "KIND", "AGE", "FIRINGS", "DROPS"));
    Instant now = Instant.now();
    for (ClientInfo c : registry.clients()) {
      for (String p : c.programs()) {
        sb.append(String.format("%-32s %4d %-10s %-12s %10d %8d%n", p, c.id(), c.kind(),
            StatusReport.uptime(Duration.between(c.connectedAt(), now)), c.firings(), c.drops()));
      }
    }
    return sb.toString();
  }

  /**
   * @param id a program identity (hex) or a unique prefix
   * @return a confirmation
   * @throws IllegalArgumentException when no single program matches (the command fails)
   */
  public String kill(String id) {
    if (!registry.kill(id)) {
      throw new IllegalArgumentException("no active program " + id
          + " (or the prefix is ambiguous)");
    }
    return "program " + id + " killed";
  }

  /** @return how many programs were removed */
  public String cleanup() {
    return registry.cleanup() + " program(s) removed";
  }
}

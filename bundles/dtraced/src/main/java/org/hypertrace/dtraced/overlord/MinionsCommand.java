package org.hypertrace.dtraced.overlord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hypertrace.api.transport.MinionInfo;
import org.hypertrace.api.transport.Overlord;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Gogo command {@code dtraced:minions}: the overlord's minion registry, one line per node, as
 * {@code dtracedctl minions} prints it.
 */
@Component(service = MinionsCommand.class, property = {"osgi.command.scope=dtraced",
    "osgi.command.function=minions"})
public final class MinionsCommand {
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile Overlord overlord;

  /** @return the registry table */
  public String minions() {
    Overlord o = overlord;
    if (o == null) {
      return "dtraced: not an overlord (no minion registry)";
    }
    return format(o.minions(), o.programs().size(), Instant.now());
  }

  /**
   * @param rows   registry rows
   * @param active active programs at the overlord
   * @param now    the current time (for "last seen" ages)
   * @return the table
   */
  public static String format(List<MinionInfo> rows, int active, Instant now) {
    StringBuilder sb = new StringBuilder(String.format("%-6s %-16s %-24s %-9s %8s %10s %12s "
        + "%12s %8s%n", "NODE", "NAME", "ADDRESS", "STATE", "PROGRAMS", "LAST SEEN", "BYTES IN",
        "BYTES OUT", "DROPS"));
    for (MinionInfo m : rows) {
      String seen = m.lastSeen().equals(Instant.EPOCH) ? "never"
          : Duration.between(m.lastSeen(), now).toSeconds() + "s ago";
      sb.append(String.format("%-6d %-16s %-24s %-9s %8d %10s %12d %12d %8d%n", m.nodeId(),
          m.name(), m.address(), m.state(), m.programs().size(), seen, m.bytesIn(),
          m.bytesOut(), m.drops()));
    }
    sb.append(rows.size()).append(" minion(s), ").append(active).append(" active program(s)");
    return sb.toString();
  }
}

package org.hypertrace.shell.upgrade;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Version;

/**
 * Decides whether a bundle's new exports keep the promises of its old ones, by the semantic
 * versions bnd-baseline puts on every exported package at build time: a package that disappears
 * or changes major version breaks every importer, so a live update must refuse it.
 */
public final class CompatibilityCheck {
  private CompatibilityCheck() {}

  /**
   * @param current   exports of the installed bundle
   * @param candidate exports of the new jar
   * @return the reasons the candidate is incompatible, empty if it is compatible
   */
  public static List<String> problems(Map<String, Version> current,
      Map<String, Version> candidate) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Version> e : current.entrySet()) {
      Version next = candidate.get(e.getKey());
      if (next == null) {
        out.add("package " + e.getKey() + " " + e.getValue() + " is no longer exported");
      } else if (next.getMajor() != e.getValue().getMajor()) {
        out.add("package " + e.getKey() + " changes from " + e.getValue() + " to " + next
            + " (major version: importers would break)");
      } else if (next.compareTo(e.getValue()) < 0) {
        out.add("package " + e.getKey() + " goes back from " + e.getValue() + " to " + next);
      }
    }
    return out;
  }
}

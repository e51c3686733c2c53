package org.hypertrace.kernel.prov;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Probe ids for all kernel providers of this JVM: one stable id per full probe name, unique across
 * providers (ids below 100 are left to the engine's own dtrace:::BEGIN/END/ERROR and friends).
 */
final class ProbeIds {
  private static final ConcurrentHashMap<String, Integer> IDS = new ConcurrentHashMap<>();
  private static final AtomicInteger NEXT = new AtomicInteger(100);

  private ProbeIds() {}

  static int of(String provider, String module, String function, String name) {
    return IDS.computeIfAbsent(provider + ":" + module + ":" + function + ":" + name,
        k -> NEXT.getAndIncrement());
  }
}

package org.hypertrace.cli;

import java.lang.reflect.Method;
import org.hypertrace.api.engine.DTraceEngine;
import org.hypertrace.api.provider.ProbeProvider;

/**
 * Hands the providers the command line loaded to the engine on a plain class path (in OSGi the
 * engine tracks provider services itself). Called reflectively so the command line runs with an
 * api that has {@code DTraceEngine.useProvider} or one that predates it.
 */
final class EngineHooks {
  private EngineHooks() {}

  static void useProvider(DTraceEngine engine, ProbeProvider provider) {
    try {
      Method m = engine.getClass().getMethod("useProvider", ProbeProvider.class);
      m.invoke(engine, provider);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // an engine without the hook runs its built-in providers only
      return;
    }
  }
}

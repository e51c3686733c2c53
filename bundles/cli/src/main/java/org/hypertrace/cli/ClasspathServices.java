package org.hypertrace.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.hypertrace.api.compile.DCompiler;
import org.hypertrace.api.engine.DTraceEngine;
import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.api.types.ProgramLinker;
import org.hypertrace.api.types.TypeRegistry;
import org.hypertrace.cli.remote.NoDaemon;
import org.hypertrace.cli.remote.RemoteTracing;

/**
 * Services found on a plain class path through {@code META-INF/services}: the fast start of
 * dtrace(1) without an OSGi framework. Each is looked up once, on first use, so that {@code -V}
 * or a usage error loads nothing.
 */
public final class ClasspathServices implements Services {
  private DCompiler compiler;
  private DTraceEngine engine;
  private List<ProbeProvider> providers;
  private RemoteTracing remote;
  private ProgramLinker linker;
  private TypeRegistry types;

  @Override
  public synchronized DCompiler compiler() {
    if (compiler == null) {
      compiler = first(DCompiler.class, "no D compiler is installed");
    }
    return compiler;
  }

  @Override
  public synchronized DTraceEngine engine() {
    if (engine == null) {
      // the providers are handed to the engine by the command line only when a description
      // needs them (ProbeCatalog), so that BEGIN/tick programs never load JNA and tracefs
      engine = first(DTraceEngine.class, "no DTrace engine is installed");
    }
    return engine;
  }

  @Override
  public synchronized List<ProbeProvider> providers() {
    if (providers == null) {
      List<ProbeProvider> found = new ArrayList<>();
      ServiceLoader<ProbeProvider> loader = ServiceLoader.load(ProbeProvider.class);
      var it = loader.iterator();
      while (true) {
        try {
          if (!it.hasNext()) {
            break;
          }
          found.add(it.next());
        } catch (ServiceConfigurationError | LinkageError e) {
          // a provider that cannot load here (missing facility) is left out, not fatal
          continue;
        }
      }
      providers = List.copyOf(found);
    }
    return providers;
  }

  @Override
  public synchronized RemoteTracing remote() {
    if (remote == null) {
      try {
        remote = ServiceLoader.load(RemoteTracing.class).findFirst().orElseGet(NoDaemon::new);
      } catch (ServiceConfigurationError | LinkageError e) {
        remote = new NoDaemon();
      }
    }
    return remote;
  }

  @Override
  public synchronized ProgramLinker linker() {
    if (linker == null) {
      linker = first(ProgramLinker.class, "no program linker is installed (bundle linker)");
    }
    return linker;
  }

  @Override
  public synchronized TypeRegistry typeRegistry() {
    if (types == null) {
      types = first(TypeRegistry.class,
          "no kernel type registry is installed (bundle guest-types)");
    }
    return types;
  }

  private static <T> T first(Class<T> type, String missing) {
    try {
      return ServiceLoader.load(type).findFirst()
          .orElseThrow(() -> new IllegalStateException(missing));
    } catch (ServiceConfigurationError | LinkageError e) {
      throw new IllegalStateException(missing + ": " + oneLine(e.getMessage()));
    }
  }

  static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}

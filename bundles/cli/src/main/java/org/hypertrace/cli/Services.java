package org.hypertrace.cli;

import java.util.List;
import org.hypertrace.api.compile.DCompiler;
import org.hypertrace.api.engine.DTraceEngine;
import org.hypertrace.api.provider.ProbeProvider;
import org.hypertrace.api.types.ProgramLinker;
import org.hypertrace.api.types.TypeRegistry;
import org.hypertrace.cli.remote.RemoteTracing;

/**
 * The services the command line runs on. {@link ClasspathServices} finds them with
 * {@link java.util.ServiceLoader}; unit tests pass fakes.
 */
public interface Services {
  /**
   * @return the D compiler
   * @throws IllegalStateException with a one-line reason if none is installed
   */
  DCompiler compiler();

  /**
   * @return the engine
   * @throws IllegalStateException with a one-line reason if none is installed
   */
  DTraceEngine engine();

  /** @return the probe providers installed (possibly none) */
  List<ProbeProvider> providers();

  /** @return the -E path */
  RemoteTracing remote();

  /**
   * @return the linker that resolves a program's relocation sites before local tracing
   * @throws IllegalStateException with a one-line reason if none is installed
   */
  default ProgramLinker linker() {
    throw new IllegalStateException("no program linker is installed");
  }

  /**
   * @return the kernel type registry (the host's types for local tracing)
   * @throws IllegalStateException with a one-line reason if none is installed
   */
  default TypeRegistry typeRegistry() {
    throw new IllegalStateException("no kernel type registry is installed");
  }
}

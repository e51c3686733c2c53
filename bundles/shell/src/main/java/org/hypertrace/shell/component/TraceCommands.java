package org.hypertrace.shell.component;

import org.hypertrace.api.compile.DCompiler;
import org.hypertrace.api.engine.DTraceEngine;
import org.hypertrace.api.types.ProgramLinker;
import org.hypertrace.api.types.TypeRegistry;
import org.hypertrace.shell.trace.ShellTrace;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Gogo commands of scope {@code dtrace}: {@code run} and {@code list}. */
@Component(service = TraceCommands.class, property = {"osgi.command.scope=dtrace",
    "osgi.command.function=run", "osgi.command.function=list"})
public final class TraceCommands {
  // dynamic: the shell keeps working while the compiler or engine bundle is upgraded
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile DCompiler compiler;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile DTraceEngine engine;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile ProgramLinker linker;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile TypeRegistry types;

  /**
   * @param script a D program, e.g. {@code "BEGIN { trace(1); exit(0); }"}
   * @throws Exception when compiling or enabling fails (the command exits 1)
   */
  public void run(String script) throws Exception {
    run(0, script);
  }

  /**
   * @param seconds stop after this many seconds (END runs, aggregations print)
   * @param script  a D program
   * @throws Exception when compiling or enabling fails (the command exits 1)
   */
  public void run(long seconds, String script) throws Exception {
    int status = ShellTrace.run(need(compiler, "compiler"), need(engine, "engine"), linker,
        types, script, seconds, System.out);
    if (status != 0) {
      throw new IllegalStateException("dtrace: exit status " + status);
    }
  }

  /** @return every probe, as dtrace -l lists them */
  public String list() {
    return list("");
  }

  /**
   * @param pattern provider:module:function:name with globs
   * @return the matching probes, as dtrace -l lists them
   */
  public String list(String pattern) {
    return ShellTrace.list(need(engine, "engine"), pattern);
  }

  private static <T> T need(T service, String bundle) {
    if (service == null) {
      throw new IllegalStateException("dtrace: bundle org.hypertrace." + bundle
          + " is not active");
    }
    return service;
  }
}

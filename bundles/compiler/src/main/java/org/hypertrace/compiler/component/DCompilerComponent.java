package org.hypertrace.compiler.component;

import org.hypertrace.api.compile.CompileRequest;
import org.hypertrace.api.compile.CompileResult;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DCompiler;
import org.hypertrace.api.types.TypeRegistry;
import org.hypertrace.compiler.DTraceCompiler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Registers the D compiler as an OSGi service; all logic lives in {@link DTraceCompiler}. The
 * kernel's types come from the type registry service (bundle guest-types) when one is there;
 * without it the compiler works with D's types alone, and a registry arriving or leaving later
 * is seen by the next compilation.
 */
@Component(service = DCompiler.class)
public class DCompilerComponent implements DCompiler {
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile TypeRegistry types;

  private final DTraceCompiler compiler = new DTraceCompiler(() -> types);

  @Override
  public CompileResult compile(CompileRequest request) throws DCompileException {
    return compiler.compile(request);
  }
}

package org.hypertrace.compiler.component;

import org.hypertrace.api.compile.CompileRequest;
import org.hypertrace.api.compile.CompileResult;
import org.hypertrace.api.compile.DCompileException;
import org.hypertrace.api.compile.DCompiler;
import org.hypertrace.compiler.DTraceCompiler;
import org.osgi.service.component.annotations.Component;

/** Registers the D compiler as an OSGi service; all logic lives in {@link DTraceCompiler}. */
@Component(service = DCompiler.class)
public class DCompilerComponent implements DCompiler {
  private final DTraceCompiler compiler = new DTraceCompiler();

  @Override
  public CompileResult compile(CompileRequest request) throws DCompileException {
    return compiler.compile(request);
  }
}

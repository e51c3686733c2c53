package org.hypertrace.api.engine;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where a trace session writes: standard output (records, aggregations) and standard error
 * (drops, errors), already formatted exactly as dtrace(1) prints them.
 */
@ConsumerType
public interface TraceOutput {
  /** @param text output for standard output */
  void out(CharSequence text);

  /** @param text output for standard error (one or more whole lines) */
  void err(CharSequence text);
}

/**
 * Tracepoint discovery through tracefs and parsing of event {@code format} files into typed
 * fields.
 */
package org.hypertrace.kernel.tracefs;

/**
 * Transport: spool folders base/ outbound/ inbound/ with atomic publication, and the
 * applied-identity log.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.hypertrace.transport.spool;

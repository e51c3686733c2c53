/**
 * Transport: one framing for every channel: fixed header, size limit checked before the payload.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.hypertrace.transport.frame;

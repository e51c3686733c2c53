/**
 * Transport: channels: TCP with mutual TLS, unix sockets, virtio-serial ports; bounded send queues.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.hypertrace.transport.channel;

/**
 * Transport: HyperTrace messages (ELF, KILL, CLEANUP, INFO, NODE_ID) plus HELLO, DATA, ACK/NAK;
 * chunking.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.hypertrace.transport.msg;

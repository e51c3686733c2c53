/** HyperTrace contracts: the overlord's view of its minions, program publication, data return. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.hypertrace.api.transport;

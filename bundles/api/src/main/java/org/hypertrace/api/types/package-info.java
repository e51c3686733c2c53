/**
 * HyperTrace contracts: kernel type data per target (the host, each guest), and the linker that
 * resolves a program's relocations against it (HyperTrace's {@code dt_typefile} and
 * {@code dt_prog_link}). A target is named by its type-data digest: the SHA-256 (lowercase hex) of
 * its raw BTF bytes.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.hypertrace.api.types;

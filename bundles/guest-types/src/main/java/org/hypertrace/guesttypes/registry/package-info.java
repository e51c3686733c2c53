/**
 * The type registry per target (HyperTrace's {@code dt_typefile} list): host types and guest types
 * keyed by BTF digest, type lookup by C name, member paths resolved to offsets and load steps.
 */
package org.hypertrace.guesttypes.registry;

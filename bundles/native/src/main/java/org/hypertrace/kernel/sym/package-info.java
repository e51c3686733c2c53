/** Symbolisation of stack frames: kernel pcs from /proc/kallsyms, user pcs from ELF symbols. */
package org.hypertrace.kernel.sym;

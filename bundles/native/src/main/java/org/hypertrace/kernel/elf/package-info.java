/** ELF symbol tables for uprobes: function name to file offset. */
package org.hypertrace.kernel.elf;

/** The seam of {@code dtrace -E}: submission of programs to a dtraced. */
package org.hypertrace.cli.remote;

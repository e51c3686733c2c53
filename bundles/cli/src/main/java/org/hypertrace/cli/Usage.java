package org.hypertrace.cli;

/**
 * The usage text dtrace(1) prints on a bad command line or when run without arguments, with
 * HyperTrace's {@code -E}, {@code -y} and {@code -Y} added. Mirrors dtrace.c {@code usage()}.
 */
final class Usage {
  private static final String PREDACT = "[[ predicate ] action ]";

  private Usage() {}

  /**
   * @param pname the program name
   * @return the whole usage text, ending with a newline
   */
  static String text(String pname) {
    StringBuilder b = new StringBuilder(2048);
    b.append("Usage: ").append(pname).append(" [-32|-64] [-aACeEFGhHlqSvVwZ] ")
        .append("[-b bufsz] [-c cmd] [-D name[=def]]\n\t[-I path] [-L path] ")
        .append("[-o output] [-p pid] [-s script] [-U name]\n\t")
        .append("[-x opt[=val]] [-X a|c|s|t] [-y file] [-Y file[,host|guest]]\n\n")
        .append("\t[-P provider ").append(PREDACT).append("]\n")
        .append("\t[-m [ provider: ] module ").append(PREDACT).append("]\n")
        .append("\t[-f [[ provider: ] module: ] func ").append(PREDACT).append("]\n")
        .append("\t[-n [[[ provider: ] module: ] func: ] name ").append(PREDACT).append("]\n")
        .append("\t[-i probe-id ").append(PREDACT).append("] [ args ... ]\n\n");
    b.append("\tpredicate -> '/' D-expression '/'\n");
    b.append("\t   action -> '{' D-statements '}'\n");
    b.append("\n"
        + "\t-32 generate 32-bit D programs and ELF files\n"
        + "\t-64 generate 64-bit D programs and ELF files\n\n"
        + "\t-a  claim anonymous tracing state\n"
        + "\t-A  generate driver.conf(5) directives for anonymous tracing\n"
        + "\t-b  set trace buffer size\n"
        + "\t-c  run specified command and exit upon its completion\n"
        + "\t-C  run cpp(1) preprocessor on script files\n"
        + "\t-D  define symbol when invoking preprocessor\n"
        + "\t-e  exit after compiling request but prior to enabling probes\n"
        + "\t-E  submit the program to dtraced for the hosts and guests it names\n"
        + "\t-f  enable or list probes matching the specified function name\n"
        + "\t-F  coalesce trace output by function\n"
        + "\t-G  generate an ELF file containing embedded dtrace program\n"
        + "\t-h  generate a header file with definitions for static probes\n"
        + "\t-H  print included files when invoking preprocessor\n"
        + "\t-i  enable or list probes matching the specified probe id\n"
        + "\t-I  add include directory to preprocessor search path\n"
        + "\t-l  list probes matching specified criteria\n"
        + "\t-L  add library directory to library search path\n"
        + "\t-m  enable or list probes matching the specified module name\n"
        + "\t-n  enable or list probes matching the specified probe name\n"
        + "\t-o  set output file\n"
        + "\t-p  grab specified process-ID and cache its symbol tables\n"
        + "\t-P  enable or list probes matching the specified provider name\n"
        + "\t-q  set quiet mode (only output explicitly traced data)\n"
        + "\t-s  enable or list probes according to the specified D script\n"
        + "\t-S  print D compiler intermediate code\n"
        + "\t-U  undefine symbol when invoking preprocessor\n"
        + "\t-v  set verbose mode (report stability attributes, arguments)\n"
        + "\t-V  report DTrace API version\n"
        + "\t-w  permit destructive actions\n"
        + "\t-x  enable or modify compiler and tracing options\n"
        + "\t-X  specify ISO C conformance settings for preprocessor\n"
        + "\t-y  read the types of a target from the given file\n"
        + "\t-Y  read host or guest types from the given file\n"
        + "\t-Z  permit probe descriptions that match zero probes\n");
    return b.toString();
  }
}
